"""A menu entry and an icon for the current user (XDG), so that annotator starts from the
desktop's application menu like any other program: `annotator desktop-entry` adds them,
`annotator desktop-entry --remove` takes them away. Nothing outside the user's data folder is
touched, and no other file there."""

from __future__ import annotations

import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.resources import RESOURCES

ICON = RESOURCES / "icons" / "annotator.svg"
ENTRY_NAME = "annotator.desktop"


@dataclass(frozen=True)
class DesktopFiles:
    entry: Path
    icon: Path


def desktop_files() -> DesktopFiles:
    """Where the entry and the icon go: $XDG_DATA_HOME (default ~/.local/share)."""
    data = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return DesktopFiles(
        data / "applications" / ENTRY_NAME, data / "icons" / "hicolor" / "scalable" / "apps" / "annotator.svg"
    )


def entry_text(command: str) -> str:
    """The desktop entry (Desktop Entry Specification 1.4), starting `command gui`."""
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.4",
            "Name=annotator",
            "Name[ar]=أداة التوسيم",
            "GenericName=Text annotation",
            "GenericName[ar]=توسيم النصوص",
            "Comment=Annotate Arabic news: entities, events and relations",
            "Comment[ar]=توسيم الأخبار العربية: الكيانات والأحداث والعلاقات",
            f"Exec={_exec_quoted(command)} gui",
            "Icon=annotator",
            "Terminal=false",
            "Categories=Utility;TextTools;",
            "Keywords=annotation;NER;Arabic;corpus;NLP;",
            "StartupWMClass=annotator",
            "",
        ]
    )


def install(command: str | None = None) -> DesktopFiles:
    """Write the entry and the icon (replacing earlier ones); `command` is the annotator program
    to start (default: the one running now)."""
    files = desktop_files()
    program = command or _this_program()
    try:
        for path in (files.entry, files.icon):
            path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ICON, files.icon)
        temporary = files.entry.with_name(f".{ENTRY_NAME}.tmp")
        temporary.write_text(entry_text(program), encoding="utf-8")
        temporary.replace(files.entry)  # (a menu never reads half an entry)
    except OSError as e:
        raise AnnotatorError(f"cannot write the desktop entry: {e}") from None
    return files


def remove() -> list[Path]:
    """Remove the entry and the icon; the paths removed (none if there were none)."""
    removed = []
    for path in (desktop_files().entry, desktop_files().icon):
        try:
            path.unlink()
            removed.append(path)
        except FileNotFoundError:
            pass
        except OSError as e:
            raise AnnotatorError(f"cannot remove {path}: {e}") from None
    return removed


def _this_program() -> str:
    """The annotator program running now, as an absolute path (a menu has no PATH of a shell)."""
    found = shutil.which("annotator", path=str(Path(sys.executable).parent)) or shutil.which("annotator")
    if found is None:
        raise AnnotatorError("cannot find the annotator program to start; give it with --command")
    return str(Path(found).absolute())


RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def _exec_quoted(program: str) -> str:
    """A path as the Exec key wants it (Desktop Entry Specification, "The Exec key"): `%` doubled
    (field codes start with it); with a reserved character, in double quotes with `"`, `` ` ``, `$`
    and `\\` escaped by a backslash; then, as every string value, each backslash doubled."""
    program = program.replace("%", "%%")
    if any(c in RESERVED for c in program):
        program = '"' + re.sub(r'([`"$\\])', r"\\\1", program) + '"'
    return program.replace("\\", "\\\\")
