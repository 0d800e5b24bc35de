"""File formats that documents and annotations travel in; no Qt, no SQL.

Readers turn one line or file into a `DocumentRecord` or raise `FormatError`; writers turn a
record into bytes. `registry.py` picks the reader for a file.
"""
