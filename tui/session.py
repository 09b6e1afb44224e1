"""The review's files: the verdicts file and its recovery copy, which reports to load, and
where pasted reports are kept. No screen here (and no matching or parsing: the engine does that)."""

from __future__ import annotations

import errno
import glob
import os
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

import yaml

from factdesk.claims.formats import file_stamp, load_verdicts, locked, not_a_file, write_atomic, writes_through
from factdesk.claims.reports import STDIN_NAME, expand_paths
from factdesk.claims.verdicts import ReportVerdicts, Verdicts


def stamp_now() -> str:
    """A timestamp for file names (local time, no characters a file system dislikes)."""
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def shown(path: str | Path) -> str:
    """A path as the screen shows it: relative to the current folder when it is inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(p)


@dataclass(frozen=True)
class VerdictsFile:
    """The verdicts file and the (mtime, size, inode) stamp it had when we last read or wrote it."""

    path: Path
    stamp: tuple[int, int, int] | None

    @classmethod
    def at(cls, path: str | Path) -> VerdictsFile:
        return cls(Path(path), file_stamp(path))

    @property
    def recovery(self) -> Path:
        """This review's recovery file, `<name>.recovery.<pid>`: one per open review, so that one
        review's save or discard never removes another's unsaved work."""
        return self.path.with_name(f"{self.path.name}.recovery.{os.getpid()}")

    def load(self) -> Verdicts | None:
        """The verdicts saved so far (None for a new file); VerdictsError if it is broken."""
        return load_verdicts(self.path) if self.stamp is not None else None

    def changed_on_disk(self) -> bool:
        return file_stamp(self.path) != self.stamp

    def set_aside(self) -> Path:
        """Keep a broken file out of the way (never delete it): `<name>.broken-<timestamp>`.
        Anything but a regular file (a device, a FIFO) is left where it is (OSError)."""
        kind = not_a_file(self.path)
        if kind is not None:
            raise OSError(errno.EINVAL, f"{shown(self.path)} is {kind}, not a regular file; it is left as it is")
        aside = self.path.with_name(f"{self.path.name}.broken-{stamp_now()}")
        n = 1
        while aside.exists():
            n += 1
            aside = self.path.with_name(f"{self.path.name}.broken-{stamp_now()}-{n}")
        os.replace(self.path, aside)
        return aside

    def save(self, text: str, force: bool = False) -> VerdictsFile | None:
        """Write atomically (keeping a .bak); None, writing nothing, when the file changed on disk
        since it was read, unless `force` (a lock is held from that test to the rename, so two
        saves cannot both pass it). A device or FIFO is written through. OSError when the folder
        or disk refuses."""
        if writes_through(self.path):
            write_atomic(self.path, text)
            return VerdictsFile.at(self.path)
        with locked(self.path):
            if not force and self.changed_on_disk():
                return None
            write_atomic(self.path, text)
            return VerdictsFile.at(self.path)

    def orphan(self) -> Path | None:
        """The newest recovery file of a review that did not end cleanly (its process is gone, or
        it is this process's own from an earlier review; `<name>.recovery` of older versions
        too), when it is newer than the verdicts file; None when there is none."""
        found = []
        for path in self.path.parent.glob(glob.escape(self.path.name) + ".recovery*"):
            owner = path.name[len(self.path.name) + len(".recovery"):]
            if owner and not (owner[0] == "." and owner[1:].isdigit() and _gone(int(owner[1:]))):
                continue
            if (stamp := file_stamp(path)) is not None and (self.stamp is None or stamp[0] > self.stamp[0]):
                found.append((stamp[0], path))
        return max(found)[1] if found else None

    def adopt(self, orphan: Path) -> Verdicts:
        """Restore a crashed review's recovery file: it becomes this review's own (so it is kept
        until this review saves or quits); VerdictsError if it cannot be read."""
        verdicts = load_verdicts(orphan)
        if orphan != self.recovery:
            try:
                os.replace(orphan, self.recovery)
            except OSError:  # a folder that refuses: it stays where it is, offered again later
                pass
        return verdicts

    def autosave(self, text: str) -> None:
        write_atomic(self.recovery, text, backup=False)

    def drop_recovery(self, path: Path | None = None) -> None:
        """Remove this review's recovery file (or `path`, a crashed review's), if it is there and
        the folder lets us."""
        try:
            (path or self.recovery).unlink()
        except OSError:
            pass


def _gone(pid: int) -> bool:
    """Has process `pid` ended (or is it this one, whose earlier review did not end cleanly)?"""
    return pid == os.getpid() or not pid_alive(pid)


def pid_alive(pid: int) -> bool:
    """Is process `pid` running on this host (ours or another user's)?"""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # alive, another user's
        return True
    return True


@dataclass(frozen=True)
class LoadPlan:
    """What to check: `paths`; `names` maps a loaded path to the name the verdicts file knows
    it by (the checked report is renamed so, and keeps that name); `previous`, the verdicts to
    carry over, keyed by the names the reports will have; the previous reports that cannot be
    found (their verdicts are saved again as they were)."""

    paths: tuple[str, ...]
    previous: Verdicts | None
    names: dict[str, str]  # every report's name in the verdicts file (see file_name)
    missing: tuple[ReportVerdicts, ...]


def rest_of(stopped: list[LoadPlan], paths: tuple[str, ...]) -> LoadPlan:
    """What is left of loads that were stopped: `paths` (not checked yet), with the names and the
    verdicts to carry over that their plans gave them."""
    names: dict[str, str] = {}
    previous = None
    for p in stopped:
        names.update(p.names)
        previous = previous or p.previous
    wanted = set(paths)
    return LoadPlan(paths, previous, {k: v for k, v in names.items() if k in wanted}, ())


def _key(path: str | Path) -> str:
    return os.path.realpath(path)


def find_report(file: str, base: Path) -> Path | None:
    """A report named in a verdicts file: relative to the file's folder `base` (as factdesk writes
    them), else as given from the current folder (as older files or hand-written ones may)."""
    given = Path(file)
    if not given.is_absolute() and (base / given).is_file():
        return base / given
    if given.is_file():
        return given
    return None


def file_name(path: str | Path, base: Path) -> str:
    """How a verdicts file in `base` names a report: relative to its own folder, so that the
    file stays valid wherever it is read from (it is also a gold file for `factdesk eval`)."""
    return os.path.relpath(os.path.abspath(path), os.path.abspath(base))


def plan(given: list[str], previous: Verdicts | None, base: Path, loaded: set[str] = frozenset()) -> LoadPlan:
    """Reports from the command line (or the open dialog), plus those the verdicts file lists,
    each once (by real path), leaving out those already `loaded` (real paths)."""
    paths: list[str] = []
    seen = set(loaded)
    for item in expand_paths(p for p in given if p != STDIN_NAME):
        if isinstance(item, str):
            if _key(item) not in seen:
                seen.add(_key(item))
                paths.append(item)
        else:
            paths.append(item.file)  # check_loaded answers it with the same Skipped
    names = {p: file_name(p, base) for p in paths if Path(p).exists()}
    if previous is None:
        return LoadPlan(tuple(paths), None, names, ())
    by_key = {_key(p): p for p in paths}
    kept: list[ReportVerdicts] = []
    missing: list[ReportVerdicts] = []
    for r in previous.reports:
        found = find_report(r.file, base)
        if found is None:
            missing.append(r)
        elif _key(found) in by_key:  # given again, perhaps spelt otherwise
            kept.append(replace(r, file=names[by_key[_key(found)]]))
        elif _key(found) not in seen:
            seen.add(_key(found))
            paths.append(str(found))
            names[str(found)] = file_name(found, base)
            kept.append(replace(r, file=names[str(found)]))
    return LoadPlan(tuple(paths), replace(previous, reports=tuple(kept)), names, tuple(missing))


def pasted_path(verdicts: Path, name: str = "", suffix: str = ".txt") -> Path:
    """A new file for a pasted report in `<verdicts stem>.pasted/` beside the verdicts: `<name><suffix>`
    (a slug of its title), else `<timestamp><suffix>`; `-2`, `-3`... when that one is taken."""
    folder = verdicts.with_name(verdicts.stem + ".pasted")
    folder.mkdir(parents=True, exist_ok=True)
    base = name or stamp_now()
    path, n = folder / f"{base}{suffix}", 1
    while path.exists():
        n += 1
        path = folder / f"{base}-{n}{suffix}"
    return path


@dataclass(frozen=True)
class Pasted:
    """A report pasted on screen, and what the user said of it (each part optional)."""

    text: str
    title: str = ""
    outlet: str = ""
    published: date | None = None
    url: str = ""

    @property
    def described(self) -> bool:
        return bool(self.title or self.outlet or self.published or self.url)

    def document(self) -> str:
        """The file's text: a front matter (title, outlet, published, url) when any is known, then
        the text."""
        if not self.described:
            return self.text
        fields: dict[str, object] = {}
        for key in ("title", "outlet", "published", "url"):
            value = getattr(self, key)
            if value:
                fields[key] = value if isinstance(value, date) else " ".join(str(value).split())
        head = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10**6)
        return f"---\n{head}---\n\n{self.text}"


def keep_pasted(verdicts: Path, pasted: Pasted) -> Path:
    """Write a pasted report beside the verdicts, named after its title; its path. OSError when
    the folder refuses."""
    path = pasted_path(verdicts, slug(pasted.title), ".md" if pasted.described else ".txt")
    path.write_text(pasted.document(), encoding="utf-8")
    return path


_LINE_ENDS = re.compile(r"\r\n?")
_SENTENCE_END = tuple(".!?:;\"'”’)…")


def pasted_text(text: str) -> str:
    """Text as a terminal pastes it, made a report's: CR and CRLF line ends (tmux and most
    terminals paste with CR) become line breaks, and a headline on the first line is kept apart
    from the first sentence by a blank line."""
    text = _LINE_ENDS.sub("\n", text)
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and first + 1 < len(lines) and lines[first + 1].strip() and headline(lines[first]):
        lines.insert(first + 1, "")
    return "\n".join(lines)


def headline(line: str) -> bool:
    """Does this (first) line read as a headline: a few words, no sentence end?"""
    line = line.strip().lstrip("#").strip()
    return 2 <= len(line.split()) and len(line) <= 200 and not line.endswith(_SENTENCE_END)


def first_headline(text: str) -> str:
    """The pasted text's headline (its first line, when it reads as one and text follows), or ""."""
    lines = [line for line in _LINE_ENDS.sub("\n", text).split("\n") if line.strip()]
    return lines[0].strip().lstrip("#").strip() if len(lines) > 1 and headline(lines[0]) else ""


_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def slug(title: str, limit: int = 60) -> str:
    """A file name from a title that any file system takes: lower-case letters and digits (of any
    script) joined by '-', at most `limit` characters, cut between words; "" when none is left."""
    text = re.sub(r"(?<=\d)[,.'](?=\d)", "", unicodedata.normalize("NFKC", title).casefold())
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    words = [w for w in re.split(r"[\W_]+", text) if w]
    out = ""
    for word in words:
        joined = f"{out}-{word}" if out else word
        if len(joined) > limit:
            out = out or word[:limit]
            break
        out = joined
    return f"{out}-report" if out in _RESERVED else out


def decisions_only(verdicts: Verdicts) -> Verdicts:
    """People's verdicts and notes, without the evidence: what a recovery file needs to bring a
    review back (the checker's part is checked again), and quick to write after every change."""
    return replace(verdicts, reports=tuple(
        replace(r, claims=tuple(replace(c, evidence=()) for c in r.claims if c.reviewed or c.note))
        for r in verdicts.reports))


def with_missing(verdicts: Verdicts, missing: tuple[ReportVerdicts, ...]) -> Verdicts:
    """The verdicts to save: this review's, then those of reports that could not be found."""
    have = {r.file for r in verdicts.reports}
    return replace(verdicts, reports=verdicts.reports + tuple(r for r in missing if r.file not in have))


# -- where a review's files go ---------------------------------------------------------------------


def writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK | os.X_OK)


def _installed_roots() -> list[str]:
    import site
    import sysconfig

    roots = {sysconfig.get_paths().get(k) for k in ("purelib", "platlib")}
    roots.update(getattr(site, "getsitepackages", list)())
    user = site.getusersitepackages() if hasattr(site, "getusersitepackages") else None
    roots.add(user)
    return sorted({os.path.realpath(r) for r in roots if r})


def installed(path: str | Path) -> bool:
    """Is `path` in a folder packages are installed into (site-packages), where an upgrade or an
    uninstall deletes what is not the package's own?"""
    real = os.path.realpath(path)
    return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in _installed_roots())


def user_data_folder() -> Path:
    from platformdirs import user_data_path

    return user_data_path("factdesk", appauthor=False)


def work_folder() -> Path:
    """Where the files of a review with no folder of its own go (the bundled example's): the
    current folder, or the user data folder when that one cannot be written (or is an installed
    package's)."""
    here = Path.cwd()
    if writable(here) and not installed(here):
        return here
    folder = user_data_folder()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_verdicts(rules: str | Path, bundled: bool = False) -> Path:
    """Where a review's verdicts go unless told otherwise: beside the rules file; for the bundled
    example, a rules file in an installed package or in a folder that cannot be written, the
    work folder (never site-packages). The recovery file and pasted reports go beside it."""
    rules = Path(rules)
    name = rules.stem + ".verdicts.yaml"
    folder = rules.parent
    if bundled or installed(folder) or not writable(folder):
        folder = work_folder()
    return folder / name


_NUMBERED = re.compile(r"^(.*?)-(\d{1,6})$")


def own_folder(path: Path) -> Path:
    """The folder of `path` when a review may write there, else the work folder (never an
    installed package's)."""
    return path.parent if writable(path.parent) and not installed(path.parent) else work_folder()


def export_path(verdicts: Path, suffix: str) -> Path:
    """Where an export of the verdicts is offered: beside them, their name with `suffix` for its
    `.yaml` (`x.verdicts.yaml` -> `x.verdicts.md`), in the work folder when theirs cannot be written."""
    name = verdicts.name
    if verdicts.suffix.lower() in (".yaml", ".yml", ".json"):
        name = name[:-len(verdicts.suffix)]
    return own_folder(verdicts) / (name + suffix)


def elsewhere(path: Path) -> Path:
    """A name to offer for "save elsewhere": a file that does not exist yet, `<name>-2.<ext>`
    beside `path` (or in the work folder when that folder cannot be written)."""
    folder = own_folder(path)
    name = path.name
    dot = name.find(".", 1)
    base, rest = (name[:dot], name[dot:]) if dot > 0 else (name, "")
    n = 1
    if (m := _NUMBERED.match(base)) is not None:
        base, n = m.group(1), int(m.group(2))
    while True:
        n += 1
        candidate = folder / f"{base}-{n}{rest}"
        if not os.path.lexists(candidate):
            return candidate


def complete_path(value: str) -> str | None:
    """`value` completed as a shell completes a path: to the longest prefix shared by the names it
    may go on to, and when one name is left, up to the end of it, a folder's with its '/'; never
    into the next folder. None when there is nothing to add. Hidden names only when asked for
    (a name begun with '.')."""
    if not value:
        return None
    if value == "~":
        return "~/"
    expanded = os.path.expanduser(value)
    head, stem = os.path.split(expanded)
    try:
        with os.scandir(head or ".") as entries:
            found = [(e.name, e.is_dir()) for e in entries
                     if e.name.startswith(stem) and (stem.startswith(".") or not e.name.startswith("."))]
    except OSError:
        return None
    if not found:
        return None
    if len(found) == 1:
        name, folder = found[0]
        completion = name + ("/" if folder else "")
    else:
        completion = os.path.commonprefix([name for name, _ in found])
    return value + completion[len(stem):] if len(completion) > len(stem) else None
