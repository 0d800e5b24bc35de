"""`annotator desktop-entry` puts annotator in the desktop's menu for the current user, with its
icon, starting the very program that made it; `--remove` takes exactly that away."""

import configparser
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli import app
from annotator.services.desktop import ICON


def entry_of(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # (keys are case-sensitive)
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def exec_arguments(value: str) -> list[str]:
    """The Exec key read back as the Desktop Entry Specification says a launcher reads it."""
    value = re.sub(r"\\(.)", lambda m: {"s": " ", "n": "\n", "t": "\t", "r": "\r"}.get(m[1], m[1]), value)
    arguments, at = [], 0
    while at < len(value):
        if value[at] == " ":
            at += 1
        elif value[at] == '"':
            end, word = at + 1, ""
            while value[end] != '"':
                if value[end] == "\\":
                    end += 1
                word += value[end]
                end += 1
            arguments.append(word)
            at = end + 1
        else:
            end = value.find(" ", at) if " " in value[at:] else len(value)
            arguments.append(value[at:end])
            at = end
    return [a.replace("%%", "%") for a in arguments]


@pytest.fixture
def data_home(tmp_path, monkeypatch):
    home = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    (home / "applications").mkdir(parents=True)
    (home / "applications" / "other.desktop").write_text("[Desktop Entry]\nName=other\n")
    return home


def test_the_entry_starts_this_annotator_and_remove_takes_only_it_away(data_home):
    runner = CliRunner()
    result = runner.invoke(app, ["desktop-entry"])
    assert result.exit_code == 0, result.output
    entry_path = data_home / "applications" / "annotator.desktop"
    icon = data_home / "icons" / "hicolor" / "scalable" / "apps" / "annotator.svg"
    assert result.output.splitlines() == [f"added {entry_path}", f"added {icon}"]
    assert icon.read_bytes() == ICON.read_bytes()
    entry = entry_of(entry_path)
    assert (entry["Type"], entry["Icon"], entry["Terminal"], entry["Name[ar]"]) == (
        "Application",
        "annotator",
        "false",
        "أداة التوسيم",
    )
    program, command = exec_arguments(entry["Exec"])
    assert command == "gui" and Path(program).is_absolute()
    started = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=60)
    assert started.returncode == 0 and started.stdout.startswith("annotator "), started.stderr
    assert Path(program).parent == Path(sys.executable).parent  # this environment's
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(["desktop-file-validate", str(entry_path)], capture_output=True, text=True)
        assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout

    assert runner.invoke(app, ["desktop-entry", "--remove"]).output.splitlines() == [
        f"removed {entry_path}",
        f"removed {icon}",
    ]
    assert not entry_path.exists() and not icon.exists()
    assert (data_home / "applications" / "other.desktop").exists()  # nothing else touched
    assert runner.invoke(app, ["desktop-entry", "--remove"]).output.strip() == "no desktop entry to remove"


@pytest.mark.parametrize("program", ["/opt/my tools/annotator", '/x/100%/a$b"c\\d`e'])
def test_a_program_path_with_spaces_or_reserved_characters_is_quoted_as_the_spec_says(data_home, program):
    result = CliRunner().invoke(app, ["desktop-entry", "--command", program])
    assert result.exit_code == 0, result.output
    assert exec_arguments(entry_of(data_home / "applications" / "annotator.desktop")["Exec"]) == [program, "gui"]


def test_an_unwritable_data_folder_is_one_line(data_home):
    if os.geteuid() == 0:
        (data_home / "icons").write_text("a file where a folder must be")
    else:
        data_home.chmod(0o500)
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "desktop-entry"],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_DATA_HOME": str(data_home)},
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: cannot write the desktop entry")
