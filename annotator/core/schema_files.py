"""Schema files: the bundled ones and the user's, read and checked (resources/schemas/README.md):
every entry against the rules of the format (names, colours, keys, known types, defaults), and
the whole file against its JSON Schema (unknown keys are errors naming the key meant)."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any

from annotator.core.errors import SchemaError
from annotator.core.resources import SCHEMAS
from annotator.core.schema import FORMAT_VERSION, Attribute, EntityType, EventType, RelationType, Role, Schema

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_TARGETS = ("span", "event", "relation")

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
