"""A custody event's detail in the reader's language.

The chain of custody is append-only, so its details are stored as written: in English, by the
services that record them (`monitor.services.attachments`, `custody`, `captures`, `incidents`).
A reader of the Ukrainian pages reads them in Ukrainian: each detail those services write is
matched here and said through the catalogue; a detail not matched (one written by an older
version) is shown as stored. The CSV export keeps the stored English, as the record is.
"""

from __future__ import annotations

import re

from monitor.i18n import t

# the stored English (what the services write) -> the catalogue key that says it
_DETAILS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"stored under its SHA-256"), "custody.detail.stored"),
    (
        re.compile(r"preview: (?P<kind>[a-z]+), (?P<n>\d+) image\(s\) drawn on the server"),
        "custody.detail.preview_drawn",
    ),
    (re.compile(r"preview: (?P<kind>[a-z]+)"), "custody.detail.preview"),
    (re.compile(r"working copy, metadata removed"), "custody.detail.working_copy_cleaned"),
    (re.compile(r"working copy, as stored"), "custody.detail.working_copy"),
    (
        re.compile(r"original as stored, metadata kept \(an admin's choice\)"),
        "custody.detail.original",
    ),
    (re.compile(r"capture as received"), "custody.detail.capture_received"),
    (re.compile(r"checked again: matches"), "custody.detail.rehash_matches"),
    (
        re.compile(r"(?P<done>refused|left out of a backup): file missing"),
        "custody.detail.{done}_missing",
    ),
    (
        re.compile(
            r"(?P<done>refused|left out of a backup): SHA-256 differs from the record: tampering"
        ),
        "custody.detail.{done}_tampered",
    ),
    (re.compile(r"from a backup, checked against its manifest"), "custody.detail.restored"),
    (re.compile(r"file not in backup"), "custody.detail.not_in_backup"),
    (re.compile(r"custody log of the entry \(CSV\)"), "custody.detail.exported_csv"),
    (re.compile(r"custody log in a briefing pack"), "custody.detail.exported_pack"),
    (re.compile(r"fetched from (?P<url>.+)", re.DOTALL), "custody.detail.fetched"),
    (
        re.compile(
            r"kept from entry #(?P<entry>\d+) \(attachment #(?P<item>\d+)\) when it was merged"
        ),
        "custody.detail.kept_from_merge",
    ),
]
_DONE = {"refused": "refused", "left out of a backup": "backup"}


def detail(stored: str, lang: str) -> str:
    """The stored detail said in `lang` (as stored when it is not one the services write).
    A fetched address stays as it was: it is a page's, not ours."""
    for pattern, key in _DETAILS:
        found = pattern.fullmatch(stored)
        if found is None:
            continue
        values = found.groupdict()
        if "done" in values:
            key = key.format(done=_DONE[values.pop("done")])
        if "kind" in values:
            values["kind"] = t(f"custody.kind.{values['kind']}", lang)
        return t(key, lang, **values)
    return stored
