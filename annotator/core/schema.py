"""Label schemas: entity, event and relation types and attributes (read from files by
core/schema_files.py; the format is documented in resources/schemas/README.md). The `check_*`
methods are the rules every annotation must pass, whether it comes from an import or a click.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

FORMAT_VERSION = 1


@dataclass(frozen=True)
class EntityType:
    name: str
    title: str
    color: str
    key: str | None
    subtypes: tuple[str, ...] = ()
    kind: str = "entity"  # or "value" (TIME, Money...: ACE fills some roles with values)
    definition: str = ""  # the guideline: what the type covers, and where its borders are
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Role:
    name: str
    types: tuple[str, ...] = ()  # entity types that may fill the role; empty: any
    multiple: bool = True
    definition: str = ""
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventType:
    name: str
    title: str
    color: str
    key: str | None
    roles: tuple[Role, ...] = ()
    definition: str = ""
    examples: tuple[str, ...] = ()  # trigger words

    def role(self, name: str) -> Role | None:
        return next((r for r in self.roles if r.name == name), None)


@dataclass(frozen=True)
class RelationType:
    name: str
    title: str
    head: tuple[str, ...] = ()
    tail: tuple[str, ...] = ()
    definition: str = ""
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Attribute:
    name: str
    applies_to: tuple[str, ...]
    values: tuple[str, ...]
    default: str | None = None


@dataclass(frozen=True)
class Schema:
    name: str
    title: str
    description: str
    entity_types: tuple[EntityType, ...]
    event_types: tuple[EventType, ...]
    relation_types: tuple[RelationType, ...]
    attributes: tuple[Attribute, ...]
    type_check: str = "warn"  # what a role or relation filled by the wrong type gets: warn|refuse
    source: dict[str, Any] | None = None  # the validated file content, stored with a corpus

    # -- look-ups ---------------------------------------------------------------------------
    @cached_property
    def _by_name(self) -> dict[str, EntityType | EventType | RelationType]:
        found: dict[str, EntityType | EventType | RelationType] = {t.name: t for t in self.relation_types}
        found.update((t.name, t) for t in self.event_types)
        found.update((t.name, t) for t in self.entity_types)
        return found

    def entity(self, name: str) -> EntityType | None:
        found = self._by_name.get(name)
        return found if isinstance(found, EntityType) else None

    def event(self, name: str) -> EventType | None:
        found = self._by_name.get(name)
        return found if isinstance(found, EventType) else None

    def relation(self, name: str) -> RelationType | None:
        found = self._by_name.get(name)
        return found if isinstance(found, RelationType) else None

    def span_labels(self) -> list[str]:
        """What a span may be labelled: entity types, and event types (for triggers)."""
        return [t.name for t in self.entity_types] + [t.name for t in self.event_types]

    @cached_property
    def _span_label_set(self) -> frozenset[str]:
        return frozenset(self.span_labels())

    def span_label_set(self) -> frozenset[str]:
        """`span_labels` as a set, for the checks run on every span of an import."""
        return self._span_label_set

    def attributes_for(self, target: str) -> tuple[Attribute, ...]:
        return tuple(a for a in self.attributes if target in a.applies_to)

    def colors(self) -> tuple[tuple[str, str], ...]:
        """(name, colour) of every type a span can carry: entity types, then event types."""
        return tuple((t.name, t.color) for t in self.entity_types) + tuple((t.name, t.color) for t in self.event_types)

    def color(self, label: str) -> str:
        found = self.entity(label) or self.event(label)
        return found.color if found else "#9e9e9e"

    # -- rules ------------------------------------------------------------------------------
    def check_span(self, label: str, subtype: str | None, attributes: dict[str, str]) -> list[str]:
        found = self._by_name.get(label)
        if found is None or isinstance(found, RelationType):
            return [f"unknown label {label!r} (not in schema {self.name})"]
        if subtype is None and not attributes:
            return []
        errors = []
        if subtype is not None and (not isinstance(found, EntityType) or subtype not in found.subtypes):
            errors.append(f"unknown subtype {subtype!r} for {label}")
        return errors + self._check_attributes("span", attributes)

    def check_event(
        self, type_: str, trigger_label: str, roles: list[tuple[str, str]], attributes: dict[str, str]
    ) -> tuple[list[str], list[str]]:
        """Errors and warnings for an event; `roles` pairs each role with its span's label."""
        event = self.event(type_)
        if event is None:
            return [f"unknown event type {type_!r} (not in schema {self.name})"], []
        errors: list[str] = []
        warnings: list[str] = []
        if trigger_label != type_:
            errors.append(f"the trigger of a {type_} event must be labelled {type_}, not {trigger_label}")
        seen: set[str] = set()
        for role_name, label in roles:
            role = event.role(role_name)
            if role is None:
                errors.append(f"{type_} has no role {role_name!r}")
                continue
            if role_name in seen and not role.multiple:
                errors.append(f"{type_} allows one {role_name}")
            seen.add(role_name)
            if role.types and label not in role.types:
                message = f"{role_name} of {type_} takes {'/'.join(role.types)}, not {label}"
                (errors if self.type_check == "refuse" else warnings).append(message)
        return errors + self._check_attributes("event", attributes), warnings

    def check_relation(
        self, type_: str, head_label: str, tail_label: str, attributes: dict[str, str]
    ) -> tuple[list[str], list[str]]:
        relation = self.relation(type_)
        if relation is None:
            return [f"unknown relation type {type_!r} (not in schema {self.name})"], []
        problems = []
        if relation.head and head_label not in relation.head:
            problems.append(f"{type_} goes from {'/'.join(relation.head)}, not {head_label}")
        if relation.tail and tail_label not in relation.tail:
            problems.append(f"{type_} goes to {'/'.join(relation.tail)}, not {tail_label}")
        errors = self._check_attributes("relation", attributes)
        if self.type_check == "refuse":
            return errors + problems, []
        return errors, problems

    def _check_attributes(self, target: str, attributes: dict[str, str]) -> list[str]:
        if not attributes:
            return []
        allowed = {a.name: a for a in self.attributes_for(target)}
        errors = []
        for name, value in attributes.items():
            attribute = allowed.get(name)
            if attribute is None:
                errors.append(f"unknown {target} attribute {name!r}")
            elif value not in attribute.values:
                errors.append(f"{name} takes {'/'.join(attribute.values)}, not {value!r}")
        return errors
