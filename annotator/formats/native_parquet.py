"""This project's records in Parquet, under a fixed schema: the same fields as the JSONL (see
native.py), typed in the file itself, so `datasets.load_dataset("parquet", ...)` and pandas
read any export whatever its first rows hold (the Hugging Face hub stores datasets as Parquet).
Row groups are streamed; needs the `parquet` extra (pyarrow)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from annotator.core.model import DocumentRecord, StoredDocument
from annotator.formats import native
from annotator.formats.base import EVERYTHING, ExportOptions, Format, Tally, Writer

ROW_GROUP = 2_000  # documents a row group


def schema() -> Any:
    import pyarrow as pa

    text = pa.string()
    span = pa.struct(
        [
            ("id", text),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("label", text),
            ("text", text),
            ("subtype", text),
            ("attributes", text),
            ("annotator", text),
            ("note", text),
        ]
    )
    argument = pa.struct([("role", text), ("span", text)])
    event = pa.struct(
        [
            ("id", text),
            ("type", text),
            ("trigger", text),
            ("arguments", pa.list_(argument)),
            ("attributes", text),
            ("annotator", text),
        ]
    )
    relation = pa.struct(
        [("id", text), ("type", text), ("head", text), ("tail", text), ("attributes", text), ("annotator", text)]
    )
    meta = pa.struct(
        [(name, text) for name in ("title", "source", "section", "published", "url", "status", "sha256", "extra")]
    )
    return pa.schema(
        [
            ("id", text),
            ("text", text),
            ("meta", meta),
            ("spans", pa.list_(span)),
            ("events", pa.list_(event)),
            ("relations", pa.list_(relation)),
        ]
    )


class _Writer(Writer):
    def __init__(self, options: ExportOptions, tally: Tally) -> None:
        from annotator.formats.parquet_sink import ParquetStream

        self.tally = tally
        self.stream = ParquetStream(schema(), ROW_GROUP)

    def document(self, doc: DocumentRecord) -> bytes:
        return self.stored(StoredDocument.of(doc))

    def stored(self, doc: StoredDocument) -> bytes:
        native.count(doc, self.tally)
        return self.stream.add([native.line(doc)])

    def finish(self) -> Iterable[bytes]:
        yield self.stream.close()


FORMAT = Format(
    id="parquet",
    name="annotator Parquet",
    suffixes=(".parquet",),
    carries=EVERYTHING,
    description="The same records as annotator JSONL in Parquet, under a fixed schema; needs the parquet extra.",
    example="-f parquet -o corpus.parquet",
    writer=_Writer,
    binary=True,
    needs="pyarrow",
)
