"""File dialogs that never open a file to look at it.

Qt's own file dialog asks QMimeDatabase for each file's type, and that reads the first bytes
of every file in the folder shown: the database among them. Closing that descriptor drops every
POSIX lock this process holds on the database (SQLite's "How To Corrupt", section 2.2), and the
next program to close its connection deletes the WAL under the running window. So every dialog
here is Qt's own (never a platform dialog, whose code we cannot see) with an icon provider that
names and draws files from their names alone. Whatever the user picks still goes through the
services' check that it is not the database itself.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("FileDialogs", text)


class NameOnlyIcons(QFileIconProvider):
    """Icons and type names from a file's name and kind, never from its contents."""

    def icon(self, what: object) -> QIcon:
        if isinstance(what, QFileInfo):
            kind = (
                QAbstractFileIconProvider.IconType.Folder if what.isDir() else QAbstractFileIconProvider.IconType.File
            )
            return super().icon(kind)
        icon: QIcon = super().icon(what)  # type: ignore[call-overload]
        return icon

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return _tr("Folder")
        suffix = info.suffix()
        return _tr("%1 file").replace("%1", suffix.upper()) if suffix else _tr("File")


def file_dialog(parent: QWidget, title: str, filters: list[str], *, save: bool = False, name: str = "") -> QFileDialog:
    dialog = QFileDialog(parent, title, "", ";;".join(filters))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setIconProvider(NameOnlyIcons())
    dialog.setObjectName("saveDialog" if save else "openDialog")
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.selectFile(name)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    return dialog
