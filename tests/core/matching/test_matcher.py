"""Matcher behaviour on a small hand-made gazetteer with the hard cases of real LLPGs."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from placelink.core.address_text import format_address
from placelink.core.matching import AMBIGUOUS, MATCHED, UNMATCHED, Matcher, Thresholds
from placelink.core.matching import matcher as matcher_module
from placelink.core.matching.batch import PairBatch, score_pairs
from placelink.core.matching.candidates import context, postcode_block, wider_block
from placelink.core.matching.matcher import _beyond, _merged, _postcode_slip_score
from placelink.core.matching.scoring import Scorer
from placelink.core.parse import parse
from placelink.core.schema import empty_address


def _rec(uprn: int, **values: object) -> dict[str, object]:
    rec = empty_address(uprn=uprn, **values)
    rec.setdefault("classification", "RD04")
    if rec["classification"] is None:
        rec["classification"] = "RD04"
    rec["address"] = format_address(rec)
    rec["x"], rec["y"] = 400000.0 + uprn % 1000, 300000.0
    return rec


HIGH = {
    "street_description": "HIGH STREET",
    "town": "NORTHBRIDGE",
    "postcode": "NB1 2AB",
    "usrn": 1,
}
HIGH2 = {**HIGH, "postcode": "NB1 2AD"}
CHURCH_RD = {
    "street_description": "CHURCH ROAD",
    "town": "NORTHBRIDGE",
    "locality": "ASHLEY GREEN",
    "postcode": "NB2 3CD",
    "usrn": 2,
}
CHURCH_ST = {
    "street_description": "CHURCH STREET",
    "town": "NORTHBRIDGE",
    "postcode": "NB2 3CE",
    "usrn": 3,
}
CHURCH_KL = {
    "street_description": "CHURCH ROAD",
    "town": "KELLINGTON",
    "postcode": "KL1 1AA",
    "usrn": 4,
}
MILL = {
    "street_description": "MILL LANE",
    "town": "KELLINGTON",
    "locality": "FERNLEY",
    "postcode": "KL2 4EF",
    "usrn": 5,
}
ST_MARYS = {
    "street_description": "ST MARYS ROAD",
    "town": "KELLINGTON",
    "postcode": "KL3 5GH",
    "usrn": 6,
}

GAZETTEER = [
    _rec(1001, pao_start_number=8, **HIGH),
    _rec(1010, pao_start_number=10, **HIGH),
    _rec(1011, pao_start_number=10, pao_start_suffix="A", **HIGH),
    _rec(1012, pao_start_number=12, pao_end_number=14, **HIGH),
    # 16 High Street is a converted house: a parent shell and three flats
    _rec(1016, pao_start_number=16, classification="PP", **HIGH),
    _rec(
        1017,
        pao_start_number=16,
        sao_text="FLAT",
        sao_start_number=1,
        parent_uprn=1016,
        classification="RD06",
        **HIGH,
    ),
    _rec(
        1018,
        pao_start_number=16,
        sao_text="FLAT",
        sao_start_number=2,
        parent_uprn=1016,
        classification="RD06",
        **HIGH,
    ),
    _rec(
        1019,
        pao_start_number=16,
        sao_text="GROUND FLOOR FLAT",
        parent_uprn=1016,
        classification="RD06",
        **HIGH,
    ),
    # a named block with flats A and B on the same street, other postcode
    _rec(1020, pao_text="ROSE COURT", pao_start_number=20, classification="PP", **HIGH2),
    _rec(
        1021,
        pao_text="ROSE COURT",
        pao_start_number=20,
        sao_text="FLAT A",
        parent_uprn=1020,
        classification="RD06",
        **HIGH2,
    ),
    _rec(
        1022,
        pao_text="ROSE COURT",
        pao_start_number=20,
        sao_text="FLAT B",
        parent_uprn=1020,
        classification="RD06",
        **HIGH2,
    ),
    _rec(1030, pao_start_number=30, organisation="THE RED LION", classification="CR", **HIGH2),
    _rec(2002, pao_start_number=2, **CHURCH_RD),
    _rec(2004, pao_start_number=4, **CHURCH_RD),
    _rec(3002, pao_start_number=2, **CHURCH_ST),
    _rec(3004, pao_start_number=4, **CHURCH_ST),
    _rec(4002, pao_start_number=2, **CHURCH_KL),
    _rec(5001, pao_text="ROSE COTTAGE", **MILL),
    _rec(5002, pao_text="IVY COTTAGE", **MILL),
    _rec(5003, pao_text="FISHER COTTAGE", **MILL),
    _rec(
        6001,
        pao_start_number=1,
        alternatives="THE OLD FORGE, ST MARYS ROAD, KELLINGTON",
        **ST_MARYS,
    ),
    _rec(6003, pao_start_number=3, **ST_MARYS),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(GAZETTEER)


@pytest.mark.parametrize(
    ("text", "postcode", "uprn"),
    [
        ("10 High Street, Northbridge", "NB1 2AB", 1010),
        ("10 high st northbridge nb1 2ab", None, 1010),
        ("10A High St", "NB1 2AB", 1011),
        ("10 a High St", "NB1 2AB", 1011),
        ("13 High Street", "NB1 2AB", 1012),  # inside the range 12-14
        ("12-14 High Street", "NB1 2AB", 1012),
        ("Flat 1, 16 High Street", "NB1 2AB", 1017),
        ("Apt 2, 16 High St", "NB1 2AB", 1018),
        ("2, 16 High Street", "NB1 2AB", 1018),  # flat 2 of 16
        ("GFF 16 High St", "NB1 2AB", 1019),
        ("Ground Floor Flat, 16 High Street", "NB1 2AB", 1019),
        ("Flat A, Rose Court, 20 High Street", "NB1 2AD", 1021),
        ("Flat B Rose Ct High St Northbridge", "NB1 2AD", 1022),
        ("20B High Street", "NB1 2AD", 1022),  # the letter of a flat as a suffix
        ("The Red Lion, 30 High Street", "NB1 2AD", 1030),
        ("2 Church Road, Ashley Green, Northbridge", "NB2 3CD", 2002),
        ("2 Church Street, Northbridge", "NB2 3CE", 3002),
        ("Rose Cottage, Mill Lane, Fernley", "KL2 4EF", 5001),
        ("Fisher, Mill Lane, Kellington", "KL2 4EF", 5003),  # shortened name
        ("The Old Forge, St Marys Rd, Kellington", "KL3 5GH", 6001),  # alternative LPI
    ],
)
def test_matches(matcher: Matcher, text: str, postcode: str | None, uprn: int) -> None:
    res = matcher.match_one(text, postcode)
    assert (res.uprn, res.match_status) == (uprn, MATCHED), res.match_reason


def test_hard_discriminators_number_suffix_flat(matcher: Matcher) -> None:
    """10 ≠ 10A ≠ Flat 1, 10: each text goes to its own UPRN with a clear margin."""
    got = {
        t: matcher.match_one(t, "NB1 2AB")
        for t in ("10 High St", "10A High St", "16 High St, Flat 1")
    }
    assert [r.uprn for r in got.values()] == [1010, 1011, 1017]
    assert all(r.margin >= 20 for r in got.values())


def test_mis_keyed_postcode_still_finds_the_address(matcher: Matcher) -> None:
    res = matcher.match_one("10A High Street, Northbridge", "NB1 2XX")
    assert (res.uprn, res.match_status) == (1011, MATCHED)
    assert "postcode same sector" in res.match_reason


def test_no_postcode_uses_street_and_town(matcher: Matcher) -> None:
    assert matcher.match_one("2 Church Road, Kellington").uprn == 4002
    assert matcher.match_one("2 Church Road, Ashley Green, Northbridge").uprn == 2002
    assert matcher.match_one("2 Church Street, Northbridge").uprn == 3002


def test_town_in_record_contradicting_the_candidate_costs() -> None:
    scoring = Matcher(GAZETTEER)
    scoring.exact_pass = False  # the text is exactly 4002's: the cascade's own view
    res = scoring.match_one("2 Church Road, Kellington")
    assert res.uprn == 4002 and res.runner_up_uprn in (2002, 3002)
    assert res.margin > 10


def test_record_naming_no_flat_in_converted_house_is_ambiguous(matcher: Matcher) -> None:
    res = matcher.match_one("16 High Street, Northbridge", "NB1 2AB")
    assert res.match_status == AMBIGUOUS
    assert res.uprn in (1017, 1018, 1019)
    assert "missing in record" in res.match_reason
    assert res.runner_up_uprn in (1017, 1018, 1019)


def test_parent_shells_are_matched_only_when_asked() -> None:
    shells = Matcher(GAZETTEER, match_parents=True)
    res = shells.match_one("16 High Street, Northbridge", "NB1 2AB")
    assert (res.uprn, res.match_status) == (1016, MATCHED)


def test_reason_says_which_parts_agreed(matcher: Matcher) -> None:
    res = matcher.match_one("Flat 2, 16 Hgh Street", "NB1 2AB")
    assert res.uprn == 1018
    assert res.match_reason.startswith("postcode exact; number 16 = 16; flat 2 = 2; street fuzzy")


def test_every_row_comes_out(matcher: Matcher) -> None:
    texts = ["10 High St", "", None, "zzzz qqqq", "99 Nowhere Road", "Flat 9, 16 High St"]
    out = matcher.match_batch(texts, ["NB1 2AB", None, None, None, "ZZ9 9ZZ", "NB1 2AB"])
    assert len(out) == len(texts)
    assert out[0].uprn == 1010
    assert [r.match_status for r in out[1:4]] == [UNMATCHED] * 3
    assert all(r.uprn is None for r in out[1:4])
    assert out[4].match_status in (UNMATCHED, AMBIGUOUS)


def test_a_match_on_numbers_read_another_way_is_capped_for_review() -> None:
    gazetteer = [
        _rec(1, sao_text="FLAT B", pao_start_number=86, street_description="MILL LANE",
             town="KELLINGTON", postcode="KL1 1AA"),
        _rec(2, pao_start_number=88, street_description="MILL LANE", town="KELLINGTON",
             postcode="KL1 1AA"),
    ]  # fmt: skip
    res = Matcher(gazetteer).match_one("86B MILL LANE", "KL1 1AA")
    assert (res.match_status, res.uprn) == (MATCHED, 1)
    assert res.match_score <= Thresholds().guess_score_cap
    assert "read another way" in res.match_reason


def test_postcodes_length_must_match(matcher: Matcher) -> None:
    with pytest.raises(ValueError, match="postcodes"):
        matcher.match_batch(["a", "b"], ["NB1 2AB"])


def test_thresholds_are_parameters() -> None:
    strict = Matcher(GAZETTEER, thresholds=Thresholds(min_score=99.0))
    res = strict.match_one("10 Hgh Street", "NB1 2AB")
    assert res.uprn == 1010 and res.match_status == AMBIGUOUS


def test_lookup_returns_best_first(matcher: Matcher) -> None:
    hits = matcher.lookup("16 high st", k=3)
    assert len(hits) == 3
    assert {h.uprn for h in hits} == {1017, 1018, 1019}
    assert [h.match_score for h in hits] == sorted((h.match_score for h in hits), reverse=True)
    typed = matcher.lookup("rose cott", k=2)
    assert typed[0].uprn == 5001


def test_result_carries_coordinates(matcher: Matcher) -> None:
    res = matcher.match_one("8 High Street", "NB1 2AB")
    assert (res.uprn, res.x, res.y) == (1001, 400001.0, 300000.0)
    assert res.matched_address == "8 HIGH STREET, NORTHBRIDGE, NB1 2AB"


VARIANTS = [
    "10 High St",
    "10A High Street",
    "Flat 1, 16 High St",
    "16 High Street",
    "2, 16 High St",
    "GFF, 16 High Street",
    "Flat A Rose Court",
    "20b High St",
    "Red Lion, High St",
    "2 Church Rd",
    "4 Church Street",
    "2 Church Road Kellington",
    "Rose Cottage",
    "Ivy Cott, Mill Ln",
    "The Old Forge",
    "3 St Marys Rd",
    "12-14 High St",
    "13 High St",
    "99 High St",
    "",
]
POSTCODES = [None, "NB1 2AB", "NB1 2AD", "NB2 3CE", "KL2 4EF", "NB1 9ZZ"]


def test_batch_equals_one_by_one_and_the_reference_path(matcher: Matcher) -> None:
    texts = [t for t in VARIANTS for _ in POSTCODES]
    pcs = [p for _ in VARIANTS for p in POSTCODES]
    batch = matcher.match_batch(texts, pcs)
    for t, p, a in zip(texts, pcs, batch, strict=False):
        b = matcher.match_one(t, p)
        assert (a.uprn, a.match_status, a.match_score) == (b.uprn, b.match_status, b.match_score)
        ref = matcher.candidates(t, p)  # pure-Python scoring of every candidate
        if a.match_status != UNMATCHED:
            assert ref and int(matcher.index.uprn[ref[0].entry]) == a.uprn, (t, p)
            expected = round(ref[0].score, 1)
            th = matcher.thresholds
            if a.match_status == MATCHED and ref[0].reading.weight < th.guess_weight:
                expected = min(expected, th.guess_score_cap)  # a guess goes to review
            slip = _postcode_slip_score(ref[0], matcher.weights)
            if a.match_status == MATCHED and slip is not None and slip > expected:
                # only the postcode differs, within its district: the text's own score
                expected = round(min(slip, th.postcode_slip_score), 1)
            assert expected == a.match_score


def test_parallel_workers_give_the_same_results(matcher: Matcher) -> None:
    # 320 distinct records (repeats are matched once: the workers need 200 distinct ones)
    numbered = [f"{n} High St" for n in range(1, 201)]
    texts = ([t for t in VARIANTS for _ in POSTCODES] + numbered) * 3
    pcs = ([p for _ in VARIANTS for p in POSTCODES] + ["NB1 2AB"] * len(numbered)) * 3
    one = matcher.match_batch(texts, pcs, workers=1)
    two = matcher.match_batch(texts, pcs, workers=2)
    assert [r.as_dict() for r in one] == [r.as_dict() for r in two]


def test_repeated_records_get_the_answer_each_gets_alone(matcher: Matcher) -> None:
    texts = ["10 High St", "Flat 1, 16 High St", "10 High St", "10 High St", "99 High St"]
    pcs = ["NB1 2AB", None, "NB1 2AB", None, "NB1 2AB"]
    batch = matcher.match_batch(texts, pcs)
    alone = [matcher.match_batch([t], [p])[0] for t, p in zip(texts, pcs, strict=True)]
    assert [r.as_dict() for r in batch] == [r.as_dict() for r in alone]
    assert batch[0] is not batch[2]  # a copy each: changing one row changes no other
    batch[2].match_status = "changed"
    assert batch[0].match_status == alone[0].match_status


@pytest.mark.parametrize("n", [0, 1, 199, 200, 1_000, 10_000, 36_285])
def test_chunks_cover_the_batch_once_and_shrink_towards_its_end(n: int) -> None:
    from placelink.core.matching.workers import CHUNK, MIN_CHUNK, chunk_bounds

    bounds = chunk_bounds(n, 2)
    assert [i for a, b in bounds for i in range(a, b)] == list(range(n))
    sizes = [b - a for a, b in bounds]
    assert all(MIN_CHUNK <= s <= CHUNK for s in sizes[:-1])
    assert sizes == sorted(sizes, reverse=True) or sizes[-1] < MIN_CHUNK
    if n >= 10_000:
        assert sizes[0] >= 4 * sizes[-2]  # the last chunks are small: workers end together


def test_vectorised_points_equal_reference_scorer(matcher: Matcher) -> None:
    """batch.score_pairs and Scorer.score give the same points for every candidate."""
    index = matcher.index
    scorers, rec, ent = [], [], []
    for k, (t, p) in enumerate((t, p) for t in VARIANTS for p in POSTCODES):
        ctx = context(index, matcher.corrector, parse(t, p))
        sc = Scorer(index, ctx, matcher.weights)
        scorers.append(sc)
        ids = sorted(set(postcode_block(index, ctx)) | wider_block(index, ctx))
        rec += [k] * len(ids)
        ent += ids
    ps = score_pairs(index, scorers, np.array(rec), np.array(ent), matcher.weights)
    assert len(ent) > 100
    for k, i, pts, possible in zip(rec, ent, ps.points, ps.possible, strict=False):
        ref = scorers[k].score(i)
        assert pts == pytest.approx(ref.points), (k, i)
        assert possible == pytest.approx(ref.best_possible), (k, i)


def test_wider_routes_ranked_apart_then_merged_equal_ranking_all(matcher: Matcher) -> None:
    """Ranking only the wider routes' new entries (pruned below the postcode block's
    runner-up) and merging with the block's top two gives the top two of all candidates,
    ties broken alike."""
    index = matcher.index
    scorers, blocks, more, whole = [], [], [], []
    for t in VARIANTS:
        for p in POSTCODES:
            ctx = context(index, matcher.corrector, parse(t, p))
            scorers.append(Scorer(index, ctx, matcher.weights))
            block = np.asarray(postcode_block(index, ctx), dtype=np.int64)
            wide = wider_block(index, ctx)
            blocks.append(block)
            more.append(_beyond(block, wide))
            whole.append(np.asarray(sorted(set(block.tolist()) | wide), dtype=np.int64))
    first = matcher._rank_pairs(scorers, blocks)
    floor = np.array(
        [r[5] if r is not None and r[4] >= 0 else -np.inf for r in first], dtype=np.float64
    )
    again = matcher._rank_pairs(scorers, more, floor)
    merged = [_merged(f, a, index.uprn) for f, a in zip(first, again)]
    assert merged == matcher._rank_pairs(scorers, whole)
    # both parts hold candidates for many records: the merge is exercised
    assert sum(f is not None and a is not None for f, a in zip(first, again)) > 10


def test_merged_top_two_takes_the_runner_up_from_either_part() -> None:
    """The runner-up has another UPRN than the top: a part whose best shares the top's
    UPRN gives its own runner-up; ties fall to the lower UPRN, then entry."""
    uprn = np.array([100, 100, 200, 300, 300], dtype=np.int64)
    block = (0, 50.0, 80.0, 60.0, 2, 40.0, 70.0)  # entry 0 (UPRN 100), runner entry 2
    wider = (1, 55.0, 85.0, 62.0, 3, 45.0, 75.0)  # entry 1 (UPRN 100 too), runner entry 3
    assert _merged(block, wider, uprn) == (1, 55.0, 85.0, 62.0, 3, 45.0, 75.0)
    tie = (4, 45.0, 75.0, 60.0, -1, 0.0, 0.0)  # entry 4: UPRN 300 tied with entry 3
    assert _merged(wider, tie, uprn) == (1, 55.0, 85.0, 62.0, 3, 45.0, 75.0)
    # equal points: the higher score first, whatever the UPRN
    low = (2, 50.0, 80.0, 60.0, -1, 0.0, 0.0)
    high = (3, 50.0, 85.0, 59.0, -1, 0.0, 0.0)
    assert _merged(low, high, uprn) == (3, 50.0, 85.0, 59.0, 2, 50.0, 80.0)
    assert _merged(None, tie, uprn) == tie
    assert _merged(block, None, uprn) == block


def test_reason_names_a_different_street_type(matcher: Matcher) -> None:
    index = matcher.index
    ctx = context(index, matcher.corrector, parse("4 Church Street, Northbridge"))
    scorer = Scorer(index, ctx, matcher.weights)
    road = int((index.uprn == 2004).nonzero()[0][0])
    street = int((index.uprn == 3004).nonzero()[0][0])
    assert ("street", "type differs", "STREET ≠ ROAD") in scorer.score(road).parts
    assert scorer.score(street).points > scorer.score(road).points


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ((("postcode", "exact", ""), ("number", "=", "10")), "postcode exact; number 10 = 10"),
        ((("flat", "missing", "2"),), "flat 2 missing in record"),
        ((("flat", "≠", "F0 ≠ 1"),), "flat ground floor ≠ 1"),
        ((("flat", "~", "1A ~ 1"),), "flat 1A close to 1"),
        ((("number", "extra", "5"),), "number 5 in record, none in gazetteer"),
        ((("street", "fuzzy", "94"),), "street fuzzy 94"),
        ((("building", "missing", ""),), "building name missing in record"),
        ((("place", "differs", "KELLINGTON"),), "town/locality differs (KELLINGTON)"),
    ],
)
def test_explain_text(parts: tuple, expected: str) -> None:
    from placelink.core.matching.explain import reason

    assert reason(parts) == expected


def test_join_fields_in_order_skipping_empties() -> None:
    from placelink.core.matching import join_fields

    row = {"a": "Flat 2", "b": None, "c": "  10  High St ", "d": "", "e": "NULL", "f": 7}
    assert join_fields(row, ["a", "b", "c", "d", "e", "f"]) == "Flat 2, 10 High St, 7"


def test_result_fields_match_result_attributes(matcher: Matcher) -> None:
    from placelink.core.matching import RESULT_FIELDS

    res = matcher.match_one("10 High St", "NB1 2AB").as_dict()
    assert [f.name for f in RESULT_FIELDS] == [k for k in res if k not in ("x", "y")]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(max_size=60)), min_size=1, max_size=8))
def test_any_text_gives_one_result_per_row(texts: list[str | None]) -> None:
    matcher = _SHARED
    out = matcher.match_batch(texts, texts)
    assert len(out) == len(texts)
    for res in out:
        assert res.match_status in (MATCHED, AMBIGUOUS, UNMATCHED)
        assert 0.0 <= res.match_score <= 100.0
        assert (res.uprn is None) == (res.match_status == UNMATCHED)


_SHARED = Matcher(GAZETTEER)


def test_bare_unit_word_means_some_flat(matcher: Matcher) -> None:
    res = matcher.match_one("Flat, 16 High Street", "NB1 2AB")
    assert res.match_status == AMBIGUOUS and res.uprn in (1017, 1018, 1019)
    assert "record says flat, not which" in res.match_reason
    assert parse("Flat Over, 19 High St").unit_word
    assert not parse("Flat 2, 19 High St").unit_word


@pytest.mark.parametrize("workers", [1, 2])
def test_cancel_stops_the_batch(matcher: Matcher, workers: int) -> None:
    texts = [f"{n} High St" for n in range(400)]  # distinct: repeats are matched once
    with pytest.raises(InterruptedError):
        matcher.match_batch(texts, workers=workers, is_canceled=lambda: True)
    seen: list[float] = []
    out = matcher.match_batch(texts, workers=workers, progress=seen.append)
    assert len(out) == 400 and seen[-1] == 100.0


def _variant_pairs(matcher: Matcher) -> tuple[list[Scorer], list[np.ndarray]]:
    index = matcher.index
    scorers, cands = [], []
    for t, p in ((t, p) for t in VARIANTS for p in POSTCODES):
        ctx = context(index, matcher.corrector, parse(t, p))
        scorers.append(Scorer(index, ctx, matcher.weights))
        ids = sorted(set(postcode_block(index, ctx)) | wider_block(index, ctx))
        cands.append(np.asarray(ids, dtype=np.int64))
    return scorers, cands


def test_upper_bound_holds_and_subsets_score_alike(matcher: Matcher) -> None:
    """PairBatch: no pair scores above its bound; scoring a subset equals scoring all."""
    scorers, cands = _variant_pairs(matcher)
    rec = np.repeat(np.arange(len(cands)), [len(c) for c in cands])
    ent = np.concatenate(cands)
    batch = PairBatch(matcher.index, scorers, rec, ent, matcher.weights)
    full = batch.exact()
    bound = batch.upper_bound()
    assert (bound >= full.points).all()
    assert (bound > full.points + 1).any()  # the bound is not trivially the points
    sel = np.arange(0, len(ent), 3)
    part = batch.exact(sel)
    assert part.points.tolist() == full.points[sel].tolist()
    assert part.possible.tolist() == full.possible[sel].tolist()
    assert part.reading.tolist() == full.reading[sel].tolist()


@pytest.mark.parametrize("first_round", [1, 3, 1000])
def test_pruned_ranking_equals_scoring_every_pair(
    matcher: Matcher, first_round: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bound-pruned ranking picks the same best and runner-up as scoring every pair."""
    monkeypatch.setattr(matcher_module, "FIRST_ROUND", first_round)
    scorers, cands = _variant_pairs(matcher)
    rec = np.repeat(np.arange(len(cands)), [len(c) for c in cands])
    ent = np.concatenate(cands)
    keep = ~matcher.index.is_parent[ent]
    rec, ent = rec[keep], ent[keep]
    ps = score_pairs(matcher.index, scorers, rec, ent, matcher.weights)
    full = matcher._top_two(
        len(cands), rec, ent, ps.points, ps.score, ps.possible, np.ones(len(ent), dtype=bool)
    )
    assert matcher._rank_pairs(scorers, cands) == full


def test_building_and_house_number_without_a_flat_is_ambiguous_not_flat_n() -> None:
    """A record naming a numbered building but no flat is ambiguous among its flats, even
    when one flat happens to carry the building's number."""
    from placelink.core.address_text import format_address
    from placelink.core.matching.matcher import AMBIGUOUS, Matcher
    from placelink.core.schema import empty_address

    records = [empty_address(uprn=300000000000, pao_start_number=12, pao_text="MERCIA HOUSE",
                             street_description="ST MARYS CLOSE", town="TOWN", postcode="AB1 2CD",
                             classification="PP", x=0.0, y=0.0)]  # fmt: skip
    for flat in range(1, 14):
        records.append(
            empty_address(
                uprn=300000000000 + flat,
                parent_uprn=300000000000,
                sao_text=f"FLAT {flat}",
                pao_start_number=12,
                pao_text="MERCIA HOUSE",
                street_description="ST MARYS CLOSE",
                town="TOWN",
                postcode="AB1 2CD",
                classification="RD06",
                x=0.0,
                y=0.0,
            )  # fmt: skip
        )
    for record in records:
        record["address"] = format_address(record)
    result = Matcher(records).match_one("Mercia House, 12 St Marys Cl, Town", "AB1 2CD")
    assert result.match_status == AMBIGUOUS
    assert (
        Matcher(records).match_one("Flat 12, Mercia House, 12 St Marys Cl", "AB1 2CD").uprn
        == 300000000012
    )


def test_flat_is_not_confused_with_the_parking_space_of_the_same_number() -> None:
    from placelink.core.address_text import format_address
    from placelink.core.matching.matcher import MATCHED, Matcher
    from placelink.core.schema import empty_address

    records = []
    for uprn, sao in ((400000000001, "FLAT 5"), (400000000002, "PARKING SPACE 5")):
        record = empty_address(uprn=uprn, sao_text=sao, pao_text="DAISY HOUSE",
                               street_description="QUARRY CRESCENT", town="TOWN",
                               postcode="AB1 2CD", classification="RD06", x=0.0, y=0.0)  # fmt: skip
        record["address"] = format_address(record)
        records.append(record)
    matcher = Matcher(records)
    flat = matcher.match_one("Flat 5, Daisy House, Quarry Cres", "AB1 2CD")
    assert (flat.uprn, flat.match_status) == (400000000001, MATCHED)
    space = matcher.match_one("Parking space 5, Daisy House", "AB1 2CD")
    assert (space.uprn, space.match_status) == (400000000002, MATCHED)


def test_street_search_tables_find_what_every_run_of_words_finds(matcher: Matcher) -> None:
    """named_streets and spelled_streets (first-word table, name prefixes) give exactly what
    comparing every street with every run of the record's words gives."""
    import itertools

    from placelink.core.matching.candidates import named_streets
    from placelink.core.matching.names import spelled_streets, street_towns

    index = matcher.index

    def named_by_every_street(words: list[str]) -> set[int]:
        out = set()
        for i, w in enumerate(words):
            for sid in index.street_tokens.get(w, ()):
                full = index.streets[sid].full.split()
                if full and full[0] == w and words[i : i + len(full)] == full:
                    out.add(sid)
        return out

    def spelled_by_every_run(words: list[str]) -> set[str]:
        known = street_towns(index)
        return {" ".join(words[i:j]) for i in range(len(words))
                for j in range(i + 1, min(i + 6, len(words)) + 1)
                if " ".join(words[i:j]) in known}  # fmt: skip

    vocabulary = sorted({w for st in index.streets for w in st.full.split()} | {"10", "FLAT"})
    texts = [context(index, matcher.corrector, parse(t)).words for t in VARIANTS]
    texts += [list(c) for c in itertools.product(vocabulary[:12], repeat=3)]
    texts += [[*a, *b] for a in texts[: len(VARIANTS)] for b in texts[: len(VARIANTS)]]
    assert any(named_by_every_street(w) for w in texts)
    assert any(spelled_by_every_run(w) for w in texts)
    for words in texts:
        assert named_streets(index, words) == named_by_every_street(words)
        assert spelled_streets(index, words) == spelled_by_every_run(words)
