"""Code-Point Open: the real TN and TW files, plus the awkward cases the format allows."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from placelink.core.formats import codepoint
from placelink.core.records import LoadStats, Reject
from placelink.core.street_loaders import load_postcodes

ROOT = Path(__file__).resolve().parents[3]
CODEPOINT = ROOT.parent / "shared" / "data" / "codepoint-open"
needs_real_files = pytest.mark.skipif(
    not (CODEPOINT / "tn.csv").exists(),
    reason=f"the real Code-Point Open files are not in {CODEPOINT} (OS OpenData, not shipped)",
)


def _load(paths: list) -> tuple[dict[str, dict], list[Reject], LoadStats]:
    stats = LoadStats()
    items = list(load_postcodes(paths, stats))
    assert stats.data_rows == stats.accepted + stats.rejected, stats.accounting_line()
    return (
        {i["postcode"]: i for i in items if not isinstance(i, Reject)},
        [i for i in items if isinstance(i, Reject)],
        stats,
    )


@needs_real_files
def test_real_tn_file_loads_every_row() -> None:
    postcodes, rejects, stats = _load([CODEPOINT / "tn.csv"])
    lines = (CODEPOINT / "tn.csv").read_text(encoding="utf-8").splitlines()
    assert stats.data_rows == len(lines) == len(postcodes)
    assert rejects == []
    first = postcodes["TN1 1AG"]  # the file's first row
    assert (first["x"], first["y"], first["positional_quality"]) == (558343.0, 139535.0, 10)
    assert first["admin_district_code"] == "E07000116"
    assert first["admin_ward_code"] == "E05005134"
    assert first["country_code"] == "E92000001"
    # 7-character fixed width without a space: "TN118BY"
    assert postcodes["TN11 8BY"]["positional_quality"] == 30
    assert (postcodes["TN11 8BY"]["x"], postcodes["TN11 8BY"]["y"]) == (551670.0, 146662.0)
    # an empty county code (unitary/London) becomes None, not ""
    assert postcodes["TN16 3FB"]["admin_county_code"] is None
    assert postcodes["TN16 3FB"]["admin_district_code"] == "E09000006"


@needs_real_files
def test_real_folder_reads_both_files_and_skips_the_header_file() -> None:
    postcodes, rejects, stats = _load([CODEPOINT])
    tn = len((CODEPOINT / "tn.csv").read_text(encoding="utf-8").splitlines())
    tw = len((CODEPOINT / "tw.csv").read_text(encoding="utf-8").splitlines())
    assert stats.files == 3  # tn, tw and the column headers file
    assert stats.data_rows == tn + tw == len(postcodes)
    assert rejects == []
    sector_mean = postcodes["TW1 9JT"]
    assert sector_mean["positional_quality"] == 60
    assert sector_mean["nhs_ha_code"] is None and sector_mean["admin_ward_code"] is None


SYNTHETIC = (
    '"B1  1AY",10,406768,286765,"E92000001","E19000001","E18000005","","E08000025","E05011151"\r\n'
    '"TN131AA",10,552874,155253,"E92000001","E19000002","E18000008","E10000016","E07000111","E05004987"\r\n'
    "\r\n"
    '"TN13 1AB",90,0,0,"E92000001","","","","",""\r\n'
    '"TN13 1ZZ",10,9552874,155253,"E92000001","","","","",""\r\n'
    '"NOTAPC",10,552874,155253,"E92000001","","","","",""\r\n'
    '"TN13 1AD",X,552874,155253,"E92000001","","","","",""\r\n'
    '"TN13 1AE",10,552874\r\n'
    '"TN131AA",10,552874,155253,"E92000001","","","","",""\r\n'
    '"TN13 1AF",20,552900,155300,"E92000001","E19000002","E18000008","E10000016",'
    '"E07000111","E05004987"\r\n'
)


def test_fixed_width_postcodes_are_normalised_and_bad_rows_rejected(tmp_path: Path) -> None:
    path = tmp_path / "b.csv"
    path.write_bytes(b"\xef\xbb\xbf" + SYNTHETIC.encode("utf-8"))
    postcodes, rejects, stats = _load([path])
    assert sorted(postcodes) == ["B1 1AY", "TN13 1AA", "TN13 1AF"]
    assert postcodes["B1 1AY"]["admin_county_code"] is None
    reasons = {r.line: r.reason for r in rejects}
    assert reasons[4] == "postcode TN13 1AB has no coordinates (positional quality 90)"
    assert "outside the British National Grid" in reasons[5]
    assert reasons[6] == "'NOTAPC' is not a valid postcode"
    assert reasons[7] == "positional quality 'X' is not a whole number"
    assert "truncated line" in reasons[8]
    assert reasons[9] == "duplicate postcode TN13 1AA: first at b.csv line 2"
    assert (stats.data_rows, stats.accepted, stats.rejected, stats.blank_lines) == (9, 3, 6, 1)


def test_header_rows_in_either_naming_are_used_not_counted(tmp_path: Path) -> None:
    path = tmp_path / "with_header.csv"
    path.write_text(
        "Postcode,Positional_quality_indicator,Eastings,Northings,Country_code,"
        "NHS_regional_HA_code,NHS_HA_code,Admin_county_code,Admin_district_code,Admin_ward_code\n"
        '"TN13 1AF",20,552900,155300,"E92000001","","","","E07000111",""\n',
        encoding="utf-8",
    )
    postcodes, _, stats = _load([path])
    assert stats.data_rows == 1 and postcodes["TN13 1AF"]["admin_district_code"] == "E07000111"
    assert codepoint.header_columns(["PC", "PQ", "EA", "NO"]) == {
        "PC": 0,
        "PQ": 1,
        "EA": 2,
        "NO": 3,
    }
    assert codepoint.looks_like(['"TN131AA"'.strip('"'), "10", "552874", "155253"])


def test_windows_1252_row_is_read(tmp_path: Path) -> None:
    path = tmp_path / "cp.csv"
    path.write_bytes(
        '"TN13 1AF",20,552900,155300,"E92000001","","","","Sévenoaks",""\r\n'.encode("cp1252")
    )
    postcodes, _, stats = _load([path])
    assert postcodes["TN13 1AF"]["admin_district_code"] == "Sévenoaks"
    assert stats.non_utf8_lines == 1


def test_product_zip_reads_only_csv_members(tmp_path: Path) -> None:
    archive = tmp_path / "codepo_gb.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Data/CSV/tn.csv", SYNTHETIC.splitlines()[1] + "\r\n")
        z.writestr("Doc/Code-Point_Open_Column_Headers.csv", "PC,PQ,EA,NO,CY,RH,LH,CC,DC,WC\r\n")
        z.writestr("Doc/licence.txt", "OS OpenData licence\r\n")
    postcodes, rejects, stats = _load([archive])
    assert list(postcodes) == ["TN13 1AA"] and rejects == []
    assert stats.files == 2
