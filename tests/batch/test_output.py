"""OUTPUT written a chunk at a time as the Spark engine's answers stream in
(``io.OutputWriter``) is the file written of the whole frame at once: Parquet and CSV as
pandas writes them, a GeoPackage feature for feature; a failure leaves no file."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from placelink.batch import io

CHUNK = 317  # not a divisor of the record count: the last chunk is short


@pytest.fixture(scope="module")
def whole(national: dict, local_answers: list) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(RECORDS, the output frame of every record at once)."""
    records = io.read_records(national["records"])
    return records, io.output_frame(records, local_answers)


def _chunked(records: pd.DataFrame, answers: list, path: Path) -> None:
    with io.OutputWriter(str(path)) as out:
        for first in range(0, len(records), CHUNK):
            part = records.iloc[first : first + CHUNK]
            out.write(io.output_frame(part, answers[first : first + CHUNK], first))


def test_parquet_and_csv_in_chunks_equal_the_whole_frame(
    whole: tuple, local_answers: list, tmp_path: Path
) -> None:
    records, frame = whole
    # Parquet: as pandas wrote the whole frame before, dtypes (Int64 UPRNs) included
    frame.to_parquet(tmp_path / "before.parquet", index=False)
    _chunked(records, local_answers, tmp_path / "after.parquet")
    pd.testing.assert_frame_equal(
        pd.read_parquet(tmp_path / "after.parquet"), pd.read_parquet(tmp_path / "before.parquet")
    )
    # CSV: byte for byte
    frame.to_csv(tmp_path / "before.csv", index=False)
    _chunked(records, local_answers, tmp_path / "after.csv")
    assert (tmp_path / "after.csv").read_bytes() == (tmp_path / "before.csv").read_bytes()
    # records without record_id: the row number runs on across chunks
    plain = records.drop(columns=["record_id"])
    _chunked(plain, local_answers, tmp_path / "plain.parquet")
    ids = pd.read_parquet(tmp_path / "plain.parquet")["record_id"].tolist()
    assert ids == list(range(1, len(records) + 1))
    assert not list(tmp_path.glob(".*partial*"))


def test_geopackage_in_chunks_equals_one_write(
    whole: tuple, local_answers: list, tmp_path: Path
) -> None:
    from osgeo import ogr

    records, frame = whole
    io.write_output(frame, str(tmp_path / "before.gpkg"))
    _chunked(records, local_answers, tmp_path / "after.gpkg")

    def features(path: Path) -> list:
        dataset = ogr.Open(str(path))
        layer = dataset.GetLayer(0)
        rows = [(f.items(), f.GetGeometryRef().ExportToWkt() if f.GetGeometryRef() else None)
                for f in layer]  # fmt: skip
        return rows

    before, after = features(tmp_path / "before.gpkg"), features(tmp_path / "after.gpkg")
    assert len(after) == len(records)
    assert after == before


def test_a_failure_while_streaming_leaves_no_output(
    whole: tuple, local_answers: list, tmp_path: Path
) -> None:
    records, _frame = whole
    target = tmp_path / "broken.parquet"
    with pytest.raises(RuntimeError, match="records got no answer"):
        with io.OutputWriter(str(target)) as out:
            out.write(io.output_frame(records.iloc[:CHUNK], local_answers[:CHUNK]))
            raise RuntimeError("3 records got no answer")
    assert not target.exists() and not list(tmp_path.glob(".*partial*"))
    with pytest.raises(ValueError, match="OUTPUT must end in"):
        io.OutputWriter(str(tmp_path / "x.txt"))
