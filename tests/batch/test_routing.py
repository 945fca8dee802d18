"""Answers of several postcode areas are decided as one matcher of the whole country decides:
by the areas' top candidates' points (``routing.Top``), the margin counted in points."""

from __future__ import annotations

from placelink.batch.routing import Top, best_across_areas
from placelink.core.matching import AMBIGUOUS, MATCHED, UNMATCHED, MatchResult, Thresholds

TH = Thresholds()


def _res(uprn, score, status, reason, runner, margin) -> MatchResult:
    return MatchResult(uprn, score, status, f"address {uprn}", reason, runner, margin)


def test_more_points_win_over_a_higher_score() -> None:
    """Area A's house has more points (it has a building name, so more to earn) but a lower
    score than area B's; the whole-country matcher ranks by points: A's house, ambiguous
    against B's within the margin."""
    a = _res(1, 47.5, AMBIGUOUS, "number 1 = 1; street exact; score 48 below 50", 2, 21.2)
    b = _res(9, 57.5, MATCHED, "postcode exact; number 1 = 1; street differs 44", 8, 30.0)
    top_a, own_a = Top(1, 38.0, 47.5, 80.0, False), Top(2, 21.0, 26.2, 80.0, False)
    top_b, own_b = Top(9, 36.0, 57.5, 62.6, False), Top(8, 17.2, 27.5, 62.6, False)
    res = best_across_areas([b, a], TH, [(top_b, own_b), (top_a, own_a)])
    assert (res.uprn, res.match_status, res.runner_up_uprn) == (1, AMBIGUOUS, 9)
    assert res.margin == 2.5  # (38 - 36) * 100 / 80
    assert res.match_reason == "number 1 = 1; street exact; tied with UPRN 9 (margin 2.5)"
    # by score alone (no evidence) B's answer would have won
    assert best_across_areas([b, a], TH).uprn == 9


def test_a_rival_further_than_the_areas_own_runner_up_changes_nothing() -> None:
    a = _res(1, 100.0, MATCHED, "postcode exact; number 1 = 1; street exact", 2, 40.0)
    b = _res(9, 50.0, AMBIGUOUS, "number 1 = 1; street exact; score 50 below 60", 8, 30.0)
    evidence = [
        (Top(1, 80.0, 100.0, 80.0, True), Top(2, 48.0, 60.0, 80.0, False)),
        (Top(9, 30.0, 50.0, 60.0, False), None),
    ]
    assert best_across_areas([a, b], TH, evidence) == a


def test_a_matched_answer_loses_its_caps_and_notes_when_a_rival_ties_it() -> None:
    note = "the record's flat is not in the gazetteer at this address"
    a = _res(1, 60.0, MATCHED, f"postcode exact; flat 3 in record, none in gazetteer; {note}",
             2, 40.0)  # fmt: skip
    rival = Top(9, 70.0, 75.0, 93.3, False)
    evidence = [(Top(1, 71.0, 88.8, 80.0, False), None), (rival, None)]
    res = best_across_areas([a, _res(9, 75.0, MATCHED, "x", None, 100.0)], TH, evidence)
    assert (res.uprn, res.match_status, res.runner_up_uprn, res.match_score) == (
        1, AMBIGUOUS, 9, 88.8,
    )  # fmt: skip
    assert res.match_reason == (
        "postcode exact; flat 3 in record, none in gazetteer; tied with UPRN 9 (margin 1.2)"
    )


def test_an_unmatched_top_stays_unmatched_with_the_other_areas_runner_up() -> None:
    """The top candidate of the country scores below the floor in its area: the answer is
    unmatched even though another area matched an address with fewer points."""
    a = _res(None, 26.2, UNMATCHED, "postcode exact; best score 26 below 35", 5, 8.8)
    b = _res(9, 57.5, MATCHED, "postcode exact; number 41 = 41", 8, 40.0)
    evidence = [
        (Top(4, 50.0, 26.2, 190.0, False), Top(5, 33.3, 17.5, 190.0, False)),
        (Top(9, 46.0, 57.5, 80.0, False), Top(8, 9.3, 11.6, 80.0, False)),
    ]
    res = best_across_areas([a, b], TH, evidence)
    assert (res.uprn, res.match_status, res.runner_up_uprn) == (None, UNMATCHED, 9)
    assert res.margin == round(4.0 * 100 / 190, 1)
    assert res.match_reason == a.match_reason
    assert best_across_areas([a, b], TH).match_status == MATCHED  # by score: B


def test_an_answer_ambiguous_on_its_own_evidence_stays_ambiguous_against_a_far_rival() -> None:
    """Area A's best leaves one of the record's numbers out (``Matcher._decide`` makes it
    ambiguous whatever its rivals); a rival of area B far behind does not make it a match,
    as the whole-country matcher would not."""
    from placelink.core.matching.matcher import LEAVES_NUMBER_NOTE

    a = _res(3, 81.0, AMBIGUOUS, f"number 3 = 3; street exact; {LEAVES_NUMBER_NOTE}", None,
             100.0)  # fmt: skip
    b = _res(9, 40.0, AMBIGUOUS, "number 3 = 3; street differs 40; score 40 below 50", 8, 5.0)
    evidence = [
        (Top(3, 65.0, 81.0, 80.0, False), None),
        (Top(9, 32.0, 40.0, 80.0, False), Top(8, 28.0, 35.0, 80.0, False)),
    ]
    res = best_across_areas([a, b], TH, evidence)
    assert (res.uprn, res.match_status, res.runner_up_uprn) == (3, AMBIGUOUS, 9)
    assert res.match_reason == a.match_reason and res.match_score == 81.0
    # a rival that ties it: ambiguous by the tie, the own note gone (as one matcher says)
    close = [(Top(3, 65.0, 81.0, 80.0, False), None), (Top(9, 64.0, 80.0, 80.0, False), None)]
    res = best_across_areas([a, b], TH, close)
    assert res.match_reason == "number 3 = 3; street exact; tied with UPRN 9 (margin 1.2)"


def test_the_new_matched_only_notes_go_with_the_caps_when_a_rival_ties_the_answer() -> None:
    """The notes ``Matcher._decide`` gives a matched answer only (a street slip, a letter
    that may be left out, an address found by elimination) are dropped with the status when
    another area's rival ties it, as the whole-country matcher would not write them; kept
    after the tie note when the rival is close but the answer stays matched."""
    from placelink.core.matching.matcher import (
        ELIMINATION_NOTE,
        LETTER_SLIP_NOTE,
        STREET_SLIP_NOTE,
    )

    for note in (STREET_SLIP_NOTE, f"{LETTER_SLIP_NOTE} (4A)", ELIMINATION_NOTE):
        a = _res(1, 74.0, MATCHED, f"postcode exact; number 4 = 4; {note}", 2, 40.0)
        tie = [(Top(1, 71.0, 88.8, 80.0, False), None), (Top(9, 70.0, 75.0, 93.3, False), None)]
        res = best_across_areas([a, _res(9, 75.0, MATCHED, "x", None, 100.0)], TH, tie)
        assert (res.match_status, res.match_score) == (AMBIGUOUS, 88.8), note
        assert res.match_reason == "postcode exact; number 4 = 4; tied with UPRN 9 (margin 1.2)"
        # a rival 7.5 behind (over the 6 margin): matched still, its cap and note kept
        near = [(Top(1, 71.0, 88.8, 80.0, False), None), (Top(9, 65.0, 75.0, 93.3, False), None)]
        res = best_across_areas([a, _res(9, 75.0, MATCHED, "x", None, 100.0)], TH, near)
        assert (res.match_status, res.match_score, res.runner_up_uprn) == (MATCHED, 74.0, 9)
        assert res.match_reason == a.match_reason, note
