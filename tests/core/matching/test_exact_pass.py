"""The exact pass: a record whose text and postcode are exactly one address's is matched to
it without scoring, says so in its reason, and never decides otherwise than the scoring
cascade would."""

from __future__ import annotations

from pathlib import Path

from placelink.batch.routing import best_across_areas
from placelink.core.matching import AMBIGUOUS, MATCHED, Matcher, MatchResult, Thresholds
from placelink.core.matching.exact import (
    EXACT_NOTE,
    EXACT_NOTES,
    LOCALITY_EXACT_NOTE,
    TEXT_EXACT_NOTE,
    plain,
)

from .factory import address_maker

_addr = address_maker(town="NORTHBRIDGE", postcode="NB2 8UA")


GAZETTEER = [
    _addr(1, pao_start_number=4, street_description="MAPLE AVENUE", x=1.0, y=2.0),
    _addr(2, pao_start_number=4, pao_start_suffix="A", street_description="MAPLE AVENUE"),
    _addr(3, pao_text="ST JOHN'S LODGE", street_description="MAPLE AVENUE"),
    # a shell and its flats: the shell's text is no exact answer
    _addr(10, pao_start_number=12, street_description="MAPLE AVENUE", classification="PP"),
    _addr(11, sao_text="FLAT 1", pao_start_number=12, street_description="MAPLE AVENUE",
          parent_uprn=10),
    _addr(12, sao_text="FLAT 2", pao_start_number=12, street_description="MAPLE AVENUE",
          parent_uprn=10),
    # one text, two UPRNs (a duplicate in the gazetteer)
    _addr(20, pao_text="IVY COTTAGE", street_description="FERN DRIVE", postcode="NB2 8UB"),
    _addr(21, pao_text="IVY COTTAGE", street_description="FERN DRIVE", postcode="NB2 8UB"),
    # the same text in another postcode
    _addr(30, pao_start_number=7, street_description="FERN DRIVE", postcode="NB2 8UB"),
    _addr(31, pao_start_number=7, street_description="FERN DRIVE", postcode="NB2 8UD"),
]  # fmt: skip


def test_plain_reads_text_up_to_case_punctuation_and_spacing() -> None:
    assert plain("St. John's Lodge,  Maple Avenue") == "ST JOHNS LODGE MAPLE AVENUE"
    assert plain("Flat 1, 12, Maple Avenue") == plain("FLAT 1, 12 MAPLE AVENUE")
    assert plain("48-50 Kings Road") == "48-50 KINGS ROAD"
    assert plain("48 50 Kings Road") != plain("48-50 Kings Road")


def test_a_record_written_as_one_address_is_matched_by_the_exact_pass() -> None:
    m = Matcher(GAZETTEER)
    res = m.match_one("Flat 1, 12, Maple Avenue, Northbridge", "nb28ua")
    assert (res.uprn, res.match_status, res.match_score) == (11, MATCHED, 100.0)
    assert res.match_reason == EXACT_NOTE
    assert (res.runner_up_uprn, res.margin) == (None, 100.0)
    assert res.matched_address == "FLAT 1, 12 MAPLE AVENUE, NORTHBRIDGE, NB2 8UA"
    apostrophe = m.match_one("St Johns Lodge, Maple Avenue, Northbridge", "NB2 8UA")
    assert (apostrophe.uprn, apostrophe.match_reason) == (3, EXACT_NOTE)
    point = m.match_one("4 MAPLE AVENUE NORTHBRIDGE NB2 8UA", "NB2 8UA")
    assert (point.uprn, point.match_reason, point.x, point.y) == (1, EXACT_NOTE, 1.0, 2.0)
    # the same text with the other postcode of the same street is another address
    assert m.match_one("7 Fern Drive, Northbridge", "NB2 8UD").uprn == 31


def test_anything_short_of_exact_is_scored_and_explained_part_by_part() -> None:
    m = Matcher(GAZETTEER)
    slip = m.match_one("4 Mapel Avenue, Northbridge", "NB2 8UA")
    abbreviated = m.match_one("4 Maple Ave, Northbridge", "NB2 8UA")
    bad_postcode = m.match_one("4 Maple Avenue, Northbridge", "NB2 8U")
    other_unit = m.match_one("4 Maple Avenue, Northbridge", "NB2 8UB")
    for res in (slip, abbreviated, bad_postcode, other_unit):
        assert res.match_reason not in (EXACT_NOTE, TEXT_EXACT_NOTE)
        assert "street" in res.match_reason  # the evidence, part by part


def test_a_record_without_a_postcode_takes_the_one_its_text_ends_with_or_its_text() -> None:
    m = Matcher(GAZETTEER)
    for text in ("4 Maple Avenue, Northbridge NB2 8UA", "4 maple avenue northbridge nb28ua"):
        for code in ("", None, "  "):
            res = m.match_one(text, code)
            assert (res.uprn, res.match_reason) == (1, EXACT_NOTE)
    # no postcode anywhere: the text alone, when no other address has it
    alone = m.match_one("4 Maple Avenue, Northbridge", "")
    assert (alone.uprn, alone.match_status, alone.match_reason) == (1, MATCHED, TEXT_EXACT_NOTE)
    assert (alone.match_score, alone.runner_up_uprn, alone.x) == (100.0, None, 1.0)
    assert m.match_one("Flat 2, 12 Maple Avenue, Northbridge").uprn == 12
    # a text two addresses share (in two postcodes, or twice in one), a shell's: scored
    for shared in ("7 Fern Drive, Northbridge", "Ivy Cottage, Fern Drive, Northbridge",
                   "12 Maple Avenue, Northbridge"):  # fmt: skip
        res = m.match_one(shared)
        assert res.match_status == AMBIGUOUS and res.match_reason != TEXT_EXACT_NOTE
    # a matcher of a part of the gazetteer (an area's) cannot know no other part has the text
    m.exact_without_postcode = False
    assert m.match_one("4 Maple Avenue, Northbridge").match_reason != TEXT_EXACT_NOTE
    assert m.match_one("4 Maple Avenue, Northbridge NB2 8UA").match_reason == EXACT_NOTE


def test_a_shared_text_or_a_shells_text_is_never_an_exact_answer() -> None:
    m = Matcher(GAZETTEER)
    twins = m.match_one("Ivy Cottage, Fern Drive, Northbridge", "NB2 8UB")
    assert twins.match_status == AMBIGUOUS and twins.match_reason != EXACT_NOTE
    shell = m.match_one("12 Maple Avenue, Northbridge", "NB2 8UA")
    assert shell.match_status == AMBIGUOUS and shell.uprn in (11, 12)
    assert shell.match_reason != EXACT_NOTE
    # matching shells too, the shell's own text is its answer
    with_shells = Matcher(GAZETTEER, match_parents=True)
    res = with_shells.match_one("12 Maple Avenue, Northbridge", "NB2 8UA")
    assert (res.uprn, res.match_reason) == (10, EXACT_NOTE)
    keys = m.index.exact_keys  # the shell's key is kept (for match_parents), the twins' not
    assert m.index.uprn[keys[("12 MAPLE AVENUE NORTHBRIDGE", "NB2 8UA")]] == 10
    assert keys[("IVY COTTAGE FERN DRIVE NORTHBRIDGE", "NB2 8UB")] == -1


def test_the_exact_pass_decides_as_the_scoring_cascade_does() -> None:
    """Every address typed as written (with its postcode, in lower case, without commas),
    matched with the pass and with it turned off: the same status and UPRN each time."""
    m = Matcher(GAZETTEER)
    texts: list[str] = []
    pcs: list[str | None] = []
    for rec in GAZETTEER:
        bare = str(rec["address"])[: -len(str(rec["postcode"]))].rstrip(", ")
        for text in (bare, bare.lower(), bare.replace(",", "")):
            texts.extend([text, f"{text} {rec['postcode']}", text])
            pcs.extend([str(rec["postcode"]), None, None])  # its postcode, at the end, none
    fast = m.match_batch(texts, pcs)
    assert sum(r.match_reason == EXACT_NOTE for r in fast) == 2 * 3 * 7  # not shell or twins
    assert sum(r.match_reason == TEXT_EXACT_NOTE for r in fast) == 3 * 5  # nor 7 Fern Drive
    m.exact_pass = False  # every record scored
    scored = m.match_batch(texts, pcs)
    assert all(r.match_reason not in (EXACT_NOTE, TEXT_EXACT_NOTE) for r in scored)
    assert [(r.match_status, r.uprn) for r in fast] == [(r.match_status, r.uprn) for r in scored]


def test_the_exact_pass_works_in_forked_workers_and_keeps_input_order() -> None:
    m = Matcher(GAZETTEER)
    texts = ["4 Maple Avenue, Northbridge", "4 Mapel Avenue, Northbridge"] * 150
    res = m.match_batch(texts, ["NB2 8UA"] * 300, workers=2)
    assert [r.match_reason == EXACT_NOTE for r in res] == [True, False] * 150
    assert {r.uprn for r in res} == {1}


def test_an_exact_answer_is_the_countrys_whatever_other_areas_found() -> None:
    """The Spark and by-area engines: the record is exactly an address of its postcode's
    area, so another area's close candidate neither ties with it nor becomes its runner-up."""
    exact = MatchResult(1, 100.0, MATCHED, "4 MAPLE AVENUE", EXACT_NOTE, None, 100.0)
    other = MatchResult(9, 98.0, MATCHED, "4 MAPLE AVENUE", "street exact", None, 40.0)
    assert best_across_areas([other, exact], Thresholds()) is exact
    assert best_across_areas([exact, other], Thresholds(), [(None, None)] * 2) is exact


def test_a_batch_the_exact_pass_answers_whole_still_reports_its_progress() -> None:
    m = Matcher(GAZETTEER)
    seen: list[float] = []
    res = m.match_batch(["4 Maple Avenue, Northbridge"] * 3, ["NB2 8UA"] * 3, progress=seen.append)
    assert [r.uprn for r in res] == [1, 1, 1] and seen == [100.0]


def test_thresholds_no_answer_can_meet_leave_the_exact_pass_out() -> None:
    strict = Matcher(GAZETTEER, thresholds=Thresholds(min_score=101.0))
    res = strict.match_one("4 Maple Avenue, Northbridge", "NB2 8UA")
    assert res.match_status != MATCHED and res.match_reason != EXACT_NOTE


def test_on_the_sample_council_the_exact_pass_answers_every_address_as_scoring_does() -> None:
    """The committed sample council, each address written as it is with its postcode in
    its own field: every one not a shell and not sharing its text is answered by the pass,
    to the same UPRN the scoring cascade gives it."""
    import pyogrio

    sample = Path(__file__).resolve().parents[3] / "resources" / "sample" / "sample_council.gpkg"
    frame = pyogrio.read_dataframe(sample, layer="addresses", read_geometry=False)
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    m = Matcher(rows)
    texts = [str(r["address"]).removesuffix(str(r["postcode"] or "")).rstrip(", ") for r in rows]
    pcs = [str(r["postcode"] or "") for r in rows]
    fast = m.match_batch(texts, pcs)
    m.exact_pass = False
    scored = m.match_batch(texts, pcs)
    answered = [r.match_reason == EXACT_NOTE for r in fast]
    assert sum(answered) > 0.8 * len(rows)
    assert [(r.match_status, r.uprn) for r in fast] == [(r.match_status, r.uprn) for r in scored]


def test_every_answer_is_handed_over_once_as_it_comes() -> None:
    """``on_answers``: every position once, chunk by chunk as the answers are known, with
    the answer the returned list holds (repeats too); in one process and with a forked
    worker alike."""
    m = Matcher(GAZETTEER)
    texts = ["4 Maple Avenue, Northbridge", "4 Mapel Avenue, Northbridge", "St Johns Lodge"]
    texts = [*texts, *[f"{t} {k}" for k in range(300) for t in texts[1:]], *texts]
    pcs = ["NB2 8UA"] * len(texts)
    calls: list[tuple[list[int], list[MatchResult]]] = []
    for workers in (1, 2):
        calls.clear()
        res = m.match_batch(texts, pcs, workers=workers, on_answers=lambda *a: calls.append(a))
        exact = [i for i, r in enumerate(res) if r.match_reason == EXACT_NOTE]
        assert exact == [0, len(texts) - 3]  # a repeat of the first record, answered once
        at = [i for positions, _ in calls for i in positions]
        assert sorted(at) == list(range(len(texts)))  # each once
        assert len(calls) == (1 if workers == 1 else 4)  # in chunks, as they come
        for positions, answers in calls:
            assert len(positions) == len(answers)
            assert all(res[i].as_dict() == a.as_dict() for i, a in zip(positions, answers))


def test_a_record_leaving_out_the_locality_is_the_address_no_other_is_written_as() -> None:
    """``10 IVY AVENUE, NORTHBRIDGE`` for ``10 IVY AVENUE, BRAMWELL, NORTHBRIDGE``: that
    address, unless another of the postcode is written so (in full: it wins; or without
    its locality too: a tie, scored), as the scoring cascade decides."""
    ivy = address_maker(town="NORTHBRIDGE", postcode="NB7 3GU", street_description="IVY AVENUE")
    gazetteer = [
        ivy(1, pao_start_number=10, locality="BRAMWELL", x=5.0, y=6.0),
        # 12 in two localities of one postcode: without the locality, two addresses
        ivy(2, pao_start_number=12, locality="BRAMWELL"),
        ivy(3, pao_start_number=12, locality="DENHOLM"),
        # 14 with and without a locality: the record without one is the one without
        ivy(4, pao_start_number=14, locality="BRAMWELL"),
        ivy(5, pao_start_number=14),
    ]
    m = Matcher(gazetteer)
    ten = m.match_one("10, Ivy Avenue, Northbridge", "NB7 3GU")
    assert (ten.uprn, ten.match_status, ten.match_reason) == (1, MATCHED, LOCALITY_EXACT_NOTE)
    assert (ten.match_score, ten.runner_up_uprn, ten.x) == (100.0, None, 5.0)
    assert m.match_one("10 Ivy Avenue Northbridge NB7 3GU").match_reason == LOCALITY_EXACT_NOTE
    assert m.match_one("12 Ivy Avenue, Northbridge", "NB7 3GU").match_reason not in EXACT_NOTES
    fourteen = m.match_one("14 Ivy Avenue, Northbridge", "NB7 3GU")
    assert (fourteen.uprn, fourteen.match_reason) == (5, EXACT_NOTE)
    assert m.match_one("10 Ivy Avenue, Northbridge", "NB7 3GV").match_reason not in EXACT_NOTES
    texts = [
        "10 Ivy Avenue, Northbridge",
        "12 Ivy Avenue, Northbridge",
        "14 Ivy Avenue, Northbridge",
    ]
    fast = m.match_batch(texts, ["NB7 3GU"] * 3)
    m.exact_pass = False
    scored = m.match_batch(texts, ["NB7 3GU"] * 3)
    assert [(r.match_status, r.uprn) for r in fast] == [(r.match_status, r.uprn) for r in scored]
    # found by its postcode, the answer is its area's: the area engines keep it too
    other = MatchResult(9, 98.0, MATCHED, "10 IVY AVENUE", "street exact", None, 40.0)
    assert best_across_areas([other, ten], Thresholds()) is ten
