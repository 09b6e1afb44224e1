"""The command palette: the review's actions, and jumping to a claim or a report."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from factdesk.tui.render import line, safe


def _highlight(matcher: Matcher, text: str) -> Content:
    """Matcher.highlight parses markup; this highlights the matched letters of literal text."""
    content = safe(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for o in offsets if score else ():
        content = content.stylize(matcher.match_style, o, o + 1)
    return content


class ReviewCommands(Provider):
    """Built from the review screen as it is when the palette opens."""

    async def startup(self) -> None:
        screen = self.screen
        self.commands: list[tuple[str, Callable[[], object], bool]] = []
        for binding in screen.active_bindings_for_palette():
            action = binding.action
            self.commands.append((binding.description.capitalize(), partial(screen.run_action, action), True))
        state = screen.state
        for i, claim in enumerate(state.rules.claims):
            self.commands.append((f"Jump to claim {line(claim.id)}: {line(claim.statement)}",
                                  partial(screen.select, screen.report, i), False))
        for i, report in enumerate(state.reports):
            self.commands.append((f"Jump to report {i + 1}: {line(Path(report.file).name)}",
                                  partial(screen.select, i, screen.claim), False))

    async def discover(self) -> Hits:
        for text, run, shown in self.commands:
            if shown:
                yield DiscoveryHit(safe(text), run, text=text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, run, _ in self.commands:
            if (score := matcher.match(text)) > 0:
                yield Hit(score, _highlight(matcher, text), run, text=text)
