"""annotator: exact, durable annotation of Arabic news for NLP training data."""

__version__ = "0.1.0"
