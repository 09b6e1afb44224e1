"""Where the pair's report is from, and how its figure stands in time to the source's, as the
pair view shows them (the words are the engine's; this only picks what the screen knows)."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content

from factdesk.claims.review import ReviewState
from factdesk.claims.verdicts import Evidence, relation_words
from factdesk.tui import render


def origin(state: ReviewState, report: int, width: int) -> Content:
    """The report's title, outlet, date and URL, as far as known (from its HTML metadata, its
    front matter, or the paste dialog), on one line of `width` cells."""
    r = state.reports[report]
    text = state.texts[report] if report < len(state.texts) else None
    title = r.title or (text.title if text is not None else "")
    if title == Path(r.file).name:  # the file's name stands in for a title; the heading shows it
        title = ""
    return render.origin(title, r.outlet, r.published, r.url, width)


def relation(state: ReviewState, report: int, evidence: Evidence | None) -> Content:
    """'3,075: a later cumulative tally, 14 days after the source (report of ..., source of ...)'
    under the why-line, when the engine found the figure to be such; else nothing."""
    if evidence is None:
        return Content("")
    return render.relation(relation_words(evidence, state.reports[report].published,
                                          state.rules.source.published if state.rules.source else ""))
