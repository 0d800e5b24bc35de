"""Label schemas: entity, event and relation types and attributes, loaded from JSON files.

The file format is documented in resources/schemas/README.md. Loading validates every entry;
an error names the file and the entry. The `check_*` methods are the rules every annotation
must pass, whether it comes from an import or from a click.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from annotator.core.errors import SchemaError
from annotator.core.resources import SCHEMAS

FORMAT_VERSION = 1
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_TARGETS = ("span", "event", "relation")


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


# -- loading --------------------------------------------------------------------------------


JSON_SCHEMA = SCHEMAS / "schema.schema.json"  # what a schema file may hold (not a schema itself)


def bundled_schemas() -> dict[str, Path]:
    return {p.stem: p for p in sorted(SCHEMAS.glob("*.json")) if p != JSON_SCHEMA}


def load_schema(name_or_path: str | Path) -> Schema:
    """A bundled schema by name (ace2005, wojood) or a schema file by path."""
    path = bundled_schemas().get(str(name_or_path)) or Path(name_or_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        names = ", ".join(bundled_schemas())
        raise SchemaError(f"no schema {str(name_or_path)!r}: give a file or one of {names}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise SchemaError(f"{path}: cannot read schema: {e}") from None
    schema = schema_from_dict(data, where=str(path))  # (its messages say more than the JSON Schema's)
    check_structure(data, where=str(path))
    return schema


def check_structure(data: Any, *, where: str = "schema") -> None:
    """Check a schema file against its JSON Schema (resources/schemas/schema.schema.json): every
    key known (a misspelt "defintion" or "subtype" would silently lose what it says), every value
    of its type. The first problem is raised, with where it is and, for an unknown key, the key
    meant. A corpus's stored schema was checked when it was stored: it is not checked again."""
    import jsonschema  # (60 ms: only when a schema file is read)

    validator = jsonschema.Draft202012Validator(json.loads(JSON_SCHEMA.read_text(encoding="utf-8")))
    error = min(
        validator.iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))), default=None
    )
    if error is None:
        return
    entry = _entry(data, list(error.absolute_path))
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted(error.schema.get("properties", {}))
        unknown = sorted(set(error.instance) - set(allowed))[0]
        meant = difflib.get_close_matches(unknown, allowed, n=1)
        hint = f" (did you mean {meant[0]!r}?)" if meant else f" (known: {', '.join(allowed)})"
        raise SchemaError(f"{where}: {entry}: unknown key {unknown!r}{hint}")
    raise SchemaError(f"{where}: {entry}: {error.message}")


def _entry(data: Any, path: list[str | int]) -> str:
    """A place in a schema as its messages name it: `event_types[0] 'Attack' roles[1] 'Place'`."""
    parts: list[str] = []
    here = data
    for step in path:
        here = here[step]
        if isinstance(step, int):
            name = here.get("name") if isinstance(here, dict) else None
            parts[-1] += f"[{step}]" + (f" {name!r}" if isinstance(name, str) else "")
        else:
            parts.append(str(step))
    return " ".join(parts) or "schema"


def schema_from_dict(data: Any, *, where: str = "schema") -> Schema:
    """Validate a schema's JSON content; errors name `where` and the entry at fault."""
    return _SchemaReader(where).read(data)


class _SchemaReader:
    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, entry: str, message: str) -> SchemaError:
        return SchemaError(f"{self.where}: {entry}: {message}")

    def field(self, obj: dict[str, Any], key: str, kind: type, entry: str, default: Any = ...) -> Any:
        if key not in obj:
            if default is ...:
                raise self.fail(entry, f"missing {key!r}")
            return default
        value = obj[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(entry, f"{key!r} must be {kind.__name__}, not {type(value).__name__}")
        return value

    def names(self, obj: dict[str, Any], key: str, entry: str) -> tuple[str, ...]:
        values = self.field(obj, key, list, entry, [])
        if not all(isinstance(v, str) and v for v in values):
            raise self.fail(entry, f"{key!r} must be a list of names")
        if len(set(values)) != len(values):
            raise self.fail(entry, f"{key!r} repeats a name")
        return tuple(values)

    def entries(self, data: dict[str, Any], key: str) -> list[tuple[str, dict[str, Any]]]:
        items = self.field(data, key, list, "schema", [])
        out, seen = [], set()
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise self.fail(f"{key}[{i}]", "must be an object")
            name = self.field(item, "name", str, f"{key}[{i}]")
            entry = f"{key}[{i}] {name!r}"
            if not name or name != name.strip():
                raise self.fail(entry, "a name must be non-empty, without surrounding spaces")
            if name in seen:
                raise self.fail(entry, "defined twice")
            seen.add(name)
            out.append((entry, item))
        return out

    def look(self, item: dict[str, Any], entry: str) -> tuple[str, str | None]:
        color = self.field(item, "color", str, entry)
        if not _COLOR.match(color):
            raise self.fail(entry, f"color {color!r} is not #rrggbb")
        key = self.field(item, "key", str, entry, None)
        if key is not None and (len(key) != 1 or not key.isprintable() or key.isspace()):
            raise self.fail(entry, f"key {key!r} must be one printable character")
        return color, key.upper() if key else None

    def read(self, data: Any) -> Schema:
        if not isinstance(data, dict):
            raise self.fail("schema", "must be a JSON object")
        version = self.field(data, "format", int, "schema")
        if version != FORMAT_VERSION:
            raise self.fail("schema", f"format {version} is not supported (this version reads {FORMAT_VERSION})")
        entities = []
        for entry, item in self.entries(data, "entity_types"):
            color, key = self.look(item, entry)
            kind = self.field(item, "kind", str, entry, "entity")
            if kind not in ("entity", "value"):
                raise self.fail(entry, f"kind must be entity or value, not {kind!r}")
            entities.append(
                EntityType(
                    item["name"],
                    self.field(item, "title", str, entry, item["name"]),
                    color,
                    key,
                    self.names(item, "subtypes", entry),
                    kind,
                    *self.guideline(item, entry),
                )
            )
        entity_names = {e.name for e in entities}
        events = []
        for entry, item in self.entries(data, "event_types"):
            color, key = self.look(item, entry)
            if item["name"] in entity_names:
                raise self.fail(entry, "an event type cannot share its name with an entity type")
            roles = []
            for role_entry, role in self.entries(item, "roles"):
                types = self.names(role, "types", f"{entry} {role_entry}")
                self.known(types, entity_names, f"{entry} {role_entry}")
                roles.append(
                    Role(
                        role["name"],
                        types,
                        self.field(role, "multiple", bool, role_entry, True),
                        *self.guideline(role, f"{entry} {role_entry}"),
                    )
                )
            events.append(
                EventType(
                    item["name"],
                    self.field(item, "title", str, entry, item["name"]),
                    color,
                    key,
                    tuple(roles),
                    *self.guideline(item, entry),
                )
            )
        relations = []
        for entry, item in self.entries(data, "relation_types"):
            head, tail = self.names(item, "head", entry), self.names(item, "tail", entry)
            self.known(head + tail, entity_names, entry)
            relations.append(
                RelationType(
                    item["name"],
                    self.field(item, "title", str, entry, item["name"]),
                    head,
                    tail,
                    *self.guideline(item, entry),
                )
            )
        attributes = []
        for entry, item in self.entries(data, "attributes"):
            applies = self.names(item, "applies_to", entry)
            if not applies or set(applies) - set(_TARGETS):
                raise self.fail(entry, f"applies_to must name some of {', '.join(_TARGETS)}")
            values = self.names(item, "values", entry)
            if not values:
                raise self.fail(entry, "needs at least one value")
            default = self.field(item, "default", str, entry, None)
            if default is not None and default not in values:
                raise self.fail(entry, f"default {default!r} is not one of its values")
            attributes.append(Attribute(item["name"], applies, values, default))
        keys: dict[str, str] = {}
        keyed: list[EntityType | EventType] = [*entities, *events]
        for t in keyed:
            if t.key is not None:
                if t.key in keys:
                    raise self.fail(f"{t.name!r}", f"key {t.key!r} is already used by {keys[t.key]!r}")
                keys[t.key] = t.name
        type_check = self.field(data, "type_check", str, "schema", "warn")
        if type_check not in ("warn", "refuse"):
            raise self.fail("schema", f"type_check must be warn or refuse, not {type_check!r}")
        return Schema(
            name=self.field(data, "name", str, "schema"),
            title=self.field(data, "title", str, "schema", data.get("name", "")),
            description=self.field(data, "description", str, "schema", ""),
            entity_types=tuple(entities),
            event_types=tuple(events),
            relation_types=tuple(relations),
            attributes=tuple(attributes),
            type_check=type_check,
            source=data,
        )

    def guideline(self, item: dict[str, Any], entry: str) -> tuple[str, tuple[str, ...]]:
        definition = self.field(item, "definition", str, entry, "")
        examples = self.field(item, "examples", list, entry, [])
        if not all(isinstance(e, str) and e.strip() for e in examples):
            raise self.fail(entry, "'examples' must be a list of non-empty strings")
        return definition, tuple(examples)

    def known(self, names: tuple[str, ...], entity_names: set[str], entry: str) -> None:
        unknown = [n for n in names if n not in entity_names]
        if unknown:
            raise self.fail(entry, f"unknown entity type {unknown[0]!r}")
