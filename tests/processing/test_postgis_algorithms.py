"""Every PlaceLink algorithm reads PostGIS layers and writes PostGIS tables, with the same
results as with GeoPackage: the council workflow model (load addresses and streets, check
quality, match, catchments, map) runs once into GeoPackages and once into PostGIS tables,
its later steps reading the tables its earlier steps wrote. Provenance of a PostGIS output
is a row of ``placelink_provenance`` and a table comment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from qgis.core import QgsVectorLayer

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample"
# model output -> (table, key fields compared between GeoPackage and PostGIS)
LAYERS = {
    "load_addresses:Addresses": ("addresses", ("uprn", "address", "postcode")),
    "load_addresses:Rejected address rows": ("addresses_rejected", ()),
    "load_streets:Streets": ("streets", ("usrn", "street_description")),
    "load_streets:Rejected street rows": ("streets_rejected", ()),
    "check_quality:Quality issues": ("quality_issues", ("rule_id", "feature_key")),
    "check_quality:Quality summary": ("quality_summary", ()),
    "match:Matched records": ("matched_records", ("record_id", "uprn", "match_status")),
    "catchments:Address assignments": ("assignments", ("uprn", "facility_id")),
    "catchments:Catchments": ("catchments", ("facility_id", "address_count")),
    "catchments:Distance band areas": ("band_areas", ()),
}


def _parameters(out: Path, destination) -> dict:
    import demo

    parameters = {k: str(v) for k, v in demo.parameters(SAMPLE, out).items()}
    for name, (table, _keys) in LAYERS.items():
        parameters[name] = destination(table, bool(_keys) or table == "band_areas")
    return parameters


def _rows(layer: QgsVectorLayer, keys: tuple[str, ...]) -> list[tuple]:
    assert layer.isValid()
    if not keys:
        return [(layer.featureCount(),)]
    return sorted(tuple(str(f[k]) for k in keys) for f in layer.getFeatures())


@pytest.fixture(scope="module")
def both_runs(run_alg, postgis_server, tmp_path_factory) -> dict:
    gpkg_out = tmp_path_factory.mktemp("gpkg")
    (gpkg_out / "layers").mkdir()
    gpkg = run_alg(
        "placelink:councilworkflow",
        _parameters(gpkg_out, lambda table, _spatial: str(gpkg_out / "layers" / f"{table}.gpkg")),
    )
    pg_out = tmp_path_factory.mktemp("postgis")
    pg = run_alg(
        "placelink:councilworkflow",
        _parameters(
            pg_out,
            lambda table, spatial: "postgis:"
            + postgis_server.uri(table=f"wf_{table}", geometry="geom" if spatial else None),
        ),
    )
    return {"gpkg": (gpkg_out, gpkg), "postgis": (pg_out, pg)}


@pytest.mark.parametrize("output", sorted(LAYERS))
def test_postgis_output_equals_geopackage(both_runs, postgis_server, output: str) -> None:
    table, keys = LAYERS[output]
    gpkg_out, _ = both_runs["gpkg"]
    gpkg_layer = QgsVectorLayer(
        f"{gpkg_out / 'layers' / table}.gpkg|layername={table}", table, "ogr"
    )
    pg_layer = QgsVectorLayer(
        postgis_server.uri(table=f"wf_{table}", geometry=None), table, "postgres"
    )
    if not pg_layer.isValid() or pg_layer.fields().count() == 0:  # a table with geometry
        pg_layer = QgsVectorLayer(postgis_server.uri(table=f"wf_{table}"), table, "postgres")
    assert (
        int(postgis_server.sql(f"SELECT count(*) FROM public.wf_{table}"))
        == gpkg_layer.featureCount()
    )
    assert _rows(pg_layer, keys) == _rows(gpkg_layer, keys)


def test_postgis_outputs_carry_provenance(both_runs, postgis_server) -> None:
    rows = postgis_server.sql(
        "SELECT table_name || '|' || algorithm || '|' || (provenance->>'plugin') "
        "FROM public.placelink_provenance WHERE table_name LIKE 'wf\\_%' ORDER BY id"
    ).splitlines()
    stamped = {row.split("|")[0]: row.split("|")[1] for row in rows}
    assert stamped["wf_addresses"] == "placelink:loadaddresses"
    assert stamped["wf_matched_records"] == "placelink:matchaddresses"
    assert stamped["wf_catchments"] == "placelink:catchments"
    assert stamped["wf_quality_issues"] == "placelink:checkquality"
    document = json.loads(
        postgis_server.sql(
            "SELECT provenance FROM public.placelink_provenance "
            "WHERE table_name = 'wf_matched_records' ORDER BY id DESC LIMIT 1"
        )
    )
    assert document["input_fingerprints"]["GAZETTEER"]  # read from the PostGIS table
    comment = postgis_server.sql("SELECT obj_description('public.wf_addresses'::regclass)")
    assert comment.startswith("Made by PlaceLink ") and "placelink_provenance" in comment


def test_postgis_run_also_writes_its_files(both_runs) -> None:
    pg_out, _ = both_runs["postgis"]
    assert (pg_out / "catchment_map.pdf").read_bytes().startswith(b"%PDF")
    assert "<html" in (pg_out / "quality_report.html").read_text(encoding="utf-8").lower()
