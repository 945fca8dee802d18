"""NSG DTF 8.1 streets: ESU geometry per USRN, change-only updates, rejects and accounting."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from placelink.core.formats import dtf81
from placelink.core.records import LoadStats, Reject
from placelink.core.street_loaders import detect_street_format, load_streets

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "streets"
FULL = FIXTURES / "dtf81_full.csv"


def _load(paths: list[Path], fmt: str = "auto") -> tuple[dict[int, dict], list[Reject], LoadStats]:
    stats = LoadStats()
    items = list(load_streets(paths, fmt, stats))
    streets = {i["usrn"]: i for i in items if not isinstance(i, Reject)}
    rejects = [i for i in items if isinstance(i, Reject)]
    assert stats.data_rows == stats.accepted + stats.rejected, stats.accounting_line()
    assert len(rejects) == stats.rejected
    return streets, rejects, stats


def test_full_supply_builds_one_street_per_usrn_from_its_esus() -> None:
    streets, rejects, stats = _load([FULL])
    assert sorted(streets) == [20900001, 20900002, 20900003, 20900004]
    assert rejects == []
    high = streets[20900001]
    # two ESUs, coordinates given out of order in the file, joined into one line
    assert high["lines"] == [
        [(552000.0, 155000.0), (552050.0, 155020.0), (552100.0, 155050.0), (552200.0, 155100.0)]
    ]
    assert high["geometry_source"] == dtf81.GEOMETRY_ESU
    assert (high["street_description"], high["town"], high["administrative_area"]) == (
        "HIGH STREET",
        "SEVENOAKS",
        "KENT",
    )
    assert (high["street_type"], high["state"], high["surface"]) == (1, 2, 1)
    assert (high["state_date"], high["start_date"], high["end_date"]) == (
        "2001-04-01",
        "2001-04-01",
        None,
    )
    assert high["source"] == dtf81.NAME
    # the numbered street A25 shares the ESUs of High Street
    assert streets[20900003]["lines"] == high["lines"]
    assert streets[20900003]["street_type"] == 3


def test_english_descriptor_wins_and_dedications_give_classification() -> None:
    streets, _, _ = _load([FULL])
    london = streets[20900002]
    assert london["street_description"] == "LONDON ROAD"  # not the CYM descriptor
    assert london["locality"] == "DUNTON GREEN"
    assert london["classification"] == "6;8"  # highway dedication codes of its ESU


def test_street_without_esus_gets_a_marked_start_end_line() -> None:
    streets, _, _ = _load([FULL])
    station = streets[20900004]
    assert station["lines"] == [[(554000.0, 157000.0), (554080.0, 157060.0)]]
    assert station["geometry_source"] == dtf81.GEOMETRY_START_END


def test_every_record_is_accounted_for_and_asd_records_are_reported() -> None:
    _, _, stats = _load([FULL])
    # 31 records between header and trailer, of which one ASD (type 61) record
    assert (stats.data_rows, stats.accepted, stats.rejected) == (30, 30, 0)
    assert "(MISMATCH)" not in stats.accounting_line()
    assert any("1 ASD" in line and "skipped" in line for line in stats.detected)
    assert not stats.warnings  # the trailer count matches


def test_messy_file_rejects_with_reasons_and_keeps_the_rest() -> None:
    streets, rejects, stats = _load([FIXTURES / "dtf81_messy.csv"])
    assert sorted(streets) == [21100001, 21100004]
    by_line = {r.line: r.reason for r in rejects}
    assert "truncated line" in by_line[4]
    assert "duplicate street record for USRN 21100001" in by_line[7]
    assert by_line[18] == "unknown record type 42 for NSG DTF 8.1"
    assert by_line[19] == "change type 'X' is not I, U or D"
    assert "outside the British National Grid" in by_line[13]
    assert by_line[9] == "no street record (type 11) for USRN 21100009"
    # a street outside the grid with no ESU: rejected, and its descriptor with it
    assert "outside the British National Grid" in by_line[3]
    assert "USRN 21100002" in by_line[16]
    assert (stats.data_rows, stats.accepted, stats.rejected) == (17, 9, 8)
    assert stats.blank_lines == 2


def test_messy_file_keeps_quotes_commas_bom_and_utf8() -> None:
    streets, _, stats = _load([FIXTURES / "dtf81_messy.csv"])
    assert streets[21100001]["street_description"] == 'ST MARY\'S "OLD" LANE, NORTH'
    assert streets[21100004]["street_description"] == "CAFÉ ROW"
    # the coordinate outside the grid is dropped from the ESU, the rest still makes a line
    assert streets[21100001]["lines"] == [
        [(562000.0, 145000.0), (562050.0, 145010.0), (562100.0, 145000.0)]
    ]
    assert stats.non_utf8_lines == 0


def test_trailer_count_mismatch_unknown_type_and_coordinate_count_are_warnings() -> None:
    _, _, stats = _load([FIXTURES / "dtf81_messy.csv"])
    warnings = "\n".join(stats.warnings)
    assert "trailer (99) at line 21 says 25 records but the file has 17" in warnings
    assert "unknown type were rejected: 42 (×1)" in warnings
    assert "NUM_COORD_COUNT" in warnings


def test_change_only_updates_are_applied_in_the_order_given() -> None:
    files = [FULL, FIXTURES / "dtf81_cou_1.csv", FIXTURES / "dtf81_cou_2.csv"]
    streets, rejects, stats = _load(files)
    assert sorted(streets) == [20900001, 20900002, 20900003, 20900006]
    assert streets[20900001]["street_description"] == "HIGH STREET NORTH"
    assert streets[20900006]["street_description"] == "CHURCH PATH"
    reasons = [(r.file, r.line, r.reason) for r in rejects]
    assert (
        "dtf81_full.csv",
        2,
        "superseded by update (U) of USRN 20900001 at dtf81_cou_1.csv line 2",
    ) in reasons
    assert ("dtf81_full.csv", 5, "deleted by change-only update (D) at dtf81_cou_1.csv line 5") in (
        reasons
    )
    assert any(
        r[0] == "dtf81_cou_2.csv" and "delete (D) of street USRN 20900099" in r[2] for r in reasons
    )
    assert stats.data_rows == 30 + 6 + 2


def test_first_update_alone_and_reversed_order_differ() -> None:
    only_first, _, _ = _load([FULL, FIXTURES / "dtf81_cou_1.csv"])
    assert only_first[20900006]["street_description"] == "FOOTPATH FROM MILL LANE TO THE CHURCH"
    reversed_streets, rejects, stats = _load(
        [FULL, FIXTURES / "dtf81_cou_2.csv", FIXTURES / "dtf81_cou_1.csv"]
    )
    # the update arrives before its insert: loaded as an insert, the later insert is a duplicate
    assert reversed_streets[20900006]["street_description"] == "CHURCH PATH"
    assert any("duplicate street descriptor" in r.reason for r in rejects)
    assert any("loaded as inserts" in w for w in stats.warnings)


def test_zip_archive_is_read_without_unpacking() -> None:
    streets, _, stats = _load([FIXTURES / "dtf81_full.zip"])
    assert sorted(streets) == [20900001, 20900002, 20900003, 20900004]
    assert stats.files == 1


def test_detection_and_missing_trailer(tmp_path: Path) -> None:
    assert detect_street_format([FULL]) == dtf81.NAME
    body = FULL.read_text(encoding="utf-8").splitlines()
    no_trailer = tmp_path / "no_trailer.csv"
    no_trailer.write_text("\n".join(body[1:-1]) + "\n", encoding="utf-8")  # no header either
    assert detect_street_format([no_trailer]) == dtf81.NAME
    _, _, stats = _load([no_trailer])
    assert any("no trailer (99) record" in w for w in stats.warnings)


def test_esu_with_one_usable_point_falls_back_to_the_start_end_line(tmp_path: Path) -> None:
    path = tmp_path / "one_point.csv"
    path.write_text(
        '11,"I",1,20900011,1,2245,2,2001-04-01,1,1,2001-03-01,2023-06-01,2001-04-01,,'
        "552000.00,155000.00,552300.00,155000.00,5,1\n"
        '12,"I",2,20900011,1,5521501550000,1\n'
        '13,"I",3,5521501550000,1,2,5,2001-03-01,2001-04-01,2001-03-01,,1\n'
        '14,"I",4,5521501550000,1,1,552000.00,155000.00\n'
        '14,"I",5,5521501550000,1,2,552000.00,155000.00\n'
        '15,"I",6,20900011,"MILL LANE","","SEVENOAKS","KENT","ENG"\n',
        encoding="utf-8",
    )
    streets, rejects, stats = _load([path], dtf81.NAME)
    assert streets[20900011]["geometry_source"] == dtf81.GEOMETRY_START_END
    assert streets[20900011]["lines"] == [[(552000.0, 155000.0), (552300.0, 155000.0)]]
    assert {r.line for r in rejects} == {2, 3, 4, 5}  # xref, ESU and both of its points
    assert "1 usable coordinate" in next(r.reason for r in rejects if r.line == 3)
    assert (stats.accepted, stats.rejected) == (2, 4)


def test_disjoint_esus_become_a_multilinestring(tmp_path: Path) -> None:
    path = tmp_path / "gap.csv"
    path.write_text(
        '11,"I",1,20900021,1,2245,2,2001-04-01,1,1,2001-03-01,2023-06-01,2001-04-01,,'
        "552000.00,155000.00,552500.00,155000.00,5,2\n"
        '12,"I",2,20900021,1,1,1\n'
        '12,"I",3,20900021,1,2,1\n'
        '13,"I",4,1,1,2,5,2001-03-01,2001-04-01,2001-03-01,,1\n'
        '13,"I",5,2,1,2,5,2001-03-01,2001-04-01,2001-03-01,,1\n'
        '14,"I",6,1,1,1,552000.00,155000.00\n'
        '14,"I",7,1,1,2,552100.00,155000.00\n'
        '14,"I",8,2,1,1,552400.00,155000.00\n'
        '14,"I",9,2,1,2,552500.00,155000.00\n',
        encoding="utf-8",
    )
    streets, rejects, stats = _load([path], dtf81.NAME)
    assert rejects == []
    assert sorted(streets[20900021]["lines"]) == [
        [(552000.0, 155000.0), (552100.0, 155000.0)],
        [(552400.0, 155000.0), (552500.0, 155000.0)],
    ]
    assert any("no street descriptor" in w for w in stats.warnings)
    assert streets[20900021]["street_description"] is None


def test_dtf73_layout_street_record_in_an_81_file_is_read_by_its_layout(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text(
        '11,"I",1,20900161,1,2245,2,2008-06-03,1,8,0,2006-08-04,2017-01-04,2008-06-03,,'
        "552846.00,155763.00,552933.00,155768.00,1\n",
        encoding="utf-8",
    )
    streets, _, _ = _load([path], dtf81.NAME)
    assert streets[20900161]["classification"] == "8"
    assert streets[20900161]["lines"] == [[(552846.0, 155763.0), (552933.0, 155768.0)]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-01", "2024-03-01"),
        ("20240301", "2024-03-01"),
        ("01/03/2024", "2024-03-01"),
        ("2024-02-30", None),
        ("", None),
        ("soon", None),
    ],
)
def test_parse_date(text: str, expected: str | None) -> None:
    assert dtf81.parse_date(text) == expected


LINES = FULL.read_text(encoding="utf-8").splitlines()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cuts=st.dictionaries(st.integers(1, len(LINES) - 2), st.integers(0, 60), max_size=8))
def test_truncated_lines_never_break_the_accounting(tmp_path: Path, cuts: dict[int, int]) -> None:
    damaged = [line[: cuts[i]] if i in cuts else line for i, line in enumerate(LINES)]
    path = tmp_path / "damaged.csv"
    path.write_text("\n".join(damaged) + "\n", encoding="utf-8")
    streets, rejects, stats = _load([path], dtf81.NAME)
    assert all(s["lines"] for s in streets.values())
    assert all(r.reason for r in rejects)


def test_column_name_row_and_typographic_quotes_are_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "named.csv"
    path.write_text(
        "RECORD_IDENTIFIER,CHANGE_TYPE,PRO_ORDER,USRN,RECORD_TYPE,SWA_ORG_REF_NAMING,STATE,"
        "STATE_DATE,STREET_SURFACE,VERSION,RECORD_ENTRY_DATE,LAST_UPDATE_DATE,"
        "STREET_START_DATE,STREET_END_DATE,STREET_START_X,STREET_START_Y,STREET_END_X,"
        "STREET_END_Y,STREET_TOLERANCE,ESU_COUNT\n"
        "11, ”I”,1,47900007,1,650,2,2008-04-01,1,1,2008-01-10,2008-06-01,2008-04-01,,"
        "372449.11,164812.12,375070.89,164899.00,5,0\n"
        '015,i,2,47900007,"GREAT CHARLES CLOSE","","ST STEPHEN","CORNWALL","ENG"\n',
        encoding="utf-8",
    )
    assert detect_street_format([path]) == dtf81.NAME
    streets, rejects, stats = _load([path])
    assert rejects == [] and stats.data_rows == 2
    assert streets[47900007]["street_description"] == "GREAT CHARLES CLOSE"
    assert streets[47900007]["lines"] == [[(372449.11, 164812.12), (375070.89, 164899.0)]]


def test_trailer_counting_header_and_trailer_is_accepted(tmp_path: Path) -> None:
    lines = FULL.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "inclusive.csv"
    path.write_text("\n".join([*lines[:-1], "99,0,33,2024-02-28,101500"]) + "\n", encoding="utf-8")
    _, _, stats = _load([path])
    assert not any("trailer" in w for w in stats.warnings)
    path.write_text("\n".join([*lines[:-1], "99,0,34,2024-02-28,101500"]) + "\n", encoding="utf-8")
    _, _, stats = _load([path])
    assert any("says 34 records but the file has 31" in w for w in stats.warnings)


def test_longitude_latitude_and_zero_coordinates_are_not_grid_positions(tmp_path: Path) -> None:
    path = tmp_path / "degrees.csv"
    path.write_text(
        '11,"I",1,20900031,1,2245,2,2001-04-01,1,1,2001-03-01,2023-06-01,2001-04-01,,'
        "0.1901,51.2750,0.1950,51.2760,5,0\n"
        '11,"I",2,20900032,1,2245,2,2001-04-01,1,1,2001-03-01,2023-06-01,2001-04-01,,'
        "0,0,552000.00,155000.00,5,0\n",
        encoding="utf-8",
    )
    streets, rejects, _ = _load([path], dtf81.NAME)
    assert streets == {}
    reasons = {r.line: r.reason for r in rejects}
    assert "outside the British National Grid (they look like longitude/latitude)" in reasons[1]
    assert "0, 0 stands for no position" in reasons[2]


def test_children_of_a_rejected_street_say_so(tmp_path: Path) -> None:
    path = tmp_path / "orphans.csv"
    path.write_text(
        '11,"I",1,20900041,1,2245,2,2001-04-01,1,1,2001-03-01\n'  # truncated
        '15,"I",2,20900041,"MILL LANE","","SEVENOAKS","KENT","ENG"\n'
        '12,"I",3,20900041,1,5521501550000,1\n',
        encoding="utf-8",
    )
    _, rejects, stats = _load([path], dtf81.NAME)
    reasons = {r.line: r.reason for r in rejects}
    assert "truncated line" in reasons[1]
    assert reasons[2] == reasons[3] == "the street record (type 11) of USRN 20900041 was rejected"
    assert stats.rejected == 3


def test_importing_the_loaders_needs_neither_pandas_nor_shapely() -> None:
    """The plugin must load (and offer to install them) when pandas or shapely are missing."""
    import subprocess
    import sys

    plugin_path = Path(__file__).resolve().parents[3] / "build" / "pluginpath"
    code = (
        "import sys; import placelink.core.street_loaders; "
        "print('pandas' in sys.modules, 'shapely' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(plugin_path)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["False", "False"]


def test_lines_merged_a_chunk_of_streets_at_a_time_are_the_same(monkeypatch) -> None:
    """Street lines are made and merged MERGE_CHUNK streets at a time (bounded GEOS memory):
    one street per chunk gives the very same streets, lines and rejects as one chunk."""
    paths = [FULL, *(FIXTURES / n for n in ("dtf81_cou_1.csv", "dtf81_cou_2.csv"))]
    monkeypatch.setattr(dtf81, "MERGE_CHUNK", 1_000_000)
    whole = _load(paths)
    monkeypatch.setattr(dtf81, "MERGE_CHUNK", 1)
    chunked = _load(paths)
    assert len(whole[0]) > 2 and whole[1]
    assert chunked[0] == whole[0]
    assert [(r.line, r.reason) for r in chunked[1]] == [(r.line, r.reason) for r in whole[1]]
