"""The text and annotation model: standard library only, no Qt, no SQL."""
