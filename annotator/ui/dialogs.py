"""Small dialogs: attributes of an annotation, import options, preferences."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.schema import Schema
from annotator.services.importing import parse_mapping
from annotator.ui import appearance
from annotator.ui.i18n import LANGUAGES
from annotator.ui.plain import message_box, plain_label

UNSET = "—"


class AttributesDialog(QDialog):
    """Subtype (spans), attribute values and note (spans) of one annotation."""

    def __init__(
        self,
        schema: Schema,
        target: str,
        label: str,
        subtype: str | None,
        attributes: dict[str, str],
        note: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Attributes of %1").replace("%1", label))
        form = QFormLayout(self)
        self.subtype: QComboBox | None = None
        entity = schema.entity(label) if target == "span" else None
        if entity and entity.subtypes:
            self.subtype = self._combo([UNSET, *entity.subtypes], subtype or UNSET)
            form.addRow(self.tr("Subtype"), self.subtype)
        self.values: dict[str, QComboBox] = {}
        for attribute in schema.attributes_for(target):
            combo = self._combo([UNSET, *attribute.values], attributes.get(attribute.name, UNSET))
            self.values[attribute.name] = combo
            # A schema's name, read as words ("mention_level": "Mention level"); never rich text.
            form.addRow(plain_label(attribute.name.replace("_", " ").capitalize(), self), combo)
        self.note: QLineEdit | None = None
        if target == "span":
            self.note = QLineEdit(note or "", self)
            self.note.setPlaceholderText(self.tr("A remark for reviewers"))
            form.addRow(self.tr("Note"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _combo(self, values: list[str], current: str) -> QComboBox:
        combo = QComboBox(self)
        combo.addItems(values)
        combo.setCurrentText(current)
        return combo

    def result_fields(self) -> dict[str, object]:
        fields: dict[str, object] = {
            "attributes": {name: c.currentText() for name, c in self.values.items() if c.currentText() != UNSET}
        }
        if self.subtype is not None:
            fields["subtype"] = None if self.subtype.currentText() == UNSET else self.subtype.currentText()
        if self.note is not None:
            fields["note"] = self.note.text().strip() or None
        return fields


class ImportDialog(QDialog):
    """Options for importing files: page cleaning, the encoding of plain text, label renaming."""

    ENCODINGS = ("utf-8", "windows-1256", "iso-8859-6", "utf-16")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import options"))
        form = QFormLayout(self)
        self.clean = QCheckBox(self.tr("Recognise title, source and date in scraped news pages"), self)
        self.encoding = QComboBox(self)
        self.encoding.addItems(self.ENCODINGS)
        self.skip_invalid = QCheckBox(self.tr("Import the valid documents and report the rest"), self)
        self.mapping = QLineEdit(self)
        self.mapping.setObjectName("mapping")
        self.mapping.setPlaceholderText(self.tr("e.g. PERS=PER, MISC= (leaves MISC out)"))
        form.addRow(self.clean)
        form.addRow(self.tr("Encoding of .txt files"), self.encoding)
        form.addRow(self.tr("Rename labels as they are read"), self.mapping)
        form.addRow(self.skip_invalid)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        try:
            self.label_mapping()
        except AnnotatorError as e:
            message_box(self, str(e), icon=QMessageBox.Icon.Warning).exec()
            return
        super().accept()

    def label_mapping(self) -> dict[str, str]:
        return parse_mapping([p for p in self.mapping.text().split(",") if p.strip()])


class PreferencesDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        form = QFormLayout(self)
        self.language = QComboBox(self)
        for code, name in LANGUAGES.items():
            self.language.addItem(name or self.tr("System language"), code)
        self.language.setCurrentIndex(max(0, self.language.findData(QSettings().value("language", "system"))))
        form.addRow(self.tr("Interface language (after a restart)"), self.language)
        size, dark = appearance.saved()
        app = QApplication.instance()
        self.font_size = QSpinBox(self)
        self.font_size.setObjectName("fontSize")
        self.font_size.setRange(appearance.SIZES.start, appearance.SIZES.stop - 1)
        self.font_size.setValue(size or (app.font().pointSize() if isinstance(app, QApplication) else 10))
        self.font_size.setSuffix(" pt")
        form.addRow(self.tr("Interface font size"), self.font_size)
        self.dark = QCheckBox(self.tr("Dark theme"), self)
        self.dark.setObjectName("darkTheme")
        self.dark.setChecked(dark)
        form.addRow(self.dark)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        """The language applies after a restart; the font size and theme at once."""
        QSettings().setValue("language", self.language.currentData())
        appearance.save(self.font_size.value(), self.dark.isChecked())
        app = QApplication.instance()
        if isinstance(app, QApplication):
            appearance.apply(app, self.font_size.value(), self.dark.isChecked())
        super().accept()
