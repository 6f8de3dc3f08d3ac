"""The files a briefing can be, in a module that imports nothing: the `monitor` command offers
them as choices without loading pandas and the database layer (its start-up), and the
Briefings page lists the same, in the same order."""

from __future__ import annotations

KINDS = ("evidence", "status", "history", "gaps", "strip")  # the pack holds each of these
COMPARISON = "comparison"  # two drafts chosen by code: on its own, not in the pack
PACK = "pack"  # the zip of every kind above, with its provenance
FILE_KINDS = (*KINDS, COMPARISON, PACK)

# What of the Briefings page's choices each file reads: the evidence and its counts read every
# filter and the sensitivity; a status history, its demands, dates and the sensitivity of the
# assessments; the drafts' coverage files only which demands. The page draws, the file carries
# and its provenance names only these, so a gap matrix does not claim a region or a date.
EVERY_FILTER = frozenset({"demands", "regions", "dates", "verification", "organisations"})
SENSITIVITY = "sensitivity"
READS: dict[str, frozenset[str]] = {
    "evidence": EVERY_FILTER | {SENSITIVITY},
    "status": EVERY_FILTER | {SENSITIVITY},
    "history": frozenset({"demands", "dates", SENSITIVITY}),
    "gaps": frozenset({"demands"}),
    "strip": frozenset({"demands"}),
    COMPARISON: frozenset({"demands"}),
    PACK: EVERY_FILTER | {SENSITIVITY},
}
