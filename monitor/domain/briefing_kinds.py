"""The files a briefing can be, in a module that imports nothing: the `monitor` command offers
them as choices without loading pandas and the database layer (its start-up), and the
Briefings page lists the same, in the same order."""

from __future__ import annotations

KINDS = ("evidence", "status", "history", "gaps", "strip")  # the pack holds each of these
COMPARISON = "comparison"  # two drafts chosen by code: on its own, not in the pack
PACK = "pack"  # the zip of every kind above, with its provenance
FILE_KINDS = (*KINDS, COMPARISON, PACK)
