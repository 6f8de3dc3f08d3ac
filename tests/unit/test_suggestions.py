"""Keyword suggestions without a database: what matches, how points rank, how highlights cut."""

from __future__ import annotations

from monitor.domain import suggestions


def test_segments_join_back_to_the_text_and_mark_the_matches() -> None:
    text = "Civilian detainees are released; hostages too."
    found = suggestions.suggest([("1", text)], suggestions.load_lexicon()["D01"])
    pieces = found[0].segments()
    assert "".join(piece for piece, _ in pieces) == text
    assert [piece for piece, matched in pieces if matched] == [
        "Civilian",
        "detainees",
        "released",
        "hostages",
    ]
    assert not any(matched for piece, matched in pieces if piece.strip(" ;.") == "are")
