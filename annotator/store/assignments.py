"""Assignments in SQL: who has which document, and how far they are in it.

Every write of an annotator to a document they are assigned moves their assignment from new to
in progress, in the write's transaction (`MOVE_ON`, run by services/annotations.py).
"""

from __future__ import annotations

# The writer's assignment moves on when they annotate (on PostgreSQL the rights guard refuses a
# write to another's assignment, store/rights.py).
MOVE_ON = ("UPDATE assignments SET status = 'in_progress' WHERE document_id = :key AND status = 'new' "
           "AND annotator_id = (SELECT id FROM annotators WHERE name = :who)")
SET_MINE = ("UPDATE assignments SET status = :status WHERE document_id = :key "
            "AND annotator_id = (SELECT id FROM annotators WHERE name = :who)")
OF_DOCUMENT = ("SELECT a.name, s.status FROM assignments s JOIN annotators a ON a.id = s.annotator_id "
               "WHERE s.document_id = :key ORDER BY a.name")
QUEUE = ("SELECT d.id, d.uid, d.title, s.status FROM assignments s JOIN documents d ON d.id = s.document_id "
         "JOIN annotators a ON a.id = s.annotator_id WHERE a.name = :who AND d.corpus_id = :corpus "
         "ORDER BY CASE s.status WHEN 'in_progress' THEN 0 WHEN 'new' THEN 1 ELSE 2 END, d.id")
ASSIGNED = ("SELECT s.document_id FROM assignments s JOIN annotators a ON a.id = s.annotator_id "
            "WHERE a.name = :who")
