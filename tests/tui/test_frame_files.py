"""Where the review's files go, and the names it gives them, on real folders: the bundled
example's verdicts in the current folder (the user data folder when that one is an installed
package's), pasted reports named after their titles, "save elsewhere" names, path completion."""

from __future__ import annotations

import sysconfig
from datetime import date
from pathlib import Path

import pytest

from factdesk.tui.cli import bundled_rules, default_verdicts_path
from factdesk.tui.render import shorten, status
from factdesk.tui.session import (
    Pasted, complete_path, elsewhere, first_headline, installed, keep_pasted, pasted_text, slug,
)
from factdesk.tui.theme import load_theme, save_theme


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data" / "factdesk"


def test_the_bundled_example_saves_into_the_current_folder(tmp_path, monkeypatch, data_home):
    monkeypatch.chdir(tmp_path)
    verdicts = default_verdicts_path(bundled_rules(), bundled=True)
    assert verdicts == tmp_path / "cambodia-scam-crackdown.verdicts.yaml"
    assert not data_home.exists()


def test_from_inside_site_packages_it_saves_into_the_user_data_folder(monkeypatch, data_home):
    packages = Path(sysconfig.get_paths()["purelib"])
    monkeypatch.chdir(packages)
    assert installed(packages) and installed(packages / "factdesk" / "rules" / "x.yaml")
    verdicts = default_verdicts_path(bundled_rules(), bundled=True)
    assert verdicts == data_home / "cambodia-scam-crackdown.verdicts.yaml" and data_home.is_dir()
    # and rules inside an installed package are never given their verdicts beside them
    assert default_verdicts_path(packages / "somepkg" / "rules.yaml").parent == data_home


def test_rules_of_ones_own_keep_their_verdicts_beside_them(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "desk").mkdir()
    assert default_verdicts_path(tmp_path / "desk" / "story.yaml") == tmp_path / "desk" / "story.verdicts.yaml"
    assert not installed(tmp_path)


def test_a_pasted_report_is_named_after_its_title_with_a_front_matter(tmp_path):
    verdicts = tmp_path / "story.verdicts.yaml"
    pasted = Pasted("Police said 75 Taiwanese were arrested.\n", 'Scam raids: "3,075 held" / CON',
                    "Taipei Times", date(2025, 7, 18), "https://example.com/x")
    first, second = keep_pasted(verdicts, pasted), keep_pasted(verdicts, pasted)
    assert first.name == "scam-raids-3075-held-con.md" and second.name == "scam-raids-3075-held-con-2.md"
    assert first.parent == tmp_path / "story.verdicts.pasted"
    assert first.read_text(encoding="utf-8") == (
        "---\ntitle: 'Scam raids: \"3,075 held\" / CON'\noutlet: Taipei Times\npublished: 2025-07-18\n"
        "url: https://example.com/x\n---\n\nPolice said 75 Taiwanese were arrested.\n")
    untitled = keep_pasted(verdicts, Pasted("75 Taiwanese.\n"))
    assert untitled.suffix == ".txt" and untitled.read_text(encoding="utf-8") == "75 Taiwanese.\n"


@pytest.mark.parametrize(("title", "name"), [
    ("Cambodia arrests 3,075", "cambodia-arrests-3075"),
    ("Économie : 40 Mrd €", "economie-40-mrd"),
    ("柬埔寨逮捕三千人", "柬埔寨逮捕三千人"),
    ("../../etc/passwd", "etc-passwd"),
    ("nul", "nul-report"),
    ("!!!", ""),
    ("word " * 40, "-".join(["word"] * 12)),
])
def test_slugs_are_safe_file_names(title, name):
    assert slug(title) == name and "/" not in slug(title) and len(slug(title)) <= 60


def test_pasted_cr_line_ends_become_line_breaks_and_the_headline_stands_apart():
    assert pasted_text("a b c.\r\nd e f.\rg h.") == "a b c.\nd e f.\ng h."
    assert pasted_text("Cambodia holds 75 in raids\rPolice said so.") == "Cambodia holds 75 in raids\n\nPolice said so."
    assert pasted_text("\rPolice said so.\rThey did.") == "\nPolice said so.\nThey did."
    assert first_headline("Cambodia holds 75 in raids\rPolice said so.") == "Cambodia holds 75 in raids"
    assert first_headline("Police said so.\rThey did.") == "" and first_headline("One headline only") == ""


def test_save_elsewhere_offers_a_name_that_is_free(tmp_path):
    target = tmp_path / "story.verdicts.yaml"
    assert elsewhere(target) == tmp_path / "story-2.verdicts.yaml"
    (tmp_path / "story-2.verdicts.yaml").write_text("")
    assert elsewhere(target) == tmp_path / "story-3.verdicts.yaml"
    assert elsewhere(tmp_path / "story-3.verdicts.yaml") == tmp_path / "story-4.verdicts.yaml"
    assert elsewhere(tmp_path / "notes") == tmp_path / "notes-2"


def test_path_completion_goes_no_further_than_the_next_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reports" / "july").mkdir(parents=True)
    (tmp_path / "reports" / "july" / "a.txt").write_text("x")
    (tmp_path / "rules.yaml").write_text("x")
    (tmp_path / "reports" / "raids-1.txt").write_text("x")
    (tmp_path / "reports" / "raids-2.txt").write_text("x")
    (tmp_path / "reports" / ".hidden").write_text("x")
    assert complete_path("rep") == "reports/"
    assert complete_path("r") is None  # reports/ and rules.yaml: nothing they share to add
    assert complete_path("reports/") is None  # july/ and raids-: no one name
    assert complete_path("reports/r") == "reports/raids-"
    assert complete_path("reports/j") == "reports/july/"
    assert complete_path("reports/.") == "reports/.hidden"
    assert complete_path(str(tmp_path / "rep")) == str(tmp_path / "reports") + "/"
    assert complete_path("nowhere/x") is None and complete_path("") is None


def test_the_header_always_shows_the_verdicts_path_shortened_with_an_ellipsis(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    long = str(tmp_path / "newsroom" / "2026" / "cambodia" / "cambodia-scam-crackdown.verdicts.yaml")
    assert shorten(long, 200) == "~/newsroom/2026/cambodia/cambodia-scam-crackdown.verdicts.yaml"
    assert shorten(long, 50) == "…/cambodia/cambodia-scam-crackdown.verdicts.yaml"
    short = shorten(long, 20)
    assert len(short) == 20 and short.startswith("…") and short.endswith("verdicts.yaml")
    for width in (80, 120):
        line = status(long, True, 3, 135, True, "alice", "verdict:contradicts", width=width).plain
        assert len(line) <= width - 2 and "verdicts.yaml   unsaved changes" in line
        assert ("filter: verdict:contradicts" in line) == (width == 120)  # at 80, the path comes first
    line = status(long, True, 3, 135, True, "alice", "", width=200).plain
    assert "~/newsroom/2026/cambodia/cambodia-scam-crackdown.verdicts.yaml" in line and "alice" in line


def test_the_theme_file_round_trips_and_a_broken_one_is_ignored(tmp_path):
    path = tmp_path / "config" / "factdesk" / "theme.toml"
    assert load_theme(path) is None
    save_theme(path, "nord")
    assert load_theme(path) == "nord" and path.read_text() == 'theme = "nord"\n'
    path.write_text("theme = [")
    assert load_theme(path) is None
