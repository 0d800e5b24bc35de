"""Streaming Parquet into an export: pyarrow writes into a `Sink`, and the export takes what has
been written after each row group, so nothing waits for the end but the current group."""

from __future__ import annotations

import json
from typing import Any


class Sink:
    """A write-only file object for pyarrow that hands its bytes over on `take`."""

    closed = False

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._position = 0

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self._parts.append(chunk)
        self._position += len(chunk)
        return len(chunk)

    def tell(self) -> int:
        return self._position

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def take(self) -> bytes:
        out = b"".join(self._parts)
        self._parts = []
        return out


class ParquetStream:
    """Rows gathered into row groups of `group_rows`; `add` and `close` give the bytes written so far."""

    def __init__(self, schema: Any, group_rows: int) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.pa, self.schema, self.group_rows = pa, schema, group_rows
        self.sink = Sink()
        self.writer = pq.ParquetWriter(self.sink, schema, compression="zstd")
        self.pending: list[dict[str, Any]] = []

    def add(self, rows: list[dict[str, Any]]) -> bytes:
        self.pending += rows
        if len(self.pending) >= self.group_rows:
            self._flush()
        return self.sink.take()

    def close(self) -> bytes:
        self._flush()
        self.writer.close()
        return self.sink.take()

    def _flush(self) -> None:
        if self.pending:
            self.writer.write_table(self.pa.Table.from_pylist(self.pending, schema=self.schema))
            self.pending = []


def datasets_metadata(features: dict[str, Any]) -> dict[bytes, bytes]:
    """Schema metadata from which `datasets` takes the features (ClassLabel names and all)."""
    return {b"huggingface": json.dumps({"info": {"features": features}}).encode()}
