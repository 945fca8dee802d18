"""Against the suite's own PostGIS: a staged load writes a PostGIS table equal to the
GeoPackage output, and placelink:applyupdates changes that table in one transaction,
with the update log table beside it."""

from __future__ import annotations

from pathlib import Path

import pytest
from dtf73_supply import write_supply
from osgeo import ogr
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "addresses"
SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample" / "llpg_dtf73.csv"
FULL, COU = FIXTURES / "dtf73_full.csv", FIXTURES / "dtf73_cou.csv"


def _load(run_alg, inputs: list[Path], output: str) -> dict:
    return run_alg(
        "placelink:loadaddresses",
        {
            "INPUT": [str(p) for p in inputs],
            "FORMAT": 0,
            "OUTPUT": output,
            "REJECTED": "TEMPORARY_OUTPUT",
        },
    )


def _rows(layer: QgsVectorLayer) -> dict[int, tuple]:
    return {
        f["uprn"]: (f["address"], f["alternatives"], f.geometry().asWkt(2))
        for f in layer.getFeatures()
    }


def test_staged_load_into_postgis_equals_geopackage(postgis_server, run_alg, tmp_path) -> None:
    gpkg = tmp_path / "sample.gpkg"
    from_file = _load(run_alg, [SAMPLE], str(gpkg))
    from_pg = _load(run_alg, [SAMPLE], "postgis:" + postgis_server.uri(table="sample_staged"))
    keep = ("ROWS_READ", "LOADED", "REJECTED_COUNT", "MERGED_COUNT")
    assert {k: from_pg[k] for k in keep} == {k: from_file[k] for k in keep}
    pg = QgsVectorLayer(postgis_server.uri(table="sample_staged"), "pg", "postgres")
    assert pg.isValid()
    assert _rows(pg) == _rows(QgsVectorLayer(str(gpkg), "gpkg", "ogr"))


def _indexes(postgis_server, table: str) -> list[str]:
    """The index definitions of *table*, with its own name taken out (comparable)."""
    found = postgis_server.sql(
        f"SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = '{table}'"
    )
    return sorted(line.split(" ON ", 1)[1] for line in found.splitlines() if line)


def test_postgis_load_is_indexed_and_a_second_load_replaces_it(postgis_server, run_alg) -> None:
    """The primary key and the UPRN/USRN indexes (filled during the COPY) and the spatial
    index (built after it) are all there, also when a second load replaces the table (whose
    indexes still carry the loading table's names)."""
    uri = "postgis:" + postgis_server.uri(table="indexed")
    expected = [
        "public.indexed USING btree (id)",
        "public.indexed USING btree (uprn)",
        "public.indexed USING btree (usrn)",
        "public.indexed USING gist (geom)",
    ]
    first = _load(run_alg, [SAMPLE], uri)
    assert _indexes(postgis_server, "indexed") == expected
    second = _load(run_alg, [FULL], uri)
    assert _indexes(postgis_server, "indexed") == expected
    assert postgis_server.sql("SELECT count(*) FROM public.indexed").strip() == str(
        second["LOADED"]
    )
    assert first["LOADED"] != second["LOADED"]
    primary = postgis_server.sql(
        "SELECT count(*) FROM pg_index WHERE indisprimary "
        "AND indrelid = 'public.indexed'::regclass"
    )
    assert primary.strip() == "1"
    assert (
        postgis_server.sql("SELECT to_regclass('public.indexed_placelink_loading')").strip() == ""
    )


def _apply(run_alg, target: QgsVectorLayer, inputs: list[Path]) -> dict:
    return run_alg(
        "placelink:applyupdates",
        {
            "INPUT": [str(p) for p in inputs],
            "FORMAT": 0,
            "TARGET": target,
            "REJECTED": "TEMPORARY_OUTPUT",
        },
    )


def test_apply_updates_to_a_postgis_table(postgis_server, run_alg, tmp_path) -> None:
    _load(run_alg, [FULL], "postgis:" + postgis_server.uri(table="cou_target"))
    target = QgsVectorLayer(postgis_server.uri(table="cou_target", key="id"), "t", "postgres")
    if not target.isValid():
        target = QgsVectorLayer(postgis_server.uri(table="cou_target"), "t", "postgres")
    assert target.isValid()
    before = _rows(target)

    with pytest.raises(QgsProcessingException, match="Nothing was changed"):
        _apply(run_alg, target, [COU, FULL])  # the second file is a full supply
    target.reload()
    assert _rows(target) == before
    # Not even the log table survives the rolled-back transaction.
    assert postgis_server.sql("SELECT to_regclass('placelink_update_log') IS NULL") == "t"

    result = _apply(run_alg, target, [COU])
    assert (result["INSERTED"], result["UPDATED"], result["DELETED"]) == (1, 1, 1)
    uprns = postgis_server.sql("SELECT string_agg(uprn::text, ',' ORDER BY uprn) FROM cou_target")
    assert "100062000008" in uprns and "100062000005" not in uprns
    log = postgis_server.sql(
        "SELECT file, inserted, updated, deleted, rejected FROM placelink_update_log"
    )
    assert log == "dtf73_cou.csv|1|1|1|0"

    # The same updates applied to a GeoPackage copy give the same addresses.
    gpkg = tmp_path / "addresses.gpkg"
    _load(run_alg, [FULL], str(gpkg))
    _apply(run_alg, QgsVectorLayer(f"{gpkg}|layername=addresses", "g", "ogr"), [COU])
    target.reload()
    dataset = ogr.Open(str(gpkg))
    expected = {f["uprn"]: f["address"] for f in dataset.GetLayerByName("addresses")}
    assert {u: row[0] for u, row in _rows(target).items()} == expected


def test_update_log_stays_in_the_targets_schema(postgis_server, run_alg) -> None:
    """A TARGET in the council's own schema gets its update log there, not in public."""
    postgis_server.sql("CREATE SCHEMA IF NOT EXISTS council")
    _load(run_alg, [FULL], "postgis:" + postgis_server.uri(table="llpg", schema="council"))
    target = QgsVectorLayer(postgis_server.uri(table="llpg", schema="council"), "t", "postgres")
    assert target.isValid()
    had_public_log = postgis_server.sql("SELECT to_regclass('public.placelink_update_log')")
    result = _apply(run_alg, target, [COU])
    assert result["LOG_TABLE"] == "council.placelink_update_log"
    log = postgis_server.sql("SELECT file, inserted FROM council.placelink_update_log")
    assert log == "dtf73_cou.csv|1"
    assert postgis_server.sql("SELECT to_regclass('public.placelink_update_log')") == had_public_log


class _CancelAtOnce(QgsProcessingFeedback):
    def setProgressText(self, text: str) -> None:
        self.cancel()


def _cancel_leaves_no_table(
    run_alg, server, alg: str, supply: Path, fmt: int, table: str, left: str
) -> None:
    """A load of *supply* into the PostGIS *table*, cancelled at once, fails saying so and
    leaves no table whose name is LIKE *left*."""
    with pytest.raises(QgsProcessingException, match="no table was written"):
        run_alg(
            f"placelink:{alg}",
            {
                "INPUT": [str(supply)],
                "FORMAT": fmt,
                "OUTPUT": "postgis:" + server.uri(table=table),
                "REJECTED": "TEMPORARY_OUTPUT",
            },
            feedback=_CancelAtOnce(),
        )
    assert server.sql(f"SELECT count(*) FROM pg_tables WHERE tablename LIKE '{left}'") == "0"


def test_cancelled_postgis_load_leaves_no_table(postgis_server, run_alg, tmp_path) -> None:
    supply = tmp_path / "big.csv"
    write_supply(supply, 12_000)  # more than two write batches: the cancel comes mid-COPY
    _cancel_leaves_no_table(
        run_alg, postgis_server, "loadaddresses", supply, 0, "cancelled_load", "cancelled%"
    )


def test_cancelled_postgis_streets_load_leaves_no_table(postgis_server, run_alg, tmp_path) -> None:
    supply = tmp_path / "streets.csv"
    with supply.open("w", encoding="utf-8", newline="") as fh:
        fh.write('10,"TEST",9999,2024-07-04,1,2024-07-04,12:00:00,"8.1","F"\r\n')
        for s in range(6_000):  # more than a write batch of streets: cancelled mid-COPY
            usrn, esu, x = 10_000_000 + s, 4_000_000_000_000 + s, 400_000 + s
            fh.write(
                f'11,"I",1,{usrn},1,9999,2,1995-05-21,1,1,1995-05-21,1995-05-21,1995-05-21,,'
                f"{x},200000,{x},200100,1,1\r\n"
                f'15,"I",2,{usrn},"STREET {s}",,"TOWN","COUNCIL","ENG"\r\n'
                f'12,"I",3,{usrn},1,{esu},1\r\n'
                f'13,"I",4,{esu},1,2,1,1995-05-21,1995-05-21,1995-05-21,,1\r\n'
                f'14,"I",5,{esu},1,1,{x},200000\r\n14,"I",6,{esu},1,2,{x},200100\r\n'
            )
    _cancel_leaves_no_table(
        run_alg, postgis_server, "loadstreets", supply, 1, "cancelled_streets", "cancelled_s%"
    )
    # the same file loads whole when nobody cancels
    result = run_alg(
        "placelink:loadstreets",
        {
            "INPUT": [str(supply)],
            "FORMAT": 1,
            "OUTPUT": "postgis:" + postgis_server.uri(table="whole_streets"),
            "REJECTED": "TEMPORARY_OUTPUT",
        },
    )
    assert (
        result["FEATURES"] == 6_000 == int(postgis_server.sql("SELECT count(*) FROM whole_streets"))
    )


@pytest.mark.qgis_process
def test_a_large_load_by_two_processes_into_postgis(postgis_server, tmp_path) -> None:
    """qgis_process.bin (two processes: the file read in two parts, the join done in UPRN
    ranges taken in turn by the loading process and the worker, which makes its ranges into
    COPY lines) writes the rows the one-process reader makes, in UPRN order, with the
    rejects after the middle of the file."""
    import psycopg2
    from placelink.core.formats import file_parts, staging
    from placelink.core.formats.assemble import AddressLoadStats
    from placelink.core.loaders import load_addresses
    from placelink.core.records import Reject
    from qgis_runner import QgisProcess

    supply = tmp_path / "large.csv"
    uprns = file_parts.SPLIT_BYTES // 200
    assert uprns >= staging.JOIN_SPLIT
    write_supply(
        supply,
        uprns,
        house_names=True,
        tail="21,I,1,100060000003,1\r\n24,I,1,999999999999,2235L99,ENG,1\r\n",
    )
    runner = QgisProcess(tmp_path / "qp")
    runner.enable_plugin()
    runner.env["PLACELINK_LOAD_WORKERS"] = "2"  # two processes, whatever the environment says
    result = runner.run(
        "placelink:loadaddresses",
        {
            "INPUT": [supply],
            "FORMAT": 0,
            "OUTPUT": "postgis:" + postgis_server.uri(table="large_two"),
            "REJECTED": tmp_path / "rejected.gpkg",
        },
    )["results"]
    stats = AddressLoadStats()
    expected = [
        (r["uprn"], r["address"], r["x"], r["y"])
        for r in load_addresses([str(supply)], "auto", stats)
        if not isinstance(r, Reject)
    ]
    assert (result["LOADED"], result["REJECTED_COUNT"]) == (uprns, 2)
    assert result["ROWS_READ"] == stats.data_rows
    with psycopg2.connect(postgis_server.conninfo()) as connection:
        cursor = connection.cursor()
        cursor.execute("SELECT uprn, address, ST_X(geom), ST_Y(geom) FROM large_two ORDER BY id")
        assert cursor.fetchall() == expected  # the same rows, in the same (UPRN) order
    connection.close()
