"""Likely duplicates: when two entries are probably about the same thing, and why.

Three reasons, strongest first:
- URL: the same source address once normalised (`normal_url`): the scheme, the case of the
  host, a leading `www.`, a default port, a trailing slash, the fragment and tracking
  parameters (utm_*, fbclid, ...) make no difference, and the query's order neither.
- FILE: an attachment with the same SHA-256.
- TEXT: near-identical text (title and the start of the description, folded as every
  comparison is, `monitor.core.text.fold`) about the same place (the region, and the
  settlement when both name one) within DATE_WINDOW days.

Stored keys (`keys`) are fixed-size digests, so each is one short indexed column whatever the
length or script of the address (a long Cyrillic URL would not fit a PostgreSQL index entry).

Independent sources, as counted for an incident (`source_key`): an entry's source is the site
its URL is on (on a social platform, the account: the first part of the path), else its
source title; an entry with neither is a source of its own (a witness, say). Entries of one
incident with the same source are one source however many they are; the sources an entry
kept from entries merged into it count too. (The organisation that recorded an entry is not
its source: two colleagues logging one article are one source.)
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import numpy as np
from rapidfuzz import fuzz, process, utils

from monitor.core.text import fold

DATE_WINDOW = 3  # days between two events that may be one
TEXT_THRESHOLD = 90  # rapidfuzz token_sort_ratio (0..100) at or above which texts match
TEXT_PREFIX = 500  # characters of the description compared (a long text adds nothing)
CANDIDATES = 2000  # at most this many entries of one place and window are compared
SHOWN = 10  # likely duplicates shown for one entry
TRACKING = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "ref_src",
        "ref_url",
        "si",
    }
)
TRACKING_PREFIXES = ("utm_", "hsa_", "pk_")
DEFAULT_PORTS = {"http": 80, "https": 443}
# platforms where the site says little: there the account (first path part) is the source
PLATFORMS = frozenset(
    {
        "facebook.com",
        "m.facebook.com",
        "instagram.com",
        "t.me",
        "telegram.me",
        "twitter.com",
        "x.com",
        "youtube.com",
        "tiktok.com",
        "vk.com",
        "threads.net",
        "medium.com",
    }
)
_SLASHES = re.compile(r"/{2,}")


class Reason(StrEnum):
    """Why two entries look like one, strongest first."""

    URL = "url"
    FILE = "file"
    TEXT = "text"


def _digest(kind: str, text: str) -> str:
    return hashlib.sha256(f"{kind}\x1f{text}".encode()).hexdigest()


def _tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING or lowered.startswith(TRACKING_PREFIXES)


def _host(netloc: str, scheme: str) -> str:
    """The host as compared: no user, lower case, no `www.`, no default port."""
    host = netloc.rsplit("@", 1)[-1].lower().rstrip(".")
    name, _, port = host.rpartition(":") if host.count(":") == 1 else (host, "", "")
    if port.isdigit() and int(port) == DEFAULT_PORTS.get(scheme):
        host = name
    return host.removeprefix("www.")


def normal_url(url: str | None) -> str | None:
    """The address as compared for duplicates (None for no or no usable address).

    http and https count as one address (the same page served both ways), and so do the
    same parameters in another order; the path keeps its case (servers may tell it apart).
    """
    text = (url or "").strip()
    if not text:
        return None
    scheme, found, rest = text.partition("://")
    if not found:
        scheme, rest = "http", text
    # split as urlsplit does (fragment, query, authority, path), without its cost a row: an
    # import normalises every address it reads; a bracketed (IPv6) host goes through urlsplit
    rest = rest.partition("#")[0]
    rest, _, query_text = rest.partition("?")
    netloc, slash, path = rest.partition("/")
    if "[" in netloc:
        try:
            netloc = urlsplit(f"{scheme}://{netloc}").netloc
        except ValueError:
            return None
    host = _host(netloc, scheme.lower())
    if not host:
        return None
    path = _SLASHES.sub("/", slash + path).rstrip("/")
    if not query_text:
        return f"{host}{path}"
    query = sorted(
        (k, v) for k, v in parse_qsl(query_text, keep_blank_values=True) if not _tracking(k)
    )
    return f"{host}{path}" + (f"?{urlencode(query)}" if query else "")


def url_key(url: str | None) -> str | None:
    """The stored key of a source address (a digest of `normal_url`), None without one."""
    normal = normal_url(url)
    return None if normal is None else _digest("url", normal)


def source_key(url: str | None, title: str | None = None) -> str | None:
    """The stored key of an entry's source (see the module's docstring), None when the entry
    names none, so that it counts as a source of its own."""
    return _source_key(normal_url(url), title)


def _source_key(normal: str | None, title: str | None) -> str | None:
    if normal is not None:
        host, _, rest = normal.partition("/")
        host = host.split("?", 1)[0]
        if host in PLATFORMS and rest:
            host = f"{host}/{rest.split('/', 1)[0].split('?', 1)[0].casefold()}"
        return _digest("site", host)
    if title and title.strip():
        return _digest("source-title", _plain(title))
    return None


def comparable(title: str, description: str | None = "") -> str:
    """The text two entries are compared by: the title and the start of the description,
    folded, punctuation and runs of space made single spaces."""
    return _plain(f"{title} {(description or '')[:TEXT_PREFIX]}")


def _plain(text: str) -> str:
    """Folded, punctuation as space, one space between words. (`str.split` splits at what
    the pattern `\\s+` matched, every character `str.isspace` holds, at a fifth of
    its cost on Cyrillic text.)"""
    return " ".join(utils.default_process(fold(text)).split())


def text_key(title: str) -> str:
    """The stored key of a title (folded and spaced as compared): an import looks entries up
    by it, one indexed look-up for a chunk of rows instead of a window each."""
    return _digest("title", _plain(title))


def keys(*, source_url: str | None, source_title: str | None, title: str) -> dict[str, str | None]:
    """The stored keys of an entry's values, by column name (what a save writes beside them)."""
    normal = normal_url(source_url)
    return {
        "source_url_key": None if normal is None else _digest("url", normal),
        "source_key": _source_key(normal, source_title),
        "text_key": text_key(title),
    }


def text_score(a: str, b: str) -> float:
    """How alike two `comparable` texts are, 0..100 (word order does not count)."""
    return float(fuzz.token_sort_ratio(a, b, processor=None))


@dataclass(frozen=True)
class Place:
    """Where and when an entry says something happened: what TEXT compares beside the text."""

    region_code: str
    settlement_code: str | None
    event_start: date
    event_end: date | None = None


def same_place(a: Place, b: Place) -> bool:
    """Same region, the same settlement when both name one, and events within DATE_WINDOW
    days of each other (a range counts from its start to its end)."""
    if a.region_code != b.region_code:
        return False
    if a.settlement_code and b.settlement_code and a.settlement_code != b.settlement_code:
        return False
    a_end, b_end = a.event_end or a.event_start, b.event_end or b.event_start
    gap = max((a.event_start - b_end).days, (b.event_start - a_end).days, 0)
    return gap <= DATE_WINDOW


@dataclass(frozen=True)
class Candidate:
    """An entry the text search may match: its id, where and when, its `comparable` text."""

    evidence_id: int
    place: Place
    text: str


@dataclass(frozen=True)
class Match:
    """A likely duplicate: which entry, why (every reason that holds), and how alike (100 for
    the same address or file, else the text's score; `text_score` is the text's own, when its
    text matched too, so a person is never told a text is 100 % alike because a file is)."""

    evidence_id: int
    reasons: tuple[Reason, ...]
    score: float
    text_score: float | None = None

    @property
    def strongest(self) -> Reason:
        return self.reasons[0]


def text_matches(text: str, place: Place, candidates: Sequence[Candidate]) -> dict[int, float]:
    """The candidates about the same place whose text is near-identical: id -> score."""
    near = [c for c in candidates if same_place(place, c.place)]
    if not text or not near:
        return {}
    if len(near) <= SHOWN:  # every one that scores is kept: no ranking needed (the usual case)
        scores = (
            (c.evidence_id, fuzz.token_sort_ratio(text, c.text, processor=None)) for c in near
        )
        return {i: float(score) for i, score in scores if score >= TEXT_THRESHOLD}
    found = process.extract(
        text,
        [c.text for c in near],
        scorer=fuzz.token_sort_ratio,
        processor=None,
        score_cutoff=TEXT_THRESHOLD,
        limit=SHOWN,
    )
    return {near[index].evidence_id: float(score) for _, score, index in found}


def combine(
    *,
    by_url: Iterable[int] = (),
    by_file: Iterable[int] = (),
    by_text: dict[int, float] | None = None,
    exclude: Iterable[int] = (),
) -> list[Match]:
    """One match per entry with all its reasons, strongest first, at most SHOWN."""
    reasons: dict[int, list[Reason]] = {}
    for reason, ids in ((Reason.URL, by_url), (Reason.FILE, by_file), (Reason.TEXT, by_text or {})):
        for evidence_id in ids:
            reasons.setdefault(evidence_id, []).append(reason)
    scores = by_text or {}
    for evidence_id in exclude:
        reasons.pop(evidence_id, None)
    matches = [
        Match(i, tuple(r), 100.0 if r[0] != Reason.TEXT else scores[i], scores.get(i))
        for i, r in reasons.items()
    ]
    order = list(Reason)
    matches.sort(key=lambda m: (order.index(m.strongest), -m.score, -m.evidence_id))
    return matches[:SHOWN]


class Choice(StrEnum):
    """What a person does with a new entry that has likely duplicates."""

    SEPARATE = "separate"  # save it as an entry of its own
    LINK = "link"  # save it and join it to the other's incident (corroboration)
    MERGE = "merge"  # save it into the other: one entry, its sources kept there


@dataclass(frozen=True)
class RowMatch:
    """A row of a file that looks like an earlier row of the same file, or a stored entry."""

    row: int
    reason: Reason
    row_of: int | None = None  # the earlier row of the file
    entry_of: int | None = None  # the stored entry
    score: float = 100.0


class FileScan:
    """Likely duplicates within one file, in flat memory: each row leaves three 64-bit hashes
    and its day (24 bytes; a million rows in 24 MB), compared once at the end by sorting.

    Within a file, near-identical text means the same title once folded (`text_key`) about the
    same region within DATE_WINDOW days (the stored entries are compared by their full text,
    `monitor.queries.duplicates.find_batch`).
    """

    def __init__(self) -> None:
        self.rows = array("q")
        self.urls = array("q")
        self.titles = array("q")
        self.days = array("q")

    def add(self, row: int, url: str | None, title: str, region_code: str, day: date) -> None:
        self.rows.append(row)
        self.urls.append(hash(url) if url else 0)
        self.titles.append(hash((title, region_code)))
        self.days.append(day.toordinal())

    def matches(self) -> FileMatches:
        """Each row like an earlier one, with the earliest such row (for a text, the row before
        it among those of its title, region and window), as arrays: nothing a match is built
        until the caller asks for the few it lists (a million rows have hundreds of thousands)."""
        empty = np.zeros(0, dtype=np.int64)
        if len(self.rows) < 2:
            return FileMatches(empty, empty, empty)
        rows = np.frombuffer(self.rows, dtype=np.int64)
        urls = np.frombuffer(self.urls, dtype=np.int64)
        url_later, url_first = _repeats(urls, rows, urls != 0)
        titles = np.frombuffer(self.titles, dtype=np.int64)
        days = np.frombuffer(self.days, dtype=np.int64)
        order = np.lexsort((rows, days, titles))
        same = titles[order][1:] == titles[order][:-1]
        close = (days[order][1:] - days[order][:-1]) <= DATE_WINDOW
        index = np.flatnonzero(same & close)
        one, two = rows[order[index + 1]], rows[order[index]]
        later, first = np.maximum(one, two), np.minimum(one, two)
        # a row paired more than once keeps its first pair in this order
        later, kept = np.unique(later, return_index=True)
        first = first[kept]
        text, url = _REASONS.index(Reason.TEXT), _REASONS.index(Reason.URL)
        all_rows = np.concatenate((url_later, later))
        reasons = np.concatenate((np.full(len(url_later), url), np.full(len(later), text)))
        firsts = np.concatenate((url_first, first))
        by_row = np.lexsort((reasons, all_rows))
        return FileMatches(all_rows[by_row], reasons[by_row], firsts[by_row])


_REASONS = list(Reason)


@dataclass(frozen=True)
class FileMatches:
    """The rows of a file like an earlier row (`FileScan.matches`): by row, then reason
    (strongest first), each with the earlier row, as three arrays (24 bytes a match)."""

    rows: np.ndarray[Any, Any]
    reasons: np.ndarray[Any, Any]  # the index of the reason in `Reason`
    firsts: np.ndarray[Any, Any]

    def distinct_rows(self) -> np.ndarray[Any, Any]:
        """Every row with a match, once, in order."""
        return np.unique(self.rows)

    def listed(self, kept: Collection[int], room: int) -> list[RowMatch]:
        """The matches of the rows in `kept`, and of the first `room` other rows with one (by
        row): what a report that lists a few rows, `kept` already, shows of them."""
        wanted = np.isin(self.rows, np.fromiter(kept, dtype=np.int64, count=len(kept)))
        others = np.unique(self.rows[~wanted])[: max(room, 0)]
        wanted |= np.isin(self.rows, others)
        return [
            RowMatch(row, _REASONS[reason], row_of=first)
            for row, reason, first in zip(
                self.rows[wanted].tolist(),
                self.reasons[wanted].tolist(),
                self.firsts[wanted].tolist(),
                strict=True,
            )
        ]


def _repeats(
    values: np.ndarray[Any, Any], rows: np.ndarray[Any, Any], wanted: np.ndarray[Any, Any]
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """(rows, the first row with the same value) for every row whose value came before."""
    picked = np.flatnonzero(wanted)
    if len(picked) < 2:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = picked[np.lexsort((rows[picked], values[picked]))]
    ordered = values[order]
    starts = np.concatenate(([True], ordered[1:] != ordered[:-1]))
    first = np.maximum.accumulate(np.where(starts, np.arange(len(order)), 0))
    repeats = np.flatnonzero(~starts)
    return rows[order[repeats]], rows[order[first[repeats]]]
