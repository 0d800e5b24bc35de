"""Figures the reliability tests add up; the root conftest prints them at the end of the run."""

from collections import Counter

TALLY: Counter[str] = Counter()
