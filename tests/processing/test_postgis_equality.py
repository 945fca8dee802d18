"""PostGIS reads and writes give the same rows as GeoPackage, algorithm by algorithm, through
``processing.run`` on the suite's own server: ``loadpostcodes`` (OUTPUT and REJECTED as
``postgis:`` tables), ``facilitydistances`` (its network, facilities, access points and
addresses read from PostGIS tables, OUTPUT and ROUTES written to PostGIS) and
``applyupdates`` (a PostGIS TARGET changed in place, REJECTED written to PostGIS). Every
attribute and every geometry is compared, and each PostGIS output has its provenance row
in ``placelink_provenance``."""

from __future__ import annotations

from pathlib import Path

from osgeo import ogr
from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "addresses"
FULL, COU = FIXTURES / "dtf73_full.csv", FIXTURES / "dtf73_cou.csv"
#: Columns a store adds by itself (the key), not PlaceLink's.
STORE_KEYS = {"fid", "id", "ogc_fid"}


X0, Y0 = 450_000.0, 210_000.0


def _memory(kind: str, fields: str, rows: list[tuple[str, list]]) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{kind}?crs=EPSG:27700{fields}", kind.lower(), "memory")
    features = []
    for wkt, attrs in rows:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(wkt))
        feature.setAttributes(attrs)
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    return layer


def _town() -> tuple[QgsVectorLayer, ...]:
    """A one-way main street with a motorway short cut and an unsuitable lane; two
    primaries (one with two gates), a secondary; addresses along them and on an island."""

    def line(*xy: tuple[float, float]) -> str:
        return "LINESTRING(" + ",".join(f"{X0 + x} {Y0 + y}" for x, y in xy) + ")"

    def pt(x: float, y: float) -> str:
        return f"POINT({X0 + x} {Y0 + y})"

    network = _memory(
        "LineString",
        "&field=class:string&field=oneway:string&field=unsuitable:string",
        [
            (line((0, 0), (6000, 0)), ["B Road", "yes", "no"]),
            (line((0, 0), (0, -50), (6000, -50), (6000, 0)), ["Motorway", "no", "no"]),
            (line((3000, 0), (3000, 500)), ["Local Road", "no", "yes"]),
            (line((9000, 0), (9100, 0)), ["Local Road", "no", "no"]),
        ],
    )
    schools = _memory(
        "Point",
        "&field=name:string&field=type:string",
        [
            (pt(0, 30), ["St Mary's", "primary school"]),
            (pt(6000, 30), ["Oak Primary", "primary school"]),
            (pt(3000, 30), ["High School", "secondary school"]),
        ],
    )
    gates = _memory(
        "Point", "&field=school:string", [(pt(100, 5), ["St Mary's"]), (pt(200, 5), ["St Mary's"])]
    )
    addresses = _memory(
        "Point",
        "&field=uprn:long",
        [(pt(5500, -5), [1]), (pt(1000, 5), [2]), (pt(9050, 5), [3]), (pt(3000, 480), [4]),
         (pt(3000, -45), [5])],
    )  # fmt: skip
    return network, schools, gates, addresses


def _pg(server, table: str, geometry: str | None = "geom") -> str:
    return "postgis:" + server.uri(table=table, geometry=geometry)


def _pg_layer(server, table: str, geometry: str | None = "geom") -> QgsVectorLayer:
    layer = QgsVectorLayer(server.uri(table=table, geometry=geometry), table, "postgres")
    assert layer.isValid(), table
    return layer


def _gpkg_layer(path: Path) -> QgsVectorLayer:
    layer = QgsVectorLayer(str(path), path.stem, "ogr")
    assert layer.isValid(), path
    return layer


def _value(value: object) -> object:
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    if hasattr(value, "toString") and not isinstance(value, str):  # QDate, QDateTime
        return value.toString("yyyy-MM-dd")
    if isinstance(value, float):
        return round(value, 6)
    return value


def _table(layer: QgsVectorLayer) -> tuple[list[str], list[tuple]]:
    """(field names, sorted rows of every PlaceLink field and the geometry as WKT)."""
    names = [n for n in layer.fields().names() if n.lower() not in STORE_KEYS]
    rows = []
    for feature in layer.getFeatures():
        geometry = feature.geometry()
        wkt = None if geometry.isNull() else geometry.asWkt(3)
        rows.append((*(_value(feature[n]) for n in names), wkt))
    return names, sorted(rows, key=repr)


def _assert_same(pg: QgsVectorLayer, gpkg: QgsVectorLayer) -> int:
    pg_names, pg_rows = _table(pg)
    gpkg_names, gpkg_rows = _table(gpkg)
    assert pg_names == gpkg_names
    assert pg_rows == gpkg_rows
    return len(pg_rows)


def _provenance(server, table: str) -> list[str]:
    return server.sql(
        "SELECT algorithm || '|' || (provenance->>'plugin') FROM public.placelink_provenance "
        f"WHERE table_name = '{table}' ORDER BY id"
    ).splitlines()


def _codepoint(path: Path) -> Path:
    rows = [
        '"TN13 1AA",10,552100,155100,"E92000001","E19000002","E18000008","E10000016",'
        '"E07000111","E05005008"',
        '"TN131AB",10,552150,155120,"E92000001","E19000002","E18000008","E10000016",'
        '"E07000111","E05005008"',
        '"TN13 1AD",10,552200,155140,"E92000001","","","","E07000111","E05005008"',
        '"TN13 1AE",90,0,0,"E92000001","","","","E07000111","E05005008"',  # no position
        '"TN13 1AA",10,552100,155100,"E92000001","","","","E07000111","E05005008"',  # again
        '"NOT A PC",10,552100,155100,"E92000001","","","","E07000111","E05005008"',
        '"TN13 1AF",10,-5,52,"E92000001","","","","E07000111","E05005008"',  # degrees
        '"TN13 1AG"',  # truncated
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_loadpostcodes_into_postgis_equals_geopackage(run_alg, postgis_server, tmp_path) -> None:
    supply = _codepoint(tmp_path / "tn.csv")
    to_gpkg = run_alg(
        "placelink:loadpostcodes",
        {"INPUT": [str(supply)], "OUTPUT": str(tmp_path / "postcodes.gpkg"),
         "REJECTED": str(tmp_path / "postcodes_rejected.gpkg")},
    )  # fmt: skip
    to_pg = run_alg(
        "placelink:loadpostcodes",
        {"INPUT": [str(supply)], "OUTPUT": _pg(postgis_server, "eq_postcodes"),
         "REJECTED": _pg(postgis_server, "eq_postcodes_rejected", None)},
    )  # fmt: skip
    counts = {k: v for k, v in to_pg.items() if isinstance(v, int)}
    assert counts == {k: v for k, v in to_gpkg.items() if isinstance(v, int)}
    loaded = _assert_same(
        _pg_layer(postgis_server, "eq_postcodes"), _gpkg_layer(tmp_path / "postcodes.gpkg")
    )
    rejected = _assert_same(
        _pg_layer(postgis_server, "eq_postcodes_rejected", None),
        _gpkg_layer(tmp_path / "postcodes_rejected.gpkg"),
    )
    assert (loaded, rejected) == (3, 5)  # every row read is accounted for
    for table in ("eq_postcodes", "eq_postcodes_rejected"):
        assert _provenance(postgis_server, table)[-1].startswith("placelink:loadpostcodes|")


def _copy(run_alg, layer: QgsVectorLayer, destination: str) -> str:
    """The layer written to *destination* by QGIS itself (native, not PlaceLink)."""
    return run_alg(
        "native:extractbyexpression",
        {"INPUT": layer, "EXPRESSION": "TRUE", "OUTPUT": destination},
    )["OUTPUT"]


def test_facilitydistances_reads_and_writes_postgis_as_geopackage(
    run_alg,
    postgis_server,
    tmp_path,
) -> None:
    names = ("network", "schools", "gates", "addresses")
    inputs: dict[str, dict[str, object]] = {"pg": {}, "gpkg": {}}
    for name, layer in zip(names, _town()):
        _copy(run_alg, layer, _pg(postgis_server, f"eq_fd_{name}"))
        inputs["pg"][name] = _pg_layer(postgis_server, f"eq_fd_{name}")
        inputs["gpkg"][name] = _copy(run_alg, layer, str(tmp_path / f"{name}.gpkg"))
    outputs = {
        "pg": (_pg(postgis_server, "eq_fd_distances"), _pg(postgis_server, "eq_fd_routes")),
        "gpkg": (str(tmp_path / "distances.gpkg"), str(tmp_path / "routes.gpkg")),
    }
    results = {}
    for store in ("pg", "gpkg"):
        given = inputs[store]
        results[store] = run_alg(
            "placelink:facilitydistances",
            {"ADDRESSES": given["addresses"], "FACILITIES": given["schools"],
             "NAME_FIELD": "name", "PHASE_FIELD": "type", "PHASE": "primary school",
             "NETWORK": given["network"], "ACCESS_POINTS": given["gates"],
             "ACCESS_NAME_FIELD": "school", "NEAREST": 3, "LIMITS": "3218.69,4828.03",
             "OUTPUT": outputs[store][0], "ROUTES": outputs[store][1]},
        )  # fmt: skip
    counts = {k: v for k, v in results["pg"].items() if isinstance(v, int)}
    assert counts and counts == {k: v for k, v in results["gpkg"].items() if isinstance(v, int)}
    rows = _assert_same(
        _pg_layer(postgis_server, "eq_fd_distances"), _gpkg_layer(tmp_path / "distances.gpkg")
    )
    routes = _assert_same(
        _pg_layer(postgis_server, "eq_fd_routes"), _gpkg_layer(tmp_path / "routes.gpkg")
    )
    assert rows >= 5 and routes > 0
    for table in ("eq_fd_distances", "eq_fd_routes"):
        assert _provenance(postgis_server, table)[-1].startswith("placelink:facilitydistances|")
    # the run read the PostGIS tables: their fingerprints are in the provenance
    document = postgis_server.sql(
        "SELECT provenance::text FROM public.placelink_provenance "
        "WHERE table_name = 'eq_fd_distances' ORDER BY id DESC LIMIT 1"
    )
    assert "eq_fd_network" in document and "eq_fd_addresses" in document


def test_applyupdates_on_postgis_equals_geopackage(run_alg, postgis_server, tmp_path) -> None:
    gpkg = tmp_path / "addresses.gpkg"
    for output in (str(gpkg), _pg(postgis_server, "eq_cou_target")):
        run_alg(
            "placelink:loadaddresses",
            {"INPUT": [str(FULL)], "FORMAT": 0, "OUTPUT": output, "REJECTED": "TEMPORARY_OUTPUT"},
        )
    pg_target = _pg_layer(postgis_server, "eq_cou_target")
    gpkg_target = _gpkg_layer(gpkg)
    results = {}
    for store, target, rejected in (
        ("pg", pg_target, _pg(postgis_server, "eq_cou_rejected", None)),
        ("gpkg", gpkg_target, str(tmp_path / "cou_rejected.gpkg")),
    ):
        # the COU file twice: the second time its changes meet what the first made
        first = run_alg(
            "placelink:applyupdates",
            {"INPUT": [str(COU)], "FORMAT": 0, "TARGET": target, "REJECTED": "TEMPORARY_OUTPUT"},
        )
        assert (first["INSERTED"], first["UPDATED"], first["DELETED"]) == (1, 1, 1)
        results[store] = run_alg(
            "placelink:applyupdates",
            {"INPUT": [str(COU)], "FORMAT": 0, "TARGET": target, "REJECTED": rejected},
        )
    keep = ("INSERTED", "UPDATED", "DELETED", "REJECTED_COUNT")
    assert {k: results["pg"][k] for k in keep} == {k: results["gpkg"][k] for k in keep}
    assert results["pg"]["REJECTED_COUNT"] >= 2  # the insert again, the delete again
    pg_target.reload()
    changed = _assert_same(pg_target, _gpkg_layer(gpkg))
    dataset = ogr.Open(str(gpkg))
    assert changed == dataset.GetLayerByName("addresses").GetFeatureCount()
    assert _assert_same(
        _pg_layer(postgis_server, "eq_cou_rejected", None),
        _gpkg_layer(tmp_path / "cou_rejected.gpkg"),
    ) == int(results["pg"]["REJECTED_COUNT"])
    assert _provenance(postgis_server, "eq_cou_rejected")[-1].startswith("placelink:applyupdates|")
    log = postgis_server.sql(
        "SELECT file || '|' || inserted || '|' || updated || '|' || deleted || '|' || rejected "
        "FROM placelink_update_log WHERE target LIKE '%eq_cou_target%' ORDER BY applied_at"
    )
    second = f"dtf73_cou.csv|0|{results['pg']['UPDATED']}|0|{results['pg']['REJECTED_COUNT']}"
    assert log.splitlines() == ["dtf73_cou.csv|1|1|1|0", second]
    # the log is shared by the session's tests: leave public as other tests expect it
    postgis_server.sql("DROP TABLE IF EXISTS public.placelink_update_log")


STREETS = Path(__file__).resolve().parents[1] / "fixtures" / "streets"


def test_loadstreets_into_postgis_equals_geopackage(run_alg, postgis_server, tmp_path) -> None:
    """DTF 8.1 with change-only updates (written to PostGIS with COPY) and OS Open USRN."""
    inputs = [str(STREETS / n) for n in ("dtf81_full.csv", "dtf81_cou_1.csv", "dtf81_cou_2.csv")]
    results = {}
    for store, output, rejected in (
        ("pg", _pg(postgis_server, "eq_streets"), _pg(postgis_server, "eq_streets_rej", None)),
        ("gpkg", str(tmp_path / "streets.gpkg"), str(tmp_path / "streets_rej.gpkg")),
    ):
        results[store] = run_alg(
            "placelink:loadstreets",
            {"INPUT": inputs, "FORMAT": 1, "OUTPUT": output, "REJECTED": rejected},
        )
    keep = ("ROWS_READ", "LOADED", "REJECTED_COUNT", "FEATURES")
    assert {k: results["pg"][k] for k in keep} == {k: results["gpkg"][k] for k in keep}
    streets = _assert_same(
        _pg_layer(postgis_server, "eq_streets"), _gpkg_layer(tmp_path / "streets.gpkg")
    )
    assert streets == results["pg"]["FEATURES"] > 0
    rejected = _assert_same(
        _pg_layer(postgis_server, "eq_streets_rej", None),
        _gpkg_layer(tmp_path / "streets_rej.gpkg"),
    )
    assert rejected == results["pg"]["REJECTED_COUNT"] > 0
    assert postgis_server.sql(
        "SELECT GeometryType(geom) || ' ' || ST_SRID(geom) FROM public.eq_streets LIMIT 1"
    ) == ("MULTILINESTRING 27700")
    indexes = postgis_server.sql(
        "SELECT string_agg(indexdef, E'\\n') FROM pg_indexes WHERE tablename = 'eq_streets'"
    )
    assert "gist" in indexes and "(usrn)" in indexes  # indexed, then analysed
    assert _provenance(postgis_server, "eq_streets")[-1].startswith("placelink:loadstreets|")
