"""Every key of the review, with the binding ids a keymap file can rebind."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from factdesk.tui.render import rich_text, safe

ELSEWHERE = [
    ("ctrl+p", "command palette: every action; jump to a claim or a report"),
    ("ctrl+q", "quit (asks when there are unsaved changes)"),
    ("arrows", "matrix: move; the pair under the cursor is selected"),
    ("enter, m, escape", "matrix: back to the review"),
    ("enter, escape", "dialogs: accept, cancel; a question's answers show their keys"),
    ("ctrl+s", "paste dialog: add the pasted report"),
]


class Help(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "close", id="help.close")]

    def __init__(self, bindings: Iterable[Binding], keymap: Mapping[str, str], keymap_file: Path | None) -> None:
        super().__init__(classes="dialog")
        self.bindings, self.keymap, self.keymap_file = list(bindings), keymap, keymap_file

    def compose(self) -> ComposeResult:
        with Vertical(classes="box help"):
            yield Static(Content("Keys"), classes="title")
            where = str(self.keymap_file) if self.keymap_file else "$XDG_CONFIG_HOME/factdesk/keymap.toml"
            yield Static(Content.assemble("Rebind keys in ", safe(where), ' with a [keymap] table of binding '
                                          'ids, e.g.  "review.supports" = "y"  or  "review.next_claim" = "j,down"'),
                         classes="hint")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="keys")
            yield Static(Content("escape or ? closes this screen"), classes="hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(Text("keys"), Text("binding id"), Text("does"))
        for b in self.bindings:
            keys = self.keymap.get(b.id or "", b.key)
            table.add_row(rich_text(keys), Text(b.id or "", style="dim"), Text(b.tooltip or b.description))
        for keys, does in ELSEWHERE:
            table.add_row(Text(keys), Text(""), Text(does))
