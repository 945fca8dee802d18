"""Reading CSV rows from files and zips: encodings, line numbers, raw text, blank lines."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from placelink.core.records import LoadStats
from placelink.core.sources import expand_sources, is_csv_error, iter_rows


def _rows(path: Path) -> tuple[list, LoadStats]:
    stats = LoadStats()
    rows = [row for source in expand_sources([path]) for row in iter_rows(source, stats)]
    return rows, stats


def test_bom_crlf_blank_lines_and_quotes(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b'\xef\xbb\xbfA,B\r\n\r\n1,"x, ""y"""\r\n   \r\n2,z\r\n')
    rows, stats = _rows(path)
    assert [r.fields for r in rows] == [["A", "B"], ["1", 'x, "y"'], ["2", "z"]]
    assert [r.line for r in rows] == [1, 3, 5]
    assert rows[1].raw == '1,"x, ""y"""'
    assert stats.blank_lines == 2 and stats.files == 1


def test_windows_1252_lines_are_decoded_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "b.csv"
    path.write_bytes("1,Café\n2,plain\n".encode("cp1252"))
    rows, stats = _rows(path)
    assert rows[0].fields == ["1", "Café"]
    assert stats.non_utf8_lines == 1


def test_quoted_field_spanning_lines_keeps_first_line_number(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text('1,"two\nlines"\n2,x\n', encoding="utf-8")
    rows, _ = _rows(path)
    assert rows[0].fields == ["1", "two\nlines"] and rows[0].line == 1
    assert rows[1].line == 3


def test_zip_members_are_read_in_name_order_without_unpacking(tmp_path: Path) -> None:
    archive = tmp_path / "tiles.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("b/tile2.csv", "2,b\n")
        z.writestr("a/tile1.CSV", "1,a\n")
        z.writestr("readme.pdf", "not csv")
    rows, stats = _rows(archive)
    assert [(r.file, r.fields) for r in rows] == [
        ("tiles.zip!a/tile1.CSV", ["1", "a"]),
        ("tiles.zip!b/tile2.csv", ["2", "b"]),
    ]
    assert stats.files == 2
    assert list(tmp_path.iterdir()) == [archive]


def test_unsplittable_row_is_reported_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes(b"1,ok\n2," + b"x" * 200_000 + b"\n3,ok\n")
    rows, _ = _rows(path)
    assert [r.line for r in rows] == [1, 2, 3]
    assert "field larger than field limit" in is_csv_error(rows[1])
    assert is_csv_error(rows[0]) is None and rows[2].fields == ["3", "ok"]


def test_missing_file_and_empty_zip_give_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        expand_sources([tmp_path / "nope.csv"])
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as z:
        z.writestr("notes.txt.pdf", "x")
    with pytest.raises(ValueError, match="no CSV files"):
        expand_sources([empty])
