"""DTF 7.3 street records (11 + 15): start-end lines, encodings, layouts and updates."""

from __future__ import annotations

from pathlib import Path

from placelink.core.formats import dtf73_streets, dtf81
from placelink.core.records import LoadStats, Reject
from placelink.core.street_loaders import detect_street_format, load_streets

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "streets"


def _load(paths: list[Path], fmt: str = "auto") -> tuple[dict[int, dict], list[Reject], LoadStats]:
    stats = LoadStats()
    items = list(load_streets(paths, fmt, stats))
    assert stats.data_rows == stats.accepted + stats.rejected, stats.accounting_line()
    return (
        {i["usrn"]: i for i in items if not isinstance(i, Reject)},
        [i for i in items if isinstance(i, Reject)],
        stats,
    )


def test_streets_are_start_end_lines_marked_as_such() -> None:
    streets, _, stats = _load([FIXTURES / "dtf73_streets.csv"])
    assert any(d == f"detected format: {dtf73_streets.NAME}" for d in stats.detected)
    london = streets[20900161]
    assert london["lines"] == [[(552846.0, 155763.0), (552933.0, 155768.0)]]
    assert london["geometry_source"] == "start-end line"
    assert (london["street_description"], london["locality"], london["town"]) == (
        "LONDON ROAD",
        "RIVERHEAD",
        "SEVENOAKS",
    )
    assert (london["classification"], london["state"], london["surface"]) == ("8", 2, 1)
    assert (london["state_date"], london["start_date"]) == ("2008-06-03", "2008-06-03")
    assert london["source"] == dtf73_streets.NAME
    assert streets[20900162]["classification"] == "4"  # footpath
    assert streets[20900162]["street_type"] == 2


def test_street_whose_start_is_its_end_is_rejected_with_its_descriptor() -> None:
    streets, rejects, stats = _load([FIXTURES / "dtf73_streets.csv"])
    assert 20900163 not in streets
    assert {r.line for r in rejects} == {4, 7}
    assert all("start and end coordinates are the same point" in r.reason for r in rejects)
    assert (stats.data_rows, stats.accepted, stats.rejected) == (6, 4, 2)


def test_address_records_are_reported_not_loaded() -> None:
    _, _, stats = _load([FIXTURES / "dtf73_streets.csv"])
    assert any("2 address (types 21-32) record(s)" in d for d in stats.detected)
    assert not stats.warnings  # trailer says 8 records: 6 street + 2 address


def test_windows_1252_and_crlf_with_welsh_descriptor() -> None:
    streets, rejects, stats = _load([FIXTURES / "dtf73_cp1252.csv"])
    assert rejects == []
    street = streets[21100161]
    assert street["street_description"] == "RUE DE LÉGLISE"  # ENG, not the CYM descriptor
    assert street["locality"] == "BOROUGH GREEN"
    assert stats.non_utf8_lines == 2
    assert (stats.data_rows, stats.accepted) == (3, 3)


def test_addressbase_premium_street_layout_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "abp_street.csv"
    path.write_text(
        '11,"I",1,20900170,1,2245,2,2008-06-03,1,8,1,2008-06-03,,2017-01-04,2006-08-04,'
        "552846.00,155763.00,51.28,0.18,552933.00,155768.00,51.28,0.19,10\n"
        '15,"I",2,20900170,"HIGH STREET","","SEVENOAKS","KENT","ENG"\n',
        encoding="utf-8",
    )
    streets, rejects, _ = _load([path], dtf73_streets.NAME)
    assert rejects == []
    assert streets[20900170]["lines"] == [[(552846.0, 155763.0), (552933.0, 155768.0)]]
    assert streets[20900170]["start_date"] == "2008-06-03"


def test_change_only_update_renames_and_deletes(tmp_path: Path) -> None:
    update = tmp_path / "cou.csv"
    update.write_text(
        '10,"SEVENOAKS DISTRICT COUNCIL",2245,2024-03-08,1,2024-03-07,090000,7.3,"C"\n'
        '15,"U",1,20900161,"LONDON ROAD NORTH","RIVERHEAD","SEVENOAKS","KENT","ENG"\n'
        '11,"D",2,20900162\n'
        '15,"D",3,20900162,"FOOTPATH SR12","","SEVENOAKS","KENT","ENG"\n'
        "99,0,3,2024-03-07,090000\n",
        encoding="utf-8",
    )
    streets, rejects, stats = _load([FIXTURES / "dtf73_streets.csv", update])
    assert sorted(streets) == [20900161]
    assert streets[20900161]["street_description"] == "LONDON ROAD NORTH"
    reasons = {(r.file, r.line): r.reason for r in rejects}
    assert reasons[("dtf73_streets.csv", 5)].startswith("superseded by update (U)")
    assert (
        reasons[("dtf73_streets.csv", 3)] == "deleted by change-only update (D) at cou.csv line 3"
    )
    assert reasons[("cou.csv", 3)].startswith("delete (D) applied: removed street USRN 20900162")
    assert stats.data_rows == 6 + 3


def test_detection_tells_73_from_81() -> None:
    assert detect_street_format([FIXTURES / "dtf73_streets.csv"]) == dtf73_streets.NAME
    assert detect_street_format([FIXTURES / "dtf73_cp1252.csv"]) == dtf73_streets.NAME
    assert detect_street_format([FIXTURES / "dtf81_full.csv"]) == dtf81.NAME
    header_less = [['11', 'I', '1', '20900161', '1', '2245', '2', '2008-06-03', '1', '8', '0',
                    '2006-08-04']]  # fmt: skip
    assert dtf73_streets.looks_like(header_less)
    assert not dtf81.looks_like(header_less)
