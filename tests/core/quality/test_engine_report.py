"""The engine (selection, applicability, summary, issue columns) and the HTML scorecard."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
import shapely
from placelink.core.quality import ISSUE_COLUMNS, RULES, Thresholds, ordered, run_checks, select
from placelink.core.quality.registry import SEVERITIES
from placelink.core.quality.report import render_report


def _spoiled(gz) -> tuple[pd.DataFrame, pd.DataFrame]:
    addresses = gz.frame(
        gz.address(100),
        gz.address(100, source_ref="line 9 of test.csv"),
        gz.address(102, postcode="tn131aa", rpc=9),
        gz.address(103, usrn=1002, x=gz.X0 + 410, y=gz.Y0 + 50),
    )
    island = gz.street(1003, [(gz.X0, gz.Y0 + 900), (gz.X0 + 100, gz.Y0 + 900)])
    return addresses, gz.council_streets(island)


def test_registry_has_the_rules_the_issue_asks_for() -> None:
    ids = [r.id for r in ordered()]
    assert ids[:27] == [f"A{i:02d}" for i in range(1, 28)]
    assert ids[27:] == [f"S{i:02d}" for i in range(1, 15)]
    for rule in ordered():
        assert rule.severity in SEVERITIES
        assert rule.title and len(rule.title) <= 100
        assert "Fix:" in rule.explanation, rule.id


def test_select_ids_ranges_wildcards() -> None:
    assert [r.id for r in select("a01, A05-A07;S1*")] == [
        "A01", "A05", "A06", "A07", "S10", "S11", "S12", "S13", "S14",
    ]  # fmt: skip
    assert [r.id for r in select(["S02", "A03 — Address outside the authority boundary"])] == [
        "A03",
        "S02",
    ]
    assert len(select("")) == len(RULES) == len(select(None))
    with pytest.raises(ValueError, match="unknown rule id 'A99'"):
        select("A01,A99")


def test_run_all_rules_summary_and_issue_columns(gz) -> None:
    addresses, streets = _spoiled(gz)
    boundary = shapely.box(gz.X0 - 50, gz.Y0 - 50, gz.X0 + 500, gz.Y0 + 1000)
    issues, summary = run_checks(
        addresses, streets, boundary, None, thresholds=Thresholds(today=gz.TODAY)
    )
    assert list(issues.columns) == list(ISSUE_COLUMNS)
    assert list(summary["rule_id"]) == sorted(RULES)
    by_rule = summary.set_index("rule_id")
    assert by_rule.loc["A01", "failures"] == 2
    assert by_rule.loc["A01", "pass_percent"] == 50.0
    assert by_rule.loc["A19", "status"] == "not applicable: no POSTCODES layer"
    assert by_rule.loc["S05", "failures"] == 1
    # Issues: address points for address rules, points on the street for street rules.
    rpc = issues[issues["rule_id"] == "A07"].iloc[0]
    assert (rpc["feature_key"], rpc["x"], rpc["y"]) == (102, gz.X0 + 20, gz.Y0 + 10)
    assert rpc["area"] == "TN13 1"  # the normalised postcode's sector
    island = issues[issues["rule_id"] == "S05"].iloc[0]
    assert (island["feature_key"], island["x"], island["y"]) == (1003, gz.X0 + 50, gz.Y0 + 900)
    assert island["layer"] == "streets" and island["usrn"] == 1003
    # Issue order is stable: by rule, then by record.
    assert issues["rule_id"].is_monotonic_increasing


def test_absent_optional_fields_make_rules_not_applicable(gz) -> None:
    minimal = pd.DataFrame({"uprn": [1, 2, 2], "x": [500000.0] * 3, "y": [150000.0] * 3})
    issues, summary = run_checks(minimal)
    by_rule = summary.set_index("rule_id")
    assert by_rule.loc["A01", "failures"] == 2
    assert by_rule.loc["A07", "status"] == "not applicable: addresses lack field(s) rpc"
    assert by_rule.loc["S01", "status"] == "not applicable: no STREETS layer"
    assert np.isnan(by_rule.loc["S01", "pass_percent"])
    assert issues["message"].iloc[0].startswith("UPRN 2 (feature 2) is used by 2 records")


def test_addresses_need_coordinates() -> None:
    with pytest.raises(ValueError, match="x and y"):
        run_checks(pd.DataFrame({"uprn": [1]}))


def test_cancel_marks_the_remaining_rules(gz) -> None:
    addresses, _ = _spoiled(gz)
    calls = []
    issues, summary = run_checks(
        addresses,
        rules="A01-A05",
        progress=lambda done, total, rule: calls.append((done, total, rule.id)),
        is_cancelled=lambda: len(calls) >= 2,
    )
    assert calls == [(1, 5, "A01"), (2, 5, "A02")]
    assert list(summary["status"]) == ["checked", "checked", "cancelled", "cancelled", "cancelled"]


def test_deterministic(gz) -> None:
    addresses, streets = _spoiled(gz)
    first = run_checks(addresses, streets, thresholds=Thresholds(today=gz.TODAY))[0]
    second = run_checks(addresses, streets, thresholds=Thresholds(today=gz.TODAY))[0]
    pd.testing.assert_frame_equal(first, second)


def test_thresholds_as_a_mapping(gz) -> None:
    rows = gz.frame(gz.address(100, y=gz.Y0 + 150), gz.address(101))
    streets = gz.council_streets()
    assert len(run_checks(rows, streets, rules="A21")[0]) == 0
    issues, _ = run_checks(rows, streets, rules="A21", thresholds={"street_distance": 100})
    assert list(issues["feature_key"]) == [100]


def test_bad_threshold_is_refused() -> None:
    with pytest.raises(ValueError, match="street_distance must be above 0"):
        Thresholds(street_distance=0)


def test_report_is_self_contained_and_complete(gz) -> None:
    addresses, streets = _spoiled(gz)
    issues, summary = run_checks(addresses, streets, thresholds=Thresholds(today=gz.TODAY))
    html = render_report(
        issues, summary, title="Sevenoaks <test>", inputs={"Addresses": "test.csv"}
    )
    # Self-contained: no external stylesheet, script, image or font.
    assert not re.search(r"<script|<link|<img|@import|url\(|src=", html)
    assert "<svg" in html and "<style>" in html
    assert "Sevenoaks &lt;test&gt;" in html  # text is escaped
    # Overall score from the summary: failures over checks of the rules that ran.
    ran = summary[summary["status"] == "checked"]
    score = 100 * (1 - ran["failures"].sum() / ran["checked"].sum())
    assert f"{score:.1f}%" in html
    # Every rule's full explanation, one bar per rule with records checked.
    for rule in ordered():
        assert f'id="{rule.id}"' in html
    # each bar: the passing share in green, then (if any fail) the rest in its severity
    bars = ran[ran["checked"] > 0]
    assert html.count("<rect") == len(bars) + int((bars["failures"] > 0).sum())
    # The worst street is HIGH STREET (the duplicate UPRN pair and the bad postcode).
    streets_table = html.split("Streets with most problems")[1].split("</table>")[0]
    assert streets_table.index("HIGH STREET") < streets_table.index("STREET 1003")
    assert "A01, A07, A18" in streets_table


def test_report_with_no_issues(gz) -> None:
    issues, summary = run_checks(gz.frame(gz.address(100)), rules="A01")
    html = render_report(issues, summary)
    assert "100.0%" in html and "No street has a problem." in html
    chart = html.split("<svg")[1].split("</svg>")[0]
    assert 'fill="#2e8b57"' in chart and 'fill="#c0392b"' not in chart  # all green, no red


def test_columns_empty_everywhere_are_not_applicable(gz) -> None:
    """An OS Open UPRN load: canonical columns present, only UPRN and coordinates filled."""
    from placelink.core.schema import ADDRESS_FIELDS

    rows = pd.DataFrame({f.name: [None, None, None] for f in ADDRESS_FIELDS})
    rows["uprn"] = [1, 2, 2]
    rows["x"], rows["y"] = [500000.0, 500010.0, 500020.0], [150000.0] * 3
    issues, summary = run_checks(rows)
    status = summary.set_index("rule_id")["status"]
    assert status["A01"] == "checked"
    assert status["A04"] == "not applicable: logical_status empty in every record of addresses"
    assert status["A12"] == ("not applicable: pao_start_number empty in every record of addresses")
    assert status["A08"].endswith("classification empty in every record of addresses")
    assert set(issues["rule_id"]) == {"A01"}


def test_empty_end_dates_still_checked_for_historic_records(gz) -> None:
    rows = gz.frame(gz.address(100), gz.address(101, logical_status=8, blpu_state=4))
    issues, summary = gz.check("A05", rows)
    assert summary["status"] == "checked"
    assert list(issues["feature_key"]) == [101]


def test_numbering_rules_work_without_the_sao_columns(gz) -> None:
    rows = gz.frame(gz.address(100, pao_end_number=3), gz.address(101))
    rows = rows.drop(columns=[c for c in rows.columns if c.startswith("sao_")])
    issues, summary = gz.check("A14", rows)
    assert summary["status"] == "checked"
    assert issues["message"].tolist() == [
        "UPRN 100: PAO end number 3 is below the start number 100"
    ]


def test_report_lists_streets_of_addresses_without_usrn(gz) -> None:
    rows = gz.frame(gz.address(100, usrn=None, rpc=9), gz.address(101))
    issues, summary = run_checks(rows, rules="A07,A09")
    html = render_report(issues, summary)
    table = html.split("Streets with most problems")[1].split("</table>")[0]
    assert (
        '<tr><td></td><td>HIGH STREET</td><td class="num">1</td><td class="num">1</td>'
        '<td class="num">2</td><td class="num">1</td><td>A07, A09</td></tr>'
    ) in table


def test_every_rule_has_its_own_test() -> None:
    """Each rule id has a test named after it (failing and passing records) in this folder."""
    from pathlib import Path

    names = " ".join(
        line
        for path in Path(__file__).parent.glob("test_*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("def test_")
    )
    missing = [r.id for r in ordered() if f"test_{r.id.lower()}_" not in names]
    assert not missing


def test_a_wrong_streets_layer_gets_a_hint_not_only_findings() -> None:
    from placelink.core.quality.hints import wrong_layer_hints

    summary = [
        {"rule_id": "A10", "checked": 150_000, "failures": 149_000},  # another council's NSG
        {"rule_id": "A03", "checked": 150_000, "failures": 12},
        {"rule_id": "A01", "checked": 150_000, "failures": 150_000},  # not a cross-layer rule
    ]
    hints = wrong_layer_hints(summary)
    assert len(hints) == 1 and hints[0].startswith("Wrong STREETS layer? 99% fail A10")
    assert wrong_layer_hints([{"rule_id": "A10", "checked": 0, "failures": 0}]) == []
