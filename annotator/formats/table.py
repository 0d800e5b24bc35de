"""The format table of docs/formats.md, made from the registry (a test keeps the page in step)."""

from __future__ import annotations

from annotator.formats.base import Carries
from annotator.formats.registry import FORMATS

COLUMNS = (
    ("spans", Carries.SPANS),
    ("nested", Carries.NESTED),
    ("inside words", Carries.INSIDE_TOKENS),
    ("events", Carries.EVENTS),
    ("relations", Carries.RELATIONS),
    ("attributes", Carries.ATTRIBUTES),
    ("metadata", Carries.METADATA),
)


def format_table() -> str:
    head = ["id", "format", "read", "write", *(name for name, _ in COLUMNS), "example"]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for f in FORMATS:
        carried = []
        for _name, flag in COLUMNS:
            if flag in f.carries:
                carried.append("yes")
            elif f.token_level and flag is Carries.NESTED and f.layers:
                carried.append("layers")
            elif f.token_level and flag in (Carries.NESTED, Carries.INSIDE_TOKENS):
                carried.append("policy")
            else:
                carried.append("")
        example = f"`annotator export {f.example}`" if f.writer else ""
        rows.append(
            "| "
            + " | ".join([f"`{f.id}`", f.name, "yes" if f.read else "", "yes" if f.writer else "", *carried, example])
            + " |"
        )
    return "\n".join(rows)
