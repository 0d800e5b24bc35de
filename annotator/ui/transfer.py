"""Import and export from the window: file dialogs, options, progress with Cancel, and the
work itself on the background runner. Nothing here touches the database file: the dialogs
never read files, and the services refuse a path that is the database or one of its files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from annotator.core.progress import Tick
from annotator.core.reports import ImportReport
from annotator.formats.registry import READABLE
from annotator.services.exporting import ExportReport, export_corpus
from annotator.services.importing import import_paths
from annotator.ui.dialogs import ImportDialog
from annotator.ui.export_dialog import ExportDialog, name_filters
from annotator.ui.file_dialogs import file_dialog
from annotator.ui.plain import isolate, message_box
from annotator.ui.tasks import Runner, Work


def tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("Transfer", text, None, n)


def written_line(report: ExportReport) -> str:
    """What an export wrote besides documents ("5 spans, 1 relation"), in the interface's
    language with its plural forms."""
    counted = {
        "spans": lambda n: tr("%n span(s)", n),
        "events": lambda n: tr("%n event(s)", n),
        "relations": lambda n: tr("%n relation(s)", n),
        "sentences": lambda n: tr("%n sentence(s)", n),
    }
    return tr(", ").join(
        counted[kind](n) if kind in counted else f"{n} {kind}"
        for kind, n in report.written.items()
        if kind != "documents"
    )


def rate_line(tick: Tick) -> str:
    """ "12,345 documents · 2,100 a second · about 3 min left", in the interface's language."""
    locale = QLocale()
    line = (
        tr("%1 documents · %2 a second")
        .replace("%1", locale.toString(tick.documents))
        .replace("%2", locale.toString(round(tick.rate)))
    )
    left = tick.left
    if left is None:
        return line
    if left < 60:
        return line + " · " + tr("about %n second(s) left", max(1, round(left)))
    if left < 3600:
        return line + " · " + tr("about %n minute(s) left", round(left / 60))
    return (
        line
        + " · "
        + tr("about %1 h %2 min left")
        .replace("%1", locale.toString(int(left // 3600)))
        .replace("%2", locale.toString(round(left % 3600 / 60)))
    )


class Transfer(QObject):
    """File → Import and File → Export; `imported` is called after every finished import."""

    def __init__(
        self,
        window: QWidget,
        db_url: str,
        *,
        corpus: str,
        annotator: str,
        labels: list[str],
        imported: Callable[[ImportReport], None],
    ) -> None:
        super().__init__(window)
        self.window, self.corpus, self.annotator, self._imported = window, corpus, annotator, imported
        self.labels = labels
        self.runner = Runner(self, db_url)

    def import_files(self) -> None:
        suffixes = " ".join(f"*{s}" for s in READABLE)
        dialog = file_dialog(
            self.window, tr("Import documents"), [tr("Articles and annotations (%1)").replace("%1", suffixes)]
        )
        if not dialog.exec() or not dialog.selectedFiles():
            return
        paths = [Path(p) for p in dialog.selectedFiles()]
        options = ImportDialog(self.window)
        if not options.exec():
            return
        clean, encoding = options.clean.isChecked(), options.encoding.currentText()
        skip, corpus, annotator = options.skip_invalid.isChecked(), self.corpus, self.annotator
        mapping = options.label_mapping()
        self.background(
            tr("Importing…"),
            lambda db, progress: import_paths(
                db,
                paths,
                corpus=corpus,
                encoding=encoding,
                clean=clean,
                skip_invalid=skip,
                annotator=annotator,
                mapping=mapping,
                progress=progress,
            ),
            self._after_import,
        )

    def _after_import(self, report: ImportReport) -> None:
        self._imported(report)
        lines = [tr("Imported %n new document(s).", len(report.added)), tr("Added %n span(s) in all.", report.spans)]
        lines += [
            tr(text, n)
            for text, n in (
                ("%n document(s) already there got new annotations or a status.", len(report.merged)),
                ("%n document(s) already there unchanged.", len(report.unchanged)),
                ("%n document(s) replaced (a new text, no annotations yet).", len(report.updated)),
                ("%n annotation(s) differ from the stored ones; the stored ones were kept.", len(report.conflicts)),
                ("%n skipped.", len(report.skipped)),
            )
            if n
        ]
        details = [str(p) for p in (*report.skipped, *report.conflicts)][:20]
        self._message("\n".join(lines) + ("\n\n" + "\n".join(details) if details else ""))

    def export_corpus(self) -> None:
        formats = name_filters()
        default = next(iter(formats))
        dialog = file_dialog(
            self.window,
            tr("Export corpus"),
            list(formats),
            save=True,
            name=f"{self.corpus}{formats[default].suffixes[0]}",
        )
        dialog.filterSelected.connect(lambda chosen: dialog.setDefaultSuffix(formats[chosen].suffixes[0][1:]))
        dialog.setDefaultSuffix(formats[default].suffixes[0][1:])
        if not dialog.exec() or not dialog.selectedFiles():
            return
        path = Path(dialog.selectedFiles()[0])
        chosen = formats[dialog.selectedNameFilter()]
        options = ExportDialog(chosen, self.labels, self.window)
        if not options.exec():
            return
        export_options, filters, corpus = options.options(), options.filters(), self.corpus
        self.background(
            tr("Exporting…"),
            lambda db, progress: export_corpus(
                db, path, format=chosen.id, corpus=corpus, filters=filters, options=export_options, progress=progress
            ),
            self._exported,
        )

    def _exported(self, report: ExportReport) -> None:
        # (a path isolated: in an Arabic line its slashes and Arabic names keep their order)
        lines = [tr("Exported %n document(s) to %1", report.documents).replace("%1", isolate(str(report.path)))]
        lines += [tr("Also wrote %1").replace("%1", isolate(str(side))) for side in report.side_files]
        written = written_line(report)
        if written:
            lines.append(written)
        if report.changes:
            lines += ["", tr("What the format could not carry, or carried changed:"), *report.changes]
        self._message("\n".join(lines))

    def background(self, title: str, work: Work, done: Callable[[Any], None]) -> None:
        dialog = QProgressDialog(title, tr("Cancel"), 0, 0, self.window)
        dialog.setObjectName("progressDialog")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(dialog.fontMetrics().horizontalAdvance("0") * 56)  # room for the rate line

        def progress(tick: Tick) -> None:
            dialog.setMaximum(1000)
            dialog.setValue(round(1000 * tick.fraction))
            dialog.setLabelText(f"{title}\n{rate_line(tick)}")

        def finished(result: object) -> None:
            dialog.close()
            done(result)

        def failed(message: str) -> None:
            dialog.close()
            self._message(message, error=True)

        task = self.runner.run(work, progress=progress, done=finished, failed=failed)
        dialog.canceled.connect(task.cancelled.set)

    def _message(self, text: str, *, error: bool = False) -> None:
        box = message_box(self.window, text, icon=QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information)
        box.setObjectName("errorMessage" if error else "reportMessage")
        box.open()
