"""Typed access to the fields of a parsed JSON object, with errors that name the field."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from annotator.formats.errors import FormatError


def get(obj: dict[str, Any], key: str, kind: type | tuple[type, ...], *, required: bool = False,
        where: str = "") -> Any:
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


def string_map(obj: dict[str, Any], key: str, where: str) -> dict[str, str]:
    value = get(obj, key, dict, where=where) or {}
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise FormatError(f"{where}{key!r} must map names to strings")
    return dict(value)


def timestamp(obj: dict[str, Any], key: str, where: str) -> datetime | None:
    value = get(obj, key, str, where=where)
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise FormatError(f"{where}{key!r} is not an ISO date-time: {value!r}") from None
