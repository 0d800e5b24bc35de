"""The error a reader raises for one bad line or file; the caller adds file and line."""


class FormatError(ValueError):
    pass
