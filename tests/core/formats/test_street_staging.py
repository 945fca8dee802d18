"""The staged DTF street reader (core/formats/street_staging.py) gives the in-memory
reader's streets, rejects and accounting, removes its staging file, and its memory does
not grow with the supply."""

from __future__ import annotations

import dataclasses
import gc
import random
import tracemalloc
from pathlib import Path

import pytest
from placelink.core.formats import dtf73_streets, dtf81, street_staging
from placelink.core.records import LoadStats, Reject
from placelink.core.sources import expand_sources

ROOT = Path(__file__).resolve().parents[3]
FIX = ROOT / "tests" / "fixtures" / "streets"
BAD = ROOT / "tests" / "fixtures" / "malformed"
SAMPLE = ROOT / "resources" / "sample"

SUPPLIES = [
    (dtf81.READER, [SAMPLE / "nsg_dtf81.csv"]),
    (dtf81.READER, [FIX / "dtf81_full.csv"]),
    (dtf81.READER, [FIX / "dtf81_full.zip"]),
    (dtf81.READER, [FIX / "dtf81_messy.csv"]),
    (dtf81.READER, [FIX / "dtf81_full.csv", FIX / "dtf81_cou_1.csv", FIX / "dtf81_cou_2.csv"]),
    (dtf81.READER, [FIX / "dtf81_full.csv", FIX / "dtf81_cou_2.csv", FIX / "dtf81_cou_1.csv"]),
    (dtf81.READER, [FIX / "dtf81_cou_1.csv"]),
    # every record twice: duplicates of another file
    (dtf81.READER, [FIX / "dtf81_full.csv", FIX / "dtf81_full.csv"]),
    (dtf81.READER, [FIX / "dtf81_messy.csv", FIX / "dtf81_full.csv", FIX / "dtf81_cou_1.csv"]),
    (dtf81.READER, [BAD / "truncated_rows_dtf81.csv"]),
    (dtf81.READER, [BAD / "header_only_dtf81.csv"]),
    (dtf73_streets.READER, [FIX / "dtf73_streets.csv"]),
    (dtf73_streets.READER, [FIX / "dtf73_cp1252.csv"]),
    (dtf73_streets.READER, [SAMPLE / "llpg_dtf73.csv"]),
    (dtf73_streets.READER, [BAD / "truncated_rows_dtf73_streets.csv"]),
]


def _load(reader, paths: list[Path], folder: Path | None) -> tuple[list, dict]:
    stats = LoadStats()
    sources = expand_sources([str(p) for p in paths])
    records = (
        reader.read_in_memory(sources, stats)
        if folder is None
        else reader.read(sources, stats, str(folder))
    )
    rows = [(r.file, r.line, r.raw, r.reason) if isinstance(r, Reject) else r for r in records]
    return rows, dataclasses.asdict(stats)


@pytest.mark.parametrize(
    ("reader", "paths"),
    SUPPLIES,
    ids=lambda p: "+".join(x.stem for x in p) if isinstance(p, list) else p.name,
)
def test_staged_equals_in_memory(reader, paths: list[Path], tmp_path: Path) -> None:
    in_memory = _load(reader, paths, None)
    staged = _load(reader, paths, tmp_path)
    assert staged == in_memory
    counts = staged[1]
    assert counts["data_rows"] == counts["accepted"] + counts["rejected"]
    assert list(tmp_path.iterdir()) == []  # the staging file is removed at the end


def _generate(path: Path, streets: int, seed: int = 7, faults: bool = True) -> None:
    """A DTF 8.1 supply of *streets* streets (two ESUs of three points, a descriptor, a
    dedication); with *faults*, a share of the records is broken in every way the reader
    rejects (duplicates, orphans, bad numbers, off-grid points, one-point ESUs, streets
    without ESUs or ends, a Welsh descriptor, a change-only file's rows)."""
    rng = random.Random(seed)
    rows = ['10,"TEST",9999,2024-07-04,1,2024-07-04,12:00:00,"8.1","F"']
    esu = 4_000_000_000_000
    for s in range(streets):
        usrn = 10_000_000 + s
        x0, y0 = 300_000 + s * 10.0, 200_000.0
        ends = f"{x0:.2f},{y0:.2f},{x0 + 50:.2f},{y0:.2f}"
        fault = rng.randrange(12) if faults else -1
        if fault == 0:
            ends = "0,0,0,0"
        rows.append(f'11,"I",1,{usrn},1,9999,2,1995-05-21,1,1,1995-05-21,1995-05-21,'
                    f"1995-05-21,,{ends},1,2")  # fmt: skip
        if fault == 1:  # a duplicate street record
            rows.append(rows[-1])
        rows.append(f'15,"I",1,{usrn},"STREET {s}",,"TOWN","COUNCIL","ENG"')
        if fault == 2:
            rows.append(f'15,"I",1,{usrn},"STRYD {s}",,"TREF","CYNGOR","CYM"')
        if fault == 3:
            rows.append(f'15,"I",1,{usrn + 5_000_000},"NOWHERE",,"TOWN","COUNCIL","ENG"')
        for e in range(2):
            esu += 1
            if fault == 4 and e == 1:
                continue  # no ESU of that street: its start-end line
            rows.append(f'12,"I",1,{usrn},1,{esu},1')
            if fault == 5 and e == 0:
                rows.append(f'12,"I",1,{usrn},1,{esu + 10_000_000},1')  # no such ESU
            if fault != 6:
                rows.append(f'13,"I",1,{esu},1,3,1,1995-05-21,1995-05-21,1995-05-21,,1')
            for c in range(3):
                x, y = x0 + e * 30 + c * 10, y0 + (c % 2)
                if fault == 7 and c:
                    x, y = x0 + e * 30, y0  # a one-point ESU
                if fault == 8 and c == 1:
                    rows.append(f'14,"I",1,{esu},1,{c + 1},abc,{y}')
                    continue
                if fault == 9 and c == 2:
                    rows.append(f'14,"I",1,{esu},1,{c + 1},1.5,52.1')
                    continue
                rows.append(f'14,"I",1,{esu},1,{c + 1},{x:.2f},{y:.2f}')
            rows.append(f'17,"I",1,{esu},1,{6 + e},1995-05-21')
            if fault == 10:
                rows.append(f'16,"I",1,{esu + 20_000_000},1,1,1995-05-21')  # orphan
        if fault == 11:
            rows.append(f'11,"X",1,{usrn},1')  # bad change type and short
            rows.append('14,"I",1,xyz,1,1,1,1')  # unreadable ESUID
    rows.append(f"99,0,{len(rows) - 1},2024-07-04,12:00:00")
    path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")


def _change_only(path: Path, full: Path, seed: int = 3) -> None:
    """A change-only file updating, deleting and re-inserting some records of *full*."""
    rng = random.Random(seed)
    body = [
        r
        for r in full.read_text(encoding="utf-8").splitlines()
        if r[:2] in ("11", "13", "14", "15")
    ]
    rows = ['10,"TEST",9999,2024-07-05,1,2024-07-05,12:00:00,"8.1","C"']
    for row in rng.sample(body, min(len(body), 60)):
        change = rng.choice("UDDI")
        rows.append(row.replace('"I"', f'"{change}"', 1))
    rows.append(f"99,0,{len(rows) - 1},2024-07-05,12:00:00")
    path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")


def test_generated_faults_and_changes_equal_in_memory(tmp_path: Path) -> None:
    full, cou = tmp_path / "full.csv", tmp_path / "cou.csv"
    _generate(full, 400)
    _change_only(cou, full)
    folder = tmp_path / "staging"
    folder.mkdir()
    for supply in ([full], [full, cou], [cou, full]):
        staged = _load(dtf81.READER, supply, folder)
        assert staged == _load(dtf81.READER, supply, None)
        reasons = " ".join(r[3] for r in staged[0] if isinstance(r, tuple))
        streets = [r for r in staged[0] if isinstance(r, dict)]
        assert len(streets) > 300
        for words in ("duplicate", "no ESU record", "outside the British National Grid",
                      "a line needs 2", "is not I, U or D", "no street record"):  # fmt: skip
            assert words in reasons, words
    assert list(folder.iterdir()) == []


def test_staging_file_removed_when_stopped_early(tmp_path: Path) -> None:
    stats = LoadStats()
    records = dtf81.READER.read(expand_sources([str(FIX / "dtf81_full.csv")]), stats, str(tmp_path))
    next(records)
    assert len(list(tmp_path.iterdir())) == 1
    records.close()
    assert list(tmp_path.iterdir()) == []


def _peak(path: Path, folder: Path | None) -> tuple[int, int]:
    gc.collect()
    tracemalloc.start()
    loaded = 0
    stats = LoadStats()
    sources = expand_sources([str(path)])
    records = (
        dtf81.READER.read(sources, stats, str(folder))
        if folder
        else dtf81.READER.read_in_memory(sources, stats)
    )
    for record in records:
        loaded += isinstance(record, dict)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak, loaded


def test_memory_does_not_grow_with_the_supply(tmp_path: Path, monkeypatch) -> None:
    """With small chunks (2,000 rows parsed at a time, 500 streets made at a time),
    four times the supply needs about the same Python memory staged; the in-memory reader
    needs several times as much (so the test can fail)."""
    monkeypatch.setattr(street_staging, "CHUNK", 2_000)
    monkeypatch.setattr(street_staging, "MERGE_CHUNK", 500)
    monkeypatch.setattr(street_staging, "CACHE_KIB", 2_048)
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    _generate(small, 2_000, faults=False)
    _generate(large, 8_000, faults=False)
    folder = tmp_path / "staging"
    folder.mkdir()
    _peak(small, folder)  # first use: imports and caches, not the supply
    staged_small, n_small = _peak(small, folder)
    staged_large, n_large = _peak(large, folder)
    memory_large, _ = _peak(large, None)
    assert (n_small, n_large) == (2_000, 8_000)
    assert staged_large < 1.3 * staged_small, (staged_small, staged_large)
    assert memory_large > 2 * staged_large, (staged_large, memory_large)


@pytest.mark.parametrize(
    "lines",
    [
        # a street record rejected for its change type, with a USRN beyond SQLite's integers
        ["11,,,9.223372036854775e+18"],
        ["11,X,1,99999999999999999999999,2,,,,,"],
        # numbers beyond SQLite's integers in every key column of a DTF 7.3 streets file
        ["11,I,1,1e30,2,,,,,", "12,I,2,1e30,1e30,,,,", "15,I,3,1e30,HIGH STREET,,TOWN,,ENG"],
    ],
)
def test_numbers_beyond_sqlite_integers_are_rejected_like_in_memory(
    lines: list[str], tmp_path: Path
) -> None:
    path = tmp_path / "streets.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    (tmp_path / "staging").mkdir()
    staged = _load(dtf73_streets.READER, [path], tmp_path / "staging")
    assert staged == _load(dtf73_streets.READER, [path], None)
    rows, stats = staged
    assert rows and all(isinstance(r, tuple) for r in rows)  # every row rejected, with reason
    assert all(r[3] for r in rows)
