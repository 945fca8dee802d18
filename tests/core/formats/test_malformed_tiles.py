"""AddressBase Premium tiles: records repeated across tiles are merged and counted, not
rejected; a record that differs from the one in another tile is still a duplicate."""

from __future__ import annotations

import zipfile
from pathlib import Path

from placelink.core.formats.assemble import AddressLoadStats
from placelink.core.loaders import load_addresses
from placelink.core.records import Reject

SOURCE = Path(__file__).resolve().parents[2] / "fixtures" / "addresses" / "abp_schema2.csv"
SHARED = ("10,", "11,", "15,")  # each tile has the header, the streets and their descriptors


def _tiles(tmp_path: Path, change: str | None = None) -> Path:
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    shared = [line for line in lines if line.startswith(SHARED)]
    own = [line for line in lines if not line.startswith((*SHARED, "99,"))]
    half = len(own) // 2
    tiles = []
    for part in (own[:half], own[half:]):
        body = shared[1:] + part
        tiles.append("\r\n".join([shared[0], *body, f"99,0,{len(body) + 1},2024-02-12,1"]) + "\r\n")
    if change:
        tiles[1] = tiles[1].replace('"QUEEN STREET"', change)
    path = tmp_path / "tiles.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("tile_A.csv", tiles[0])
        archive.writestr("tile_B.csv", tiles[1])
    return path


def _load(path: Path) -> tuple[list, list[Reject], AddressLoadStats]:
    stats = AddressLoadStats()
    items = list(load_addresses([path], "AddressBase Premium", stats))
    rejects = [i for i in items if isinstance(i, Reject)]
    return [i for i in items if not isinstance(i, Reject)], rejects, stats


def test_records_repeated_across_tiles_are_merged(tmp_path: Path) -> None:
    one_file, one_rejects, _ = _load(SOURCE)
    addresses, rejects, stats = _load(_tiles(tmp_path))
    assert sorted(a["uprn"] for a in addresses) == sorted(a["uprn"] for a in one_file)
    assert sorted(r.reason for r in rejects) == sorted(r.reason for r in one_rejects)
    assert not [r for r in rejects if "duplicate" in r.reason and "tile_" in r.reason]
    assert stats.repeated == 3  # the three street descriptors of tile B
    assert stats.accounted() == stats.data_rows
    line = stats.accounting_line()
    assert "3 rows repeated across files (tiles) merged" in line and "MISMATCH" not in line


def test_a_record_that_differs_between_tiles_is_rejected(tmp_path: Path) -> None:
    _, rejects, stats = _load(_tiles(tmp_path, change='"QUEENS STREET"'))
    duplicates = [r for r in rejects if r.reason.startswith("duplicate street descriptor")]
    assert len(duplicates) == 1 and duplicates[0].file.endswith("tile_B.csv")
    assert stats.repeated == 2
    assert stats.accounted() == stats.data_rows
