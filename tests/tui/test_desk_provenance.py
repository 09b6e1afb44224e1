"""Where each report is from (title, outlet, date, URL) in the pair's heading, and the why-line
saying when a differing figure is a later tally, with the report's date beside the source's."""

from __future__ import annotations

from pathlib import Path

from factdesk.tui.render import origin

from tui_helpers import ROOT, loaded, pilot_test, text

TITLE = "Cambodia's scam crackdown tally passes 3,000 as raids spread [@click=app.quit]x"
URL = "https://example.org/news/2025/07/31/cambodia-scam-crackdown-tally-passes-3000-as-raids-spread"


def dated_tally(desk, name: str = "tally.md", published: str = "2025-07-31") -> Path:
    """The cumulative-tally sample with a front matter: its title, outlet, date and URL."""
    body = (ROOT / "seeds/reports/02-cumulative-tally.txt").read_text(encoding="utf-8")
    path = desk.path("dated") / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(f'---\ntitle: "{TITLE}"\noutlet: Phnom Penh Post\npublished: {published}\nurl: {URL}\n---\n\n'
                    + body, encoding="utf-8")
    return path


@pilot_test
async def test_the_pair_heading_says_where_the_report_is_from_cut_with_an_ellipsis(desk):
    dated_tally(desk)
    app = desk.app("dated", "reports/01-wire-agreement.txt")
    async with app.run_test(size=(120, 36)) as pilot:
        review = await loaded(pilot, reports=2)
        at = [Path(r.file).name for r in review.state.reports].index("tally.md")
        review.select(at, 0)
        await pilot.pause()
        heading = text(app, "#pair").splitlines()
        assert heading[-1].startswith("from: Phnom Pen")
        assert " · 2025-07-31 · Cambodia's sc" in heading[-1]
        assert heading[-1].endswith("…") and " · https://exam" in heading[-1]  # the title and URL cut
        assert len(heading[-1]) <= app.screen.query_one("#pair").content_region.width
        await pilot.press("tab")  # a plain text report: its headline is all it says of itself
        assert text(app, "#pair").splitlines()[-1] == "from: Cambodia detains more than 1,000 in sweep of online scam hubs"
    async with desk.app("dated").run_test(size=(200, 50)) as pilot:  # wide: the whole title, markup as text
        await loaded(pilot, reports=1)
        heading = text(pilot.app, "#pair").splitlines()[-1]
        assert heading.startswith(f"from: Phnom Penh Post · 2025-07-31 · {TITLE} · https://example.org/news/")


def test_long_values_give_way_longest_first_and_the_date_is_never_cut():
    for width in (100, 60, 40, 30):
        shown = origin(TITLE, "The Phnom Penh Post", "2025-07-31", URL, width).plain
        assert len(shown) <= width, (width, shown)
        assert "2025-07-31" in shown
        assert shown.startswith("from: The Ph")
    assert origin(TITLE, "Post", "2025-07-31", URL, 60).plain.count("…") == 2  # title and URL, not outlet
    assert origin("", "", "", "", 80).plain.startswith("from: not known")
    assert origin("[b]x[/b]\x1b[31m", "", "", "", 80).plain == "from: [b]x[/b]␛[31m"


@pilot_test
async def test_the_why_line_says_a_later_tally_with_both_dates(desk):
    dated_tally(desk)
    app = desk.app("dated")
    async with app.run_test(size=(120, 36)) as pilot:
        review = await loaded(pilot, reports=1)
        assert review.state.pair(0, 0).evidence[0].relation == "later_tally"
        why = text(app, "#reason")
        assert "figure 3,075: a later cumulative tally, 14 days after the source " \
               "(report of 2025-07-31, source of 2025-07-17)" in why
