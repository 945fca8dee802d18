"""The on-disk staged assembly (core/formats/staging.py) gives the in-memory reader's
results, rejects and accounting, and its memory does not grow with the supply."""

from __future__ import annotations

import dataclasses
import gc
import tracemalloc
from pathlib import Path

import pytest
from placelink.core.formats import dtf73, file_parts, staging
from placelink.core.formats.assemble import AddressLoadStats
from placelink.core.loaders import load_addresses
from placelink.core.records import Reject

ROOT = Path(__file__).resolve().parents[3]
FIX = ROOT / "tests" / "fixtures" / "addresses"
SAMPLE = ROOT / "resources" / "sample" / "llpg_dtf73.csv"

SUPPLIES = [
    [SAMPLE],
    [FIX / "dtf73_full.csv"],
    [FIX / "dtf73_cp1252.csv"],
    [FIX / "dtf73_full.csv", FIX / "dtf73_cou.csv"],
    [FIX / "abp_schema1.csv"],
    [FIX / "abp_schema2.csv"],
    [FIX / "abp_utf8_bom.csv"],
    [FIX / "abp_schema2.csv", FIX / "abp_schema2_cou.csv"],
    [FIX / "abp_schema2.csv", FIX / "abp_schema1.csv"],
    # every record repeated, as in overlapping tiles of one supply
    [FIX / "abp_schema2.csv", FIX / "abp_schema2.csv"],
    [FIX / "dtf73_full.csv", FIX / "dtf73_full.csv", FIX / "dtf73_cou.csv"],
]


def _load(paths: list[Path], folder: Path | None) -> tuple[list, dict]:
    stats = AddressLoadStats()
    rows = [
        (r.file, r.line, r.raw, r.reason) if isinstance(r, Reject) else r
        for r in load_addresses([str(p) for p in paths], "auto", stats, folder)
    ]
    counts = dataclasses.asdict(stats)
    counts.pop("on_rows")
    return rows, counts


@pytest.mark.parametrize("paths", SUPPLIES, ids=lambda p: "+".join(x.stem for x in p))
def test_staged_equals_in_memory(paths: list[Path], tmp_path: Path) -> None:
    in_memory = _load(paths, None)
    staged = _load(paths, tmp_path)
    assert staged == in_memory
    rows, counts = staged
    assert any(isinstance(r, dict) for r in rows)
    total = sum(counts[k] for k in ("accepted", "merged", "reference", "not_needed", "repeated"))
    assert total + counts["replaced"] + counts["rejected"] == counts["data_rows"]
    assert list(tmp_path.iterdir()) == []  # the staging file is removed at the end


def test_disk_items_answer_like_a_dict(tmp_path: Path) -> None:
    import sqlite3

    items = staging.DiskItems(sqlite3.connect(str(tmp_path / "t.sqlite")), "t", 0)
    plain: dict = {}
    for store in (items, plain):
        store[5] = (5, "a")
        store.setdefault(5, (5, "b"))
        store.setdefault(7, (7, "c"))
        store[(1, 2)] = (1, "d")
        del store[(1, 2)]
        assert store.pop(9, None) is None
    assert [items.get(k) for k in (5, 7, (1, 2))] == [plain.get(k) for k in (5, 7, (1, 2))]
    assert len(items) == len(plain) == 2
    assert items.pop(7) == (7, "c") and len(items) == 1
    assert list(items.by_uprn()) == [(5, (5, "a"))]


def test_staging_file_removed_when_stopped_early(tmp_path: Path) -> None:
    records = load_addresses([str(SAMPLE)], "auto", AddressLoadStats(), tmp_path)
    next(records)
    assert len(list(tmp_path.iterdir())) == 1
    records.close()
    assert list(tmp_path.iterdir()) == []


def test_staging_file_removed_when_closed_before_reading(tmp_path: Path) -> None:
    """A load that fails before its first record (a database that refuses the connection)
    closes the records unread: the staging file goes too."""
    records = load_addresses([str(SAMPLE)], "auto", AddressLoadStats(), tmp_path)
    assert len(list(tmp_path.iterdir())) == 1
    records.close()
    assert list(tmp_path.iterdir()) == []


def _generate(path: Path, uprns: int) -> None:
    """A DTF 7.3 supply: 20 streets; per UPRN a BLPU, two LPIs and a classification."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("10,TEST,2235,2024-03-01,1,2024-03-01,10:15:00,7.3,F\r\n")
        for s in range(20):
            fh.write(f'15,I,{s},{24_700_000 + s},"STREET {s}","","TOWN","KENT",ENG\r\n')
        for i in range(uprns):
            u = 100_060_000_000 + i
            usrn = 24_700_000 + i % 20
            fh.write(
                f"21,I,1,{u},1,2,2001-01-01,RD04,,{540_000 + i % 9000}.5,150000.5,1,2235,"
                f"2001-01-01,,2023-06-01,2001-01-01,,,,,,\r\n"
            )
            for n, status in ((0, 1), (1, 3)):
                fh.write(
                    f"24,I,1,{u},2235L{i:08d}{n},ENG,{status},2001-01-01,,2001-01-01,"
                    f"2023-06-01,,,,,,{i % 300 + 1},,,,HOUSE {i},{usrn},,Y,TN13 1AA,"
                    f"SEVENOAKS,Y,,,\r\n"
                )
            fh.write(
                f"32,I,1,{u},2235C{i:08d},RD04,AddressBase Premium Classification Scheme,"
                f"1.0,2001-01-01,,2001-01-01,2023-06-01\r\n"
            )


def _peak(path: Path, folder: Path | None) -> tuple[int, int]:
    gc.collect()
    tracemalloc.start()
    loaded = 0
    for record in load_addresses([str(path)], dtf73.NAME, AddressLoadStats(), folder):
        loaded += isinstance(record, dict)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak, loaded


def test_memory_does_not_grow_with_the_supply(tmp_path: Path, monkeypatch) -> None:
    """Through a small in-memory budget (a 2,000-record write buffer, 2 MB of page cache,
    4 KB of "maybe stored" slots),
    four times the supply needs about the same Python memory staged; the in-memory reader
    needs about four times as much (so the test can fail)."""
    monkeypatch.setattr(staging, "WRITE_BATCH", 2_000)
    monkeypatch.setattr(staging, "CACHE_KIB", 2_048)
    monkeypatch.setattr(staging, "SEEN_SLOTS", 1 << 12)
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    _generate(small, 3_000)
    _generate(large, 12_000)
    folder = tmp_path / "staging"
    folder.mkdir()
    staged_small, n_small = _peak(small, folder)
    staged_large, n_large = _peak(large, folder)
    memory_large, _ = _peak(large, None)
    assert (n_small, n_large) == (3_000, 12_000)
    assert staged_large < 1.3 * staged_small, (staged_small, staged_large)
    assert memory_large > 3 * staged_large, (staged_large, memory_large)


def test_duplicates_settled_as_the_in_memory_reader(tmp_path: Path) -> None:
    """Inserts are appended without a look-up and their duplicates settled afterwards: the
    same rejects (kept the first, at …), repeats and records as the row-by-row reader,
    also when a change-only file follows and when a key comes three times."""
    full, again, cou = tmp_path / "full.csv", tmp_path / "again.csv", tmp_path / "cou.csv"
    _generate(full, 40)
    with full.open("a", encoding="utf-8", newline="") as fh:  # duplicates in the same file
        fh.write(
            "21,I,1,100060000003,1,2,2001-01-01,RD04,,541000.5,151000.5,1,2235,"
            "2001-01-01,,2023-06-01,2001-01-01,,,,,,\r\n"
            "21,I,1,100060000003,1,2,2001-01-01,RD04,,542000.5,152000.5,1,2235,"
            "2001-01-01,,2023-06-01,2001-01-01,,,,,,\r\n"
            "24,I,1,100060000005,2235L000000050,ENG,1,2001-01-01,,2001-01-01,2023-06-01,"
            ",,,,,9,,,,,24700000,,Y,TN13 1AA,SEVENOAKS,Y,,,\r\n"
        )
    _generate(again, 10)  # the first ten UPRNs again, as overlapping tiles repeat them
    with cou.open("w", encoding="utf-8", newline="") as fh:
        fh.write("10,TEST,2235,2024-03-02,1,2024-03-02,10:15:00,7.3,C\r\n")
        fh.write("21,D,1,100060000007,1,2,2001-01-01,RD04,,540007.5,150000.5,1,2235,"
                 "2001-01-01,,2023-06-01,2001-01-01,,,,,,\r\n")  # fmt: skip
        fh.write("21,I,1,100060000004,1,2,2001-01-01,RD04,,549999.5,150000.5,1,2235,"
                 "2001-01-01,,2023-06-01,2001-01-01,,,,,,\r\n")  # fmt: skip
    supply = [full, again, cou]
    staged = _load(supply, tmp_path / "s" if (tmp_path / "s").mkdir() is None else None)
    in_memory = _load(supply, None)
    assert staged == in_memory
    reasons = [r[3] for r in staged[0] if isinstance(r, tuple)]
    assert sum("duplicate UPRN 100060000003: kept the first" in r for r in reasons) == 2
    assert any("duplicate LPI key 2235L000000050" in r for r in reasons)
    assert any("duplicate UPRN 100060000004" in r for r in reasons)  # after the settling
    assert staged[1]["repeated"] > 0


# --- a large file read in two processes (staging.StagedReader with workers=2) -------------


def _render(record: dict) -> str:
    """A writer's text of a record (a line, as COPY's): every key and value."""
    return repr(list(record.items())) + "\n"


def _rendered(loaded: tuple[list, dict]) -> tuple[list, dict]:
    """``_load``'s rows with the records rendered (``_render``)."""
    rows, counts = loaded
    return [_render(r) if isinstance(r, dict) else r for r in rows], counts


#: UPRN ranges of the join a worker rendered, in the last ``_load_in_two``.
WORKER_RANGES = [0]


def _load_in_two(paths: list[Path], folder: Path) -> tuple[list, dict, tuple[int, int]]:
    """``_load`` with two processes, how many files a worker's part was taken from and
    whether a worker's ranges of the join were (how many: ``WORKER_RANGES``)."""
    stats = AddressLoadStats()
    records = load_addresses([str(p) for p in paths], "auto", stats, folder, workers=2)
    cut = [0]

    def render(record: dict) -> str:
        cut[0] += record["uprn"] % 2  # as a writer counts the values it shortens
        return _render(record)

    records.render_with(render, cut)  # type: ignore[attr-defined]
    rows = []
    WORKER_RANGES[0] = 0
    for r in records:
        if isinstance(r, Reject):
            rows.append((r.file, r.line, r.raw, r.reason))
        elif isinstance(r, staging.RenderedRows):
            lines = r.text.splitlines(keepends=True)
            assert len(lines) == r.rows
            WORKER_RANGES[0] += 1
            rows.extend(lines)
        else:
            rows.append(render(r))
    odd = sum(
        int(line.split("('uprn', ")[1].split(")")[0]) % 2 for line in rows if "('uprn', " in line
    )
    assert cut == [odd]  # what the worker counted is added
    counts = dataclasses.asdict(stats)
    counts.pop("on_rows")
    # the log says what the workers did; the rest of it is the one-process reader's
    notes = (staging.TWO_PARTS, staging.TWO_RANGES)
    counts["detected"] = [d for d in counts["detected"] if not d.endswith(notes)]
    reader = records.reader  # type: ignore[attr-defined]
    taken = (reader.parts_taken, reader.joins_taken)
    assert len(stats.detected) - len(counts["detected"]) == sum(taken)
    return rows, counts, taken


@pytest.mark.parametrize("paths", SUPPLIES, ids=lambda p: "+".join(x.stem for x in p))
def test_two_processes_equal_one(paths: list[Path], tmp_path: Path, monkeypatch) -> None:
    """Every supply, every file cut in two and the join split by UPRN (no minimum size;
    the worker's half comes rendered by the writer's function): the rows, in order, the
    rejects (reasons, lines, raw text) and accounting are the in-memory reader's."""
    monkeypatch.setattr(file_parts, "SPLIT_BYTES", 0)
    monkeypatch.setattr(staging, "JOIN_SPLIT", 0)
    monkeypatch.setattr(staging, "JOIN_PAIR", 7)  # many ranges, in turn: worker, this one
    rows, counts, _ = _load_in_two(paths, tmp_path)
    assert (rows, counts) == _rendered(_load(paths, None))
    assert list(tmp_path.iterdir()) == []  # both staging files are removed


def _awkward(path: Path, uprns: int, update_at: int | None = None) -> None:
    """``_generate``'s supply with, in its second half, a BLPU repeating one of the first
    half (a duplicate), an LPI whose UPRN has no BLPU, a truncated row, a street descriptor
    repeating one of the first half, a quoted text spanning two lines, metadata and a
    trailer; with *update_at*, a U row for that UPRN's BLPU near the end."""
    _generate(path, uprns)
    with path.open("a", encoding="utf-8", newline="") as fh:
        fh.write(
            "21,I,1,100060000001,1,2,2001-01-01,RD04,,540001.5,150000.5,1,2235,"
            "2001-01-01,,2023-06-01,2001-01-01,,,,,,\r\n"
        )
        fh.write(
            "24,I,1,999999999999,2235L99999999,ENG,1,2001-01-01,,2001-01-01,2023-06-01,,,,,,"
            '7,,,,"TWO\r\nLINES",24700001,,Y,TN13 1AA,SEVENOAKS,Y,,,\r\n'
        )
        fh.write("21,I,1,100060000005,1\r\n")
        fh.write('15,I,1,24700003,"STREET 3 AGAIN","","TOWN","KENT",ENG\r\n')
        if update_at is not None:
            fh.write(
                f"21,U,1,{100_060_000_000 + update_at},1,2,2001-01-01,RD04,,540009.5,150000.5,"
                "1,2235,2001-01-01,,2023-06-01,2001-01-01,,,,,,\r\n"
            )
        fh.write("29,META,1\r\n")
        fh.write("99,0,999,2024-03-01,10:15:00\r\n")


def test_a_worker_part_is_taken_with_every_reject(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(file_parts, "SPLIT_BYTES", 0)
    monkeypatch.setattr(staging, "JOIN_SPLIT", 0)
    monkeypatch.setattr(staging, "JOIN_PAIR", 300)  # the join in about 14 UPRN ranges
    supply = tmp_path / "supply.csv"
    _awkward(supply, 2_000)
    folder = tmp_path / "staging"
    folder.mkdir()
    rows, counts, taken = _load_in_two([supply], folder)
    assert taken == (1, 1)  # the worker's halves were used, not read or joined again here
    assert WORKER_RANGES[0] >= 5  # its ranges alternate with this process's
    assert (rows, counts) == _rendered(_load([supply], None))
    reasons = [r[3] for r in rows if isinstance(r, tuple)]
    assert any(r.startswith("duplicate UPRN 100060000001") for r in reasons)
    assert any("truncated" in r for r in reasons)
    assert any("no BLPU record" in r for r in reasons)
    assert any("duplicate street descriptor" in r for r in reasons)
    assert any("trailer" in w for w in counts["warnings"])
    assert (
        counts["data_rows"]
        == counts["accepted"]
        + counts["merged"]
        + counts["reference"]
        + counts["rejected"]
        + counts["not_needed"]
        + counts["replaced"]
        + counts["repeated"]
    )


def test_an_update_after_the_cut_is_read_here(tmp_path: Path, monkeypatch) -> None:
    """A U row in the worker's half depends on the rows before it: that half is read again
    in this process (same result)."""
    monkeypatch.setattr(file_parts, "SPLIT_BYTES", 0)
    supply = tmp_path / "supply.csv"
    _awkward(supply, 2_000, update_at=7)
    rows, counts, taken = _load_in_two([supply], tmp_path)
    assert taken == (0, 0)  # (the join is split from JOIN_SPLIT addresses, 50,000)
    assert (rows, counts) == _rendered(_load([supply], None))
    assert counts["replaced"] == 1


def test_the_cut_is_never_inside_a_quoted_field(tmp_path: Path) -> None:
    """Lines in the middle of the file belong to one quoted field: the cut comes after it,
    at a row start, and the two parts read as the whole file does."""
    import csv

    path = tmp_path / "quoted.csv"
    lines = [f"21,I,{i},x\n" for i in range(500)]
    lines += ['24,I,1,"' + "\n".join(f"21,I,{i},inside" for i in range(400)) + '"\n']
    lines += [f"24,I,{i},y\n" for i in range(50)]
    path.write_text("".join(lines), encoding="utf-8")
    at = file_parts.cut(path, min_bytes=0)
    assert at is not None
    offset, lines_before = at
    data = path.read_bytes()
    assert data[:offset].count(b"\n") == lines_before
    whole = list(csv.reader(data.decode().splitlines(keepends=True)))
    head = list(csv.reader(data[:offset].decode().splitlines(keepends=True)))
    tail = list(csv.reader(data[offset:].decode().splitlines(keepends=True)))
    assert head + tail == whole
    assert len(head) == 501  # the quoted row is whole in the first part


def test_a_cancel_while_a_worker_reads_leaves_no_file(tmp_path: Path, monkeypatch) -> None:
    """A cancel (``on_rows`` says stop) while the worker reads its part ends the worker and
    removes both staging files."""
    from placelink.core.formats.assemble import LoadCancelledError

    monkeypatch.setattr(file_parts, "SPLIT_BYTES", 0)
    supply = tmp_path / "supply.csv"
    _generate(supply, 30_000)  # 120,000 lines: the first half reaches line 50,000
    assert file_parts.cut(supply) is not None
    started: list[object] = []
    fork = staging.StagedReader._fork
    monkeypatch.setattr(
        staging.StagedReader, "_fork", lambda self, *a: started.append(a) or fork(self, *a)
    )
    folder = tmp_path / "staging"
    folder.mkdir()
    stats = AddressLoadStats()
    calls: list[int] = []
    stats.on_rows = lambda rows: calls.append(rows) or True
    records = load_addresses([str(supply)], dtf73.NAME, stats, folder, workers=2)
    with pytest.raises(LoadCancelledError):
        next(iter(records))
    records.close()
    assert started and calls and list(folder.iterdir()) == []
    assert records.reader.parts == []  # type: ignore[attr-defined]
