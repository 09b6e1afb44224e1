"""The full text of a report (f): every evidence passage of the pair marked, the one shown
scrolled into view, ] and [ between them, the choice kept on return; report text as text."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from factdesk.tui.render import literal
from factdesk.tui.screens.fulltext import FullText
from factdesk.tui.widgets.report_text import wrap

from tui_helpers import loaded, pilot_test, screen_text, text, until

FILLER = "Background on the region's economy and its history, with nothing counted in it at all."
FIRST = "Police said more than 1,000 people were arrested in raids on scam centres."
LAST = "By Sunday police said 3,075 people had been detained in the raids on scam centres."
CLICK = "[@click=app.quit]x[/]"


def long_report(desk) -> None:
    lines = ["Cambodia scam raids go on", "", FIRST] + [FILLER] * 300 + [LAST, f"Some wrote {CLICK} here."]
    desk.path("long").mkdir()
    desk.path("long/long-report.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


async def full_text(pilot) -> None:
    """Press f and wait for the full text, drawn."""
    await pilot.press("f")
    await until(pilot, lambda: isinstance(pilot.app.screen, FullText))
    await pilot.pause(0.1)


def rows(app) -> list[list]:
    """The terminal's rows as lists of segments (text and style)."""
    return [list(strip) for strip in app.screen._compositor.render_strips()]


def styles_of(app, words: str) -> list:
    """The styles of the segments on the row showing `words` that lie within them."""
    for row in rows(app):
        line = "".join(s.text for s in row)
        at = line.find(words)
        if at >= 0:
            found, x = [], 0
            for s in row:
                if x < at + len(words) and x + len(s.text) > at and s.text.strip():
                    found.append(s.style)
                x += len(s.text)
            return found
    raise AssertionError(f"{words!r} is not on screen")


@pilot_test
async def test_the_full_text_marks_the_evidence_and_scrolls_the_shown_passage_into_view(desk):
    long_report(desk)
    app = desk.app("long")
    async with app.run_test(size=(100, 30)) as pilot:
        review = await loaded(pilot, reports=1)
        evidence = review.state.pair(0, 0).evidence
        quotes = [e.quote for e in evidence]
        assert any("3,075" in q for q in quotes) and any("more than 1,000" in q for q in quotes)
        at_last = next(i for i, q in enumerate(quotes) if "3,075" in q)
        review.selection = replace(review.selection, passage=at_last)
        await pilot.pause()
        await full_text(pilot)
        shown = screen_text(app)
        assert "Full text of long-report.txt" in shown and f"evidence {at_last + 1} of {len(evidence)}" in shown
        assert "3,075 people had been detained" in shown  # 300 lines down, scrolled into view
        assert FIRST not in shown
        plain = styles_of(app, "Background on the region")[0].bgcolor
        current = styles_of(app, "people had been detained")
        assert all(s.bgcolor != plain and s.bold for s in current)  # the passage shown: on a background
        figure = styles_of(app, "3,075")
        assert all(s.reverse for s in figure)  # its figure as in the pair view
        await pilot.press("]")  # the other evidence passage, at the top of the text
        await pilot.pause(0.1)
        shown = screen_text(app)
        assert "more than 1,000 people were arrested" in shown and "3,075 people" not in shown
        assert all(s.bgcolor != plain for s in styles_of(app, "people were arrested"))
        await pilot.press("end")  # the text scrolls; the passage no longer shown is still marked
        await pilot.pause(0.1)
        marked = styles_of(app, "people had been detained")
        assert all(s.underline and s.bgcolor == plain for s in marked)
        await pilot.press("f")  # back: the pair view shows the passage chosen there
        await until(pilot, lambda: not isinstance(app.screen, FullText))
        assert review.selection.passage != at_last
        assert "more than 1,000 people were arrested" in text(app, "#evidence")


@pilot_test
async def test_markup_in_the_full_text_is_shown_as_written_and_clicking_it_runs_nothing(desk):
    long_report(desk)
    app = desk.app("long")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot, reports=1)
        await full_text(pilot)
        await pilot.press("end")
        await pilot.pause(0.1)
        for y, line in enumerate(screen_text(app).splitlines()):
            if CLICK in line:
                x = line.index(CLICK)
                for dx in (0, 1, CLICK.index("x")):
                    await pilot.click(offset=(x + dx, y))
                break
        else:
            raise AssertionError("the markup is not shown as written")
        await pilot.pause(0.1)
        assert app.is_running and isinstance(app.screen, FullText)
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, FullText))


@pilot_test
async def test_the_full_text_rewraps_to_a_new_width(desk):
    long_report(desk)
    app = desk.app("long")
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(pilot, reports=1)
        await full_text(pilot)
        assert FIRST in screen_text(app)  # one line at 120 columns
        await pilot.resize_terminal(60, 30)
        await pilot.pause(0.2)
        shown = screen_text(app)
        assert FIRST not in shown and "Police said more than 1,000 people were" in shown
        assert all(len(line) <= 60 for line in shown.splitlines())


@pytest.mark.parametrize("text, width, lines", [
    ("aaa bbb ccc", 7, ["aaa bbb ", "ccc"]),
    ("aaa bbb ccc", 6, ["aaa ", "bbb ", "ccc"]),
    ("aaa bbb ccc", 3, ["aaa ", "bbb ", "ccc"]),
    ("abcdefgh", 3, ["abc", "def", "gh"]),
    ("one\n\ntwo three", 5, ["one", "", "two ", "three"]),
    ("世界世界", 4, ["世界", "世界"]),
    ("", 10, [""]),
])
def test_wrap_cuts_between_words_and_inside_only_a_word_too_long(text, width, lines):
    assert [text[a:b] for a, b in wrap(text, width)] == lines


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("ab 世\n\t-\x1b"), max_size=80), st.integers(1, 12))
def test_wrapped_lines_cover_the_text_in_order_and_fit_the_width(text, width):
    text = literal(text)
    lines = wrap(text, width)
    assert lines[0][0] == 0 and lines[-1][1] == len(text)  # every character, once, in order:
    breaks = 0
    for (_, end), (start, _) in zip(lines, lines[1:]):
        if start == end + 1 and text[end] == "\n":  # a line of the text ends
            breaks += 1
        else:
            assert start == end  # or a long one goes on on the next line
    assert breaks == text.count("\n") and not any("\n" in text[a:b] for a, b in lines)
    for a, b in lines:
        assert cell_len(text[a:b].rstrip(" ")) <= max(width, 2)  # (a wide character needs 2)
