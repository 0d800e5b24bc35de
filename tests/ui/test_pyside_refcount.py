"""The PySide6 pin in pyproject.toml: 6.12.0 on Python < 3.12 corrupts None's refcount."""

import sys

import pytest
from PySide6.QtGui import QTextCursor


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_void_calls_do_not_drain_none_refcount(window):
    """PySide6 6.12.0 on Python < 3.12 drops a reference to None on every void call and aborts
    after a few thousand (none_dealloc); pyproject.toml pins it out. This catches a regression."""
    cursor = QTextCursor(window.article.document())
    before = sys.getrefcount(None)
    for i in range(20_000):
        cursor.setPosition(i % 10)
    assert abs(sys.getrefcount(None) - before) < 100
