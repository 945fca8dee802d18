"""The floor: every address typed exactly as its gazetteer writes it matches its own UPRN.

Applied to the committed sample council and to the benchmark's generated council; the
same ``floor_failures`` runs on any gazetteer (the benchmark's second generator, a real
LLPG). Forms: full line with postcode; upper case, no commas, no postcode; no locality.
"""

from __future__ import annotations

from pathlib import Path

import pyogrio
import pytest
from placelink.bench.matching.gazetteer import build_council
from placelink.core.matching import Matcher, Thresholds
from placelink.core.matching.floor import FORMS, floor_cases, floor_failures
from placelink.core.schema import empty_address

SAMPLE = Path(__file__).resolve().parents[3] / "resources" / "sample" / "sample_council.gpkg"


def _sample_rows() -> list[dict[str, object]]:
    frame = pyogrio.read_dataframe(SAMPLE, layer="addresses", read_geometry=False)
    frame = frame.astype(object).where(frame.notna(), None)
    return frame.to_dict("records")


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param(_sample_rows, id="sample council"),
        pytest.param(lambda: build_council(2500, seed=3), id="generated council"),
    ],
)
def test_every_address_typed_as_written_finds_itself(rows) -> None:
    rows = rows()
    matcher = Matcher(rows)
    cases = floor_cases(rows, matcher)
    assert {form for _, form, _ in cases} == set(FORMS)
    assert len(cases) > 2 * len(rows) * 0.8  # parent shells and shared texts only are left out
    assert floor_failures(rows, matcher) == []


def _rec(uprn: int, **values: object) -> dict[str, object]:
    base = {"street_description": "LILAC ROAD", "town": "KELLINGTON", "postcode": "KL4 5GE"}
    return empty_address(uprn=uprn, **{**base, **values})


def test_floor_reports_each_failing_form_and_leaves_out_shared_texts() -> None:
    rows = [
        _rec(1, pao_start_number=14),
        _rec(2, pao_start_number=14, postcode="KL4 5GF"),  # same text without postcode
        _rec(3, pao_start_number=16, locality="EASTWOOD"),
        _rec(4, pao_start_number=18, classification="PP"),
        _rec(5, sao_text="FLAT A", pao_start_number=18, parent_uprn=4),
    ]
    matcher = Matcher(rows)
    cases = floor_cases(rows, matcher)
    assert 4 not in {u for u, _, _ in cases}  # a parent shell is not a target
    assert (1, FORMS[1], "14 LILAC ROAD KELLINGTON") not in cases  # shared by 1 and 2
    assert (3, FORMS[2], "16 LILAC ROAD, KELLINGTON, KL4 5GE") in cases
    assert floor_failures(rows, matcher) == []
    # a matcher that cannot match reports every case as a failure, with what it got
    strict = Matcher(rows, thresholds=Thresholds(min_score=101.0))
    failures = floor_failures(rows, strict)
    assert len(failures) == len(cases)
    assert all(f.status != "matched" and f.reason for f in failures)
