"""`annotator gui` itself, as a person starts it, in a process of its own."""

import os
import subprocess
import sys

# The command line as typed; the event loop is replaced by a look at the window once it is up.
STARTED = """
import gc, sys
from PySide6.QtWidgets import QApplication

def look():
    app = QApplication.instance()
    window = next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow")
    app.processEvents()
    print(window.isVisible(), window.documents.model.rowCount(), gc.get_freeze_count(), gc.get_threshold()[0])
    return 0

QApplication.exec = staticmethod(look)
sys.argv = ["annotator", "--db", sys.argv[1], "gui"]
from annotator.cli import main
main()
"""


def test_gui_opens_the_window_on_the_sample_corpus_with_start_up_kept_out_of_collections(tmp_path):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    done = subprocess.run(
        [sys.executable, "-c", STARTED, f"sqlite:///{tmp_path / 'new.db'}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    visible, documents, frozen, young = done.stdout.split()
    assert visible == "True" and int(documents) > 0  # the sample corpus, imported on first start
    # What start-up made is not scanned again by each collection (a 1 MB article's open made
    # a full one: 60 ms of 140), and young collections come every 10,000 objects.
    assert int(frozen) > 10_000 and int(young) == 10_000


def test_sigterm_closes_the_window_as_its_close_button_does(tmp_path):
    """A logout, a service manager or `kill` sends SIGTERM: the window closes as when the analyst
    closes it (layout and place remembered), and the process ends with status 0."""
    import signal
    import time

    config = tmp_path / "config" / "annotator" / "annotator.conf"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    process = subprocess.Popen(
        [sys.executable, "-m", "annotator", "--db", str(tmp_path / "new.db"), "gui"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not (config.exists() and "lastDocument" in config.read_text()):  # a document is open
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the window did not open a document"
        time.sleep(0.05)
    assert "window" not in config.read_text()  # (its layout is saved when it closes)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    assert "geometry=" in config.read_text()
