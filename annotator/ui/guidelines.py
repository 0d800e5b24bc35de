"""The Guidelines pane: the definition and examples of the type at hand (the current span's
label or event type, with its roles), from the corpus schema; roles and relation types give
theirs as tooltips where they are chosen. A corpus made before schemas had definitions
shows those of the bundled schema of the same name. All of it is plain text."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from annotator.core.schema import EntityType, EventType, RelationType, Role, Schema
from annotator.core.schema_files import bundled_schemas, load_schema
from annotator.ui.plain import plain_label


def entry(schema: Schema, name: str) -> EntityType | EventType | None:
    """The schema's type `name`, with the bundled schema's guideline where it has none."""
    found = schema.entity(name) or schema.event(name)
    if found is None or found.definition or schema.name not in bundled_schemas():
        return found
    bundled = _bundled(schema.name)
    return bundled.entity(name) or bundled.event(name) or found


def role_entry(schema: Schema, event_type: str, role: str) -> Role | None:
    """An event type's role, with the bundled schema's guideline where it has none."""
    event = schema.event(event_type)
    found = event.role(role) if event else None
    if found is None or found.definition or schema.name not in bundled_schemas():
        return found
    bundled = _bundled(schema.name).event(event_type)
    return (bundled.role(role) if bundled else None) or found


def relation_entry(schema: Schema, name: str) -> RelationType | None:
    """A relation type, with the bundled schema's guideline where it has none."""
    found = schema.relation(name)
    if found is None or found.definition or schema.name not in bundled_schemas():
        return found
    return _bundled(schema.name).relation(name) or found


def described(name: str, definition: str, examples: tuple[str, ...]) -> str:
    """One line for a tooltip or a list: «Attacker — Who carries out the attack. (قصفت [القوات] الحي)»."""
    text = f"{name} — {definition}" if definition else name
    return text + (f"  ({' · '.join(examples)})" if examples else "")


@cache
def _bundled(name: str) -> Schema:
    """Read once: the palette asks for every type's guideline when it is built."""
    return load_schema(name)


def guideline_lines(schema: Schema, name: str) -> list[str]:
    """Title, definition and examples as lines (for a tooltip)."""
    found = entry(schema, name)
    if found is None:
        return [name]
    lines = [f"{found.name}: {found.title}" if found.title != found.name else found.name]
    lines += [found.definition] if found.definition else []
    lines += [f"« {example} »" for example in found.examples]
    return lines


class GuidelinePane(QScrollArea):
    def __init__(self, schema: Schema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidelinePane")
        self.setWidgetResizable(True)
        self.schema = schema
        self.shown: str | None = None
        inside = QWidget(self)
        layout = QVBoxLayout(inside)
        self.heading = plain_label("", inside)
        self.heading.setObjectName("guidelineHeading")
        self.heading.setStyleSheet("font-weight: bold")
        self.definition = plain_label(self.tr("Pick a span or an event to see its guideline."), inside)
        self.definition.setObjectName("guidelineDefinition")
        self.examples = plain_label("", inside)
        self.examples.setObjectName("guidelineExamples")
        for label in (self.heading, self.definition, self.examples):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
        layout.addStretch(1)
        self.setWidget(inside)

    def show_type(self, name: str | None) -> None:
        if name is None or name == self.shown:
            return
        self.shown = name
        found = entry(self.schema, name)
        if found is None:
            return
        self.heading.setText(f"{found.name} — {found.title}" if found.title != found.name else found.name)
        self.definition.setText(
            found.definition or self.tr("This schema gives no definition for %1.").replace("%1", found.name)
        )
        lines = [f"• {example}" for example in found.examples]
        if isinstance(found, EventType) and found.roles:
            lines.append("")
            lines.append(self.tr("Roles:"))
            for role in found.roles:
                known = role_entry(self.schema, found.name, role.name) or role
                lines.append(described(role.name, known.definition, known.examples))
        self.examples.setText("\n".join(lines))
