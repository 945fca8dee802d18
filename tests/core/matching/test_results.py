"""core/matching/results.py: the one result contract of the algorithm, the docks and batch."""

from __future__ import annotations

import subprocess
import sys

from placelink.core.matching.results import (
    OUTPUT_FIELDS,
    RESULT_FIELDS,
    REVIEW_FIELDS,
    is_match_field,
    output_names,
    record_text,
    run_fields,
)
from placelink.core.review_decisions import STAMP_FIELDS


def test_output_is_the_result_then_the_review_stamp() -> None:
    assert OUTPUT_FIELDS == RESULT_FIELDS + REVIEW_FIELDS
    assert [f.name for f in REVIEW_FIELDS] == list(STAMP_FIELDS)
    assert [f.name for f in RESULT_FIELDS][:3] == ["uprn", "match_score", "match_status"]


def test_names_never_overwrite_an_input_field() -> None:
    names = output_names(["ref", "uprn", "margin"])
    assert names[0] == "match_uprn" and "match_margin" in names and "match_score" in names
    assert len(set(names) | {"ref", "uprn", "margin"}) == len(names) + 3
    assert all(is_match_field(n) for n in names) and not is_match_field("addr")


def test_record_text_is_the_fields_in_order_then_the_postcode_once() -> None:
    row = {"flat": "Flat 2", "street": "  10  High St ", "town": None, "pc": "AB1 2CD"}
    assert record_text(row, ["flat", "street", "town"], "pc") == "Flat 2, 10 High St, AB1 2CD"
    assert record_text({"a": "10 High St AB12CD", "pc": "AB1 2CD"}, ["a"], "pc") == (
        "10 High St AB12CD"
    )  # the postcode is already in the text
    assert record_text({"a": "NULL", "pc": "AB1 2CD"}, ["a"], "pc") == "AB1 2CD"
    assert record_text({"a": ""}, ["a"], None) == ""


def test_run_fields_read_a_runs_parameters() -> None:
    assert run_fields({"ADDRESS_FIELDS": ["a", "b"], "POSTCODE_FIELD": "pc"}) == (["a", "b"], "pc")
    assert run_fields({"ADDRESS_FIELDS": "a"}) == (["a"], None)
    assert run_fields({}) == ([], None)


def test_the_contract_loads_without_the_matchers_packages() -> None:
    """A dock reads the contract on a QGIS without numpy or rapidfuzz."""
    code = (
        "import sys; sys.modules['rapidfuzz'] = None; sys.modules['numpy'] = None\n"
        "from placelink.core.matching import RESULT_FIELDS, record_text\n"
        "from placelink.core.matching.review import review_expression\n"
        "print(len(RESULT_FIELDS))"
    )
    path = [p for p in sys.path if p]
    done = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.path[:0] = {path!r}\n{code}"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(len(RESULT_FIELDS))


def test_names_in_finds_the_match_where_the_input_had_the_name() -> None:
    from placelink.core.matching.results import names_in

    plain = names_in(["ref", "uprn", "match_score", "match_status"])
    assert plain["uprn"] == "uprn" and plain["match_status"] == "match_status"
    columns = ["ref", "uprn", *output_names(["ref", "uprn"])]
    assert names_in(columns)["uprn"] == "match_uprn" and names_in(columns)["margin"] == "margin"


def test_joined_rows_are_join_fields_row_by_row() -> None:
    from placelink.core.matching.results import join_fields, joined_rows

    rows = [
        {"a": "10 High St", "b": None, "c": "  Leeds  "},
        {"a": None, "b": "NULL", "c": ""},
        {"a": 12, "b": 3.5, "c": "nan"},
        {"a": " Flat  2 ", "b": "Rose\tCourt", "c": "None"},
    ]
    for names in (["a"], ["c"], ["a", "b", "c"], ["c", "a"]):
        columns = [[row[n] for row in rows] for n in names]
        assert joined_rows(columns) == [join_fields(row, names) for row in rows]
