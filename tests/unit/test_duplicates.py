"""Likely duplicates, the pure part: how addresses are normalised, texts scored, matches ranked."""

from __future__ import annotations

from datetime import date

import pytest

from monitor.domain import duplicates
from monitor.domain.duplicates import Candidate, Place, Reason


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/report/1",
        "http://example.org/report/1",
        "HTTPS://EXAMPLE.ORG/report/1/",
        "https://www.example.org/report/1#section-2",
        "https://example.org:443/report/1?utm_source=tg&utm_medium=social",
        "https://example.org/report/1?fbclid=IwAR0abc",
        "https://user@example.org//report//1",
        "  example.org/report/1  ",
        "http://example.org:80/report/1?gclid=x&UTM_CAMPAIGN=y",
    ],
)
def test_the_same_address_written_differently_is_one(url: str) -> None:
    assert duplicates.normal_url(url) == "example.org/report/1"
    assert duplicates.url_key(url) == duplicates.url_key("https://example.org/report/1")


def test_what_tells_pages_apart_is_kept() -> None:
    assert duplicates.normal_url("https://example.org/Report/1") == "example.org/Report/1"
    assert duplicates.normal_url("https://example.org/news?id=2&page=1") == (
        "example.org/news?id=2&page=1"
    )
    # the parameters' order does not count, their values do
    assert duplicates.url_key("https://example.org/n?page=1&id=2") == duplicates.url_key(
        "https://example.org/n?id=2&page=1"
    )
    assert duplicates.url_key("https://example.org/n?id=3") != duplicates.url_key(
        "https://example.org/n?id=2"
    )
    assert duplicates.url_key("https://example.org:8080/a") != duplicates.url_key(
        "https://example.org/a"
    )
    assert duplicates.url_key("https://other.org/report/1") != duplicates.url_key(
        "https://example.org/report/1"
    )


@pytest.mark.parametrize("bad", [None, "", "   ", "http://", "https://[::1"])
def test_no_or_unusable_address_has_no_key(bad: str | None) -> None:
    assert duplicates.url_key(bad) is None


def test_a_long_cyrillic_address_has_a_short_key() -> None:
    url = "https://приклад.укр/" + "звіт/" * 300
    key = duplicates.url_key(url)
    assert key is not None and len(key) == 64


def test_sources_are_sites_accounts_or_titles() -> None:
    one = duplicates.source_key("https://www.example.org/a?utm_source=x")
    assert one == duplicates.source_key("http://example.org/other/page")
    # on a platform the account is the source
    assert duplicates.source_key("https://t.me/channel_a/100") == duplicates.source_key(
        "https://t.me/channel_a/200"
    )
    assert duplicates.source_key("https://t.me/channel_a/100") != duplicates.source_key(
        "https://t.me/channel_b/100"
    )
    # no address: the title, folded; neither: a source of its own (None)
    assert duplicates.source_key(None, "Звіт  ХПГ") == duplicates.source_key("", "звіт хпг")
    assert duplicates.source_key(None, None) is None
    assert duplicates.source_key(None, "   ") is None


def test_texts_compare_folded_and_in_any_word_order() -> None:
    a = duplicates.comparable("Civilian DETAINED in Melitopol", "At a checkpoint.")
    b = duplicates.comparable("civilian detained in melitopol", "at a checkpoint")
    assert duplicates.text_score(a, b) == 100
    c = duplicates.comparable("In Melitopol civilian detained", "at a checkpoint")
    assert duplicates.text_score(a, c) == 100
    d = duplicates.comparable("School reopened in Kherson", "Classes in Ukrainian")
    assert duplicates.text_score(a, d) < duplicates.TEXT_THRESHOLD
    # apostrophes fold to one
    assert duplicates.comparable("В’їзд", "") == duplicates.comparable("в'їзд", "")


def _place(day: int, region: str = "crimea", settlement: str | None = None) -> Place:
    return Place(region, settlement, date(2025, 6, day))


def test_same_place_is_region_settlement_and_window() -> None:
    assert duplicates.same_place(_place(1), _place(1 + duplicates.DATE_WINDOW))
    assert not duplicates.same_place(_place(1), _place(2 + duplicates.DATE_WINDOW))
    assert not duplicates.same_place(_place(1), _place(1, "kherson"))
    assert duplicates.same_place(_place(1, settlement="A"), _place(1))  # one names none
    assert not duplicates.same_place(_place(1, settlement="A"), _place(1, settlement="B"))
    ranged = Place("crimea", None, date(2025, 6, 1), date(2025, 6, 20))
    assert duplicates.same_place(ranged, _place(22))  # within the window of its end


def test_text_matches_only_the_same_place_above_the_threshold() -> None:
    text = duplicates.comparable("Civilian detained in Melitopol", "Held incommunicado")
    near = duplicates.comparable("Civilian detained in Melitopol.", "Held incommunicado!")
    candidates = [
        Candidate(1, _place(2), near),
        Candidate(2, _place(2, "kherson"), near),  # another region
        Candidate(3, _place(20), near),  # another week
        Candidate(4, _place(2), duplicates.comparable("Teacher dismissed", "Refused")),
    ]
    found = duplicates.text_matches(text, _place(1), candidates)
    assert list(found) == [1]
    assert found[1] >= duplicates.TEXT_THRESHOLD
    assert duplicates.text_matches("", _place(1), candidates) == {}


def test_matches_combine_reasons_strongest_first() -> None:
    matches = duplicates.combine(
        by_url=[5], by_file=[7, 5], by_text={9: 93.0, 5: 99.0, 8: 97.0}, exclude=[42]
    )
    assert [m.evidence_id for m in matches] == [5, 7, 8, 9]
    assert matches[0].reasons == (Reason.URL, Reason.FILE, Reason.TEXT)
    assert matches[0].score == 100
    assert matches[0].text_score == 99.0  # its text's own score, said beside "similar text"
    assert matches[1].text_score is None  # the file alone
    assert matches[2].score == 97.0
    excluded = duplicates.combine(by_url=[42], exclude=[42])
    assert excluded == []


def test_at_most_shown_matches() -> None:
    many = duplicates.combine(by_url=range(1, 50))
    assert len(many) == duplicates.SHOWN


def test_title_keys_fold_case_space_and_punctuation() -> None:
    assert duplicates.text_key("Civilian  detained, Melitopol") == duplicates.text_key(
        "civilian detained melitopol"
    )
    assert duplicates.text_key("a") != duplicates.text_key("b")
