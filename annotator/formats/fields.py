"""Typed access to the fields of a parsed JSON object, with errors that name the field."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson

from annotator.formats.errors import FormatError


def get(
    obj: dict[str, Any], key: str, kind: type | tuple[type, ...], *, required: bool = False, where: str = ""
) -> Any:
    if key not in obj or obj[key] is None:
        if required:
            raise FormatError(f"{where}missing {key!r}")
        return None
    value = obj[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise FormatError(f"{where}{key!r} has the wrong type ({type(value).__name__})")
    return value


def offset(obj: dict[str, Any], key: str, where: str) -> int:
    return offset_value(get(obj, key, int, required=True, where=where), f"{where}{key!r}")


def offset_value(value: Any, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise FormatError(f"{name} must be a whole number >= 0, not {value!r}")
    return value


def optional_text(obj: dict[str, Any], key: str, where: str) -> str | None:
    """A string field where "" (or null, or no key) means absent."""
    return get(obj, key, str, where=where) or None


def json_object(obj: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    """An object, given as one or as a string holding its JSON ("{}" or "" for none)."""
    value = get(obj, key, (dict, str), where=where) or {}
    if isinstance(value, str):
        try:
            value = orjson.loads(value)
        except orjson.JSONDecodeError:
            raise FormatError(f"{where}{key!r} is not a JSON object") from None
        if not isinstance(value, dict):
            raise FormatError(f"{where}{key!r} is not a JSON object")
    return value


def string_map(obj: dict[str, Any], key: str, where: str) -> dict[str, str]:
    value = json_object(obj, key, where)
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise FormatError(f"{where}{key!r} must map names to strings")
    return dict(value)


def timestamp(obj: dict[str, Any], key: str, where: str) -> datetime | None:
    value = get(obj, key, str, where=where)
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise FormatError(f"{where}{key!r} is not an ISO date-time: {value!r}") from None
