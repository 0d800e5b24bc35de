"""Hugging Face token classification: a sentence a row, `{"id", "document", "tokens",
"ner_tags"}` with IOB2 tag ids, as `datasets` expects for NER (conll2003's layout).

The label list is `O`, then `B-` and `I-` of each entity type of the corpus schema in schema
order, so ids are the same in every export of a corpus. JSONL writes it beside the file
(`NAME.labels.json`, the names for `ClassLabel`); Parquet stores it in the file's `datasets`
metadata, so `load_dataset("parquet", ...)` gives `ner_tags` as `ClassLabel` directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import orjson

from annotator.core.model import DocumentRecord
from annotator.formats.base import Carries, ExportOptions, Format, Tally, Writer
from annotator.formats.tokenized import entity_spans, tags, token_losses, tokenized

CARRIES = Carries.SPANS


def label_names(labels: Iterable[str]) -> list[str]:
    return ["O", *(f"{prefix}-{label}" for label in labels for prefix in "BI")]


class _Rows(Writer):
    """Sentences as rows of tag ids; what is written is left to the subclass."""

    name = "Hugging Face token classification"

    def __init__(self, options: ExportOptions, tally: Tally) -> None:
        self.options, self.tally = options, tally
        self.names = label_names(options.labels)
        self.ids = {name: i for i, name in enumerate(self.names)}

    def rows(self, doc: DocumentRecord) -> Iterator[dict[str, Any]]:
        self.tally.wrote("documents")
        token_losses(doc, CARRIES, self.tally, self.name)
        tokens = tokenized(doc, entity_spans(doc), self.options, self.tally, self.name)
        [layer] = tokens.layers(self.options.nested, self.tally, self.name)
        known = [s for s in layer if f"B-{s.label}" in self.ids]
        self.tally.note(
            "spans",
            "not written: their label is not an entity type of the corpus schema",
            doc.id,
            len(layer) - len(known),
        )
        self.tally.wrote("spans", len(known))
        column = tags(len(tokens.tokens), known, "iob2")
        for n, (start, end) in enumerate(tokens.sentence_ranges(), 1):
            self.tally.wrote("sentences")
            yield {
                "id": f"{doc.id}:{n}",
                "document": doc.id,
                "tokens": [tokens.token_text(i) for i in range(start, end)],
                "ner_tags": [self.ids[t] for t in column[start:end]],
            }


class _JsonlWriter(_Rows):
    SIDE_SUFFIXES = (".labels.json",)

    def document(self, doc: DocumentRecord) -> bytes:
        return b"".join(orjson.dumps(row, option=orjson.OPT_APPEND_NEWLINE) for row in self.rows(doc))

    def side_files(self) -> dict[str, bytes]:
        return {self.SIDE_SUFFIXES[0]: orjson.dumps(self.names, option=orjson.OPT_INDENT_2) + b"\n"}


ROW_GROUP = 20_000  # sentences a Parquet row group


class _ParquetWriter(_Rows):
    """Row groups streamed to the output as they fill (memory holds one group)."""

    def __init__(self, options: ExportOptions, tally: Tally) -> None:
        super().__init__(options, tally)
        import pyarrow as pa

        from annotator.formats.parquet_sink import ParquetStream, datasets_metadata

        # "Sequence", not "List": datasets 3.x knows only the first, 4 and 5 read both.
        features = {
            "id": {"dtype": "string", "_type": "Value"},
            "document": {"dtype": "string", "_type": "Value"},
            "tokens": {"feature": {"dtype": "string", "_type": "Value"}, "_type": "Sequence"},
            "ner_tags": {"feature": {"names": self.names, "_type": "ClassLabel"}, "_type": "Sequence"},
        }
        schema = pa.schema(
            [
                ("id", pa.string()),
                ("document", pa.string()),
                ("tokens", pa.list_(pa.string())),
                ("ner_tags", pa.list_(pa.int64())),
            ],
            metadata=datasets_metadata(features),
        )
        self.stream = ParquetStream(schema, ROW_GROUP)

    def document(self, doc: DocumentRecord) -> bytes:
        return self.stream.add(list(self.rows(doc)))

    def finish(self) -> Iterable[bytes]:
        yield self.stream.close()


JSONL = Format(
    id="hf-tokens",
    name="Hugging Face token classification (JSONL)",
    suffixes=(".jsonl",),
    carries=CARRIES,
    description="A sentence a line: tokens and IOB2 ner_tags ids; the ClassLabel names in NAME.labels.json.",
    example="-f hf-tokens --clitics split -o train.jsonl",
    writer=_JsonlWriter,
    token_level=True,
)
PARQUET = Format(
    id="hf-parquet",
    name="Hugging Face token classification (Parquet)",
    suffixes=(".parquet",),
    carries=CARRIES,
    description="The same rows in Parquet, with ner_tags typed as ClassLabel in the file itself.",
    example="-f hf-parquet --clitics split -o train.parquet",
    writer=_ParquetWriter,
    token_level=True,
    binary=True,
    needs="pyarrow",
)
