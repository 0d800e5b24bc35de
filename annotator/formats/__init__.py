"""File formats that documents and annotations travel in; no Qt, no SQL.

Each format is one module declaring a `Format` (base.py): id, name, suffixes, a sniffing test,
what it carries, a reader (one file into `DocumentRecord`s or located problems) and a writer
(documents into bytes, counting in a `Tally` what it could not carry). `registry.py` lists
them; token formats share `tokenized.py` (the clitic and nesting policies) and `events.py`.
"""
