"""Use cases (import, export, annotate, statistics): core + store + formats, no Qt."""
