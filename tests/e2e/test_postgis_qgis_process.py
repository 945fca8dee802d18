"""qgis_process runs reading and writing PostGIS tables on the suite's own server: the same
rows as a GeoPackage run, provenance in ``placelink_provenance``, no password repeated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from osgeo import ogr
from qgis_runner import QgisProcess

pytestmark = pytest.mark.qgis_process
ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample"
PASSWORD = "Qp-Secret-9e41"


@pytest.fixture(scope="module")
def qp(tmp_path_factory: pytest.TempPathFactory) -> QgisProcess:
    runner = QgisProcess(tmp_path_factory.mktemp("qp"))
    runner.enable_plugin()
    return runner


@pytest.fixture(scope="module")
def clerk(postgis_server) -> str:
    postgis_server.add_role("qp_clerk", PASSWORD)
    return postgis_server.conninfo("qp_clerk", PASSWORD)


def _table(connection: str, table: str, geometry: str | None = "geom") -> str:
    text = f'{connection} table="public"."{table}"'
    return f"{text} ({geometry})" if geometry else text


def _gpkg_rows(path: Path, field: str) -> list[str]:
    dataset = ogr.Open(str(path))  # kept alive while its layer is read
    return sorted(str(f.GetField(field)) for f in dataset.GetLayer(0))


def test_load_and_match_in_postgis_as_in_geopackage(qp, postgis_server, clerk, tmp_path) -> None:
    outputs = []
    for destination in (
        lambda t, g="geom": "postgis:" + _table(clerk, f"qp_{t}", g),
        lambda t, g="geom": str(tmp_path / f"{t}.gpkg"),
    ):
        loaded = qp.run(
            "placelink:loadaddresses",
            {"INPUT": [SAMPLE / "llpg_dtf73.csv"], "FORMAT": 0,
             "OUTPUT": destination("addresses"), "REJECTED": destination("rejected", None)},
        )  # fmt: skip
        gazetteer = loaded["results"]["OUTPUT"]
        matched = qp.run(
            "placelink:matchaddresses",
            {"INPUT": SAMPLE / "service_records.csv", "ADDRESS_FIELDS": "address",
             "POSTCODE_FIELD": "postcode", "GAZETTEER": gazetteer,
             "OUTPUT": destination("matched")},
        )  # fmt: skip
        outputs.append((loaded, matched))
    (pg_loaded, pg_matched), _ = outputs
    assert pg_loaded["results"]["LOADED"] == 5000
    pg_uprns = postgis_server.sql("SELECT uprn FROM public.qp_addresses ORDER BY uprn::text")
    assert pg_uprns.splitlines() == _gpkg_rows(tmp_path / "addresses.gpkg", "uprn")
    pg_matches = postgis_server.sql(
        "SELECT record_id || '|' || COALESCE(uprn::text, '') || '|' || match_status "
        "FROM public.qp_matched"
    ).splitlines()
    dataset = ogr.Open(str(tmp_path / "matched.gpkg"))
    layer = dataset.GetLayer(0)
    gpkg_matches = [
        f"{f.GetField('record_id')}|{f.GetField('uprn') or ''}|{f.GetField('match_status')}"
        for f in layer
    ]
    assert sorted(pg_matches) == sorted(gpkg_matches) and len(pg_matches) == 1500
    assert postgis_server.sql(
        "SELECT tableowner FROM pg_tables WHERE tablename = 'qp_matched'"
    ) == ("qp_clerk")
    provenance = postgis_server.sql(
        "SELECT string_agg(algorithm || ' ' || provenance::text, E'\\n') "
        "FROM public.placelink_provenance WHERE table_name IN ('qp_addresses', 'qp_matched')"
    )
    assert "placelink:loadaddresses" in provenance and "placelink:matchaddresses" in provenance
    assert PASSWORD not in provenance
    # PlaceLink's own log lines (qgis_process itself echoes the inputs it was given)
    for run in (pg_loaded, pg_matched):
        log = json.dumps(run.get("log", {}))
        assert "Provenance: PlaceLink" in log or "provenance" in log.lower()
        assert PASSWORD not in log
    profile_text = "".join(
        p.read_text(errors="replace") for p in qp.profile.rglob("*.ini") if p.is_file()
    )
    assert PASSWORD not in profile_text
