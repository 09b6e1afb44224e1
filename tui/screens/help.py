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
    ("ctrl+p", "command palette: every action, and jump to a claim or a report"),
    ("ctrl+q", "quit (asks first when there are unsaved changes)"),
    ("matrix: arrows", "move; the pair under the cursor is selected"),
    ("matrix: enter, m, escape", "back to the review"),
    ("dialogs: enter / escape", "accept / cancel; a question's answers show their key"),
    ("paste: ctrl+s", "add the pasted report"),
]


class Help(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "close", id="help.close")]

    def __init__(self, bindings: Iterable[Binding], keymap: Mapping[str, str], keymap_file: Path | None) -> None:
        super().__init__(classes="dialog")
        self.bindings, self.keymap, self.keymap_file = list(bindings), keymap, keymap_file

    def compose(self) -> ComposeResult:
        with Vertical(classes="box wide"):
            yield Static(Content("Keys"), classes="title")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="keys")
            where = str(self.keymap_file) if self.keymap_file else "$XDG_CONFIG_HOME/factdesk/keymap.toml"
            yield Static(Content.assemble("Rebind keys in ", safe(where), ' with a [keymap] table: '
                                          '"review.supports" = "y"   (several keys: "j,down")'), classes="hint")
            yield Static(Content("escape or ? closes this screen"), classes="hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(Text("keys"), Text("does"), Text("binding id"))
        for b in self.bindings:
            keys = self.keymap.get(b.id or "", b.key)
            table.add_row(rich_text(keys), Text(b.description), Text(b.id or "", style="dim"))
        for keys, does in ELSEWHERE:
            table.add_row(Text(keys), Text(does), Text(""))
