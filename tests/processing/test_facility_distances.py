"""placelink:facilitydistances through processing.run on small memory layers."""

from __future__ import annotations

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsProcessingException, QgsProject, QgsVectorLayer

X0, Y0 = 450_000.0, 210_000.0


def _layer(kind: str, fields: str, rows: list[tuple[str | None, list]]):
    layer = QgsVectorLayer(f"{kind}?crs=EPSG:27700{fields}", kind.lower(), "memory")
    features = []
    for wkt, attrs in rows:
        feature = QgsFeature(layer.fields())
        if wkt:
            feature.setGeometry(QgsGeometry.fromWkt(wkt))
        feature.setAttributes(attrs)
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    QgsProject.instance().addMapLayer(layer, False)
    return layer


def _pt(x: float, y: float) -> str:
    return f"POINT({X0 + x} {Y0 + y})"


def _line(*xy: tuple[float, float]) -> str:
    return "LINESTRING(" + ",".join(f"{X0 + x} {Y0 + y}" for x, y in xy) + ")"


def _town():
    """A 6 km main street (one-way), a motorway short cut, a lane marked unsuitable, an
    island estate; two primaries (one with two gates) and a secondary."""
    network = _layer(
        "LineString",
        "&field=class:string&field=oneway:string&field=unsuitable:string",
        [
            (_line((0, 0), (6000, 0)), ["B Road", "yes", "no"]),
            (_line((0, 0), (0, -50), (6000, -50), (6000, 0)), ["Motorway", "no", "no"]),
            (_line((3000, 0), (3000, 500)), ["Local Road", "no", "yes"]),  # unsuitable
            (_line((9000, 0), (9100, 0)), ["Local Road", "no", "no"]),  # island
        ],
    )
    schools = _layer(
        "Point",
        "&field=name:string&field=type:string",
        [
            (_pt(0, 30), ["St Mary's", "primary school"]),
            (_pt(6000, 30), ["Oak Primary", "primary school"]),
            (_pt(3000, 30), ["High School", "secondary school"]),
        ],
    )
    gates = _layer(
        "Point",
        "&field=school:string",
        [(_pt(100, 5), ["St Mary's"]), (_pt(200, 5), ["St Mary's"])],
    )
    addresses = _layer(
        "Point",
        "&field=uprn:long",
        [
            (_pt(5500, -5), [1]),  # 500 m to Oak, 5300 m to St Mary's nearer gate
            (_pt(1000, 5), [2]),  # 800 m to St Mary's second gate
            (_pt(9050, 5), [3]),  # island
            (_pt(3000, 480), [4]),  # beside the unsuitable lane: joins the main street
            (_pt(3000, -45), [5]),  # beside the motorway: joins the main street
        ],
    )
    return network, schools, gates, addresses


def _run(run_alg, feedback=None, **overrides):
    network, schools, gates, addresses = _town()
    params = {
        "ADDRESSES": addresses,
        "FACILITIES": schools,
        "NAME_FIELD": "name",
        "PHASE_FIELD": "type",
        "PHASE": "primary school",
        "NETWORK": network,
        "ACCESS_POINTS": gates,
        "ACCESS_NAME_FIELD": "school",
        "NEAREST": 3,
        "LIMITS": "3218.69,4828.03",
        "OUTPUT": "TEMPORARY_OUTPUT",
        "ROUTES": "TEMPORARY_OUTPUT",
    }
    params.update(overrides)
    if feedback is not None:
        return run_alg("placelink:facilitydistances", params, feedback=feedback)
    return run_alg("placelink:facilitydistances", params)


def _rows(layer):
    out: dict = {}
    for f in layer.getFeatures():
        out.setdefault(f["uprn"], []).append(f)
    return {k: sorted(v, key=lambda f: f["rank"] or 0) for k, v in out.items()}


def _null(value: object) -> bool:
    return value is None or (hasattr(value, "isNull") and value.isNull())


def test_nearest_primaries_with_gates_walking_rules_and_limits(run_alg) -> None:
    result = _run(run_alg)
    rows = _rows(result["OUTPUT"])
    assert sorted(rows) == [1, 2, 3, 4, 5]  # every address has a row
    one = rows[1]
    assert [f["facility_name"] for f in one] == ["Oak Primary", "St Mary's"]  # phase filter
    assert one[0]["network_m"] == pytest.approx(500.0)
    assert one[0]["gate"] == "facility point"
    assert one[1]["network_m"] == pytest.approx(5300.0)  # nearest gate, not the school point
    assert one[1]["gate"].startswith("gate ")
    assert one[1]["straight_m"] == pytest.approx(((5300**2) + 100) ** 0.5)
    assert one[1]["reason"].startswith("2nd nearest primary school: St Mary's, 3.3 miles")
    assert _null(one[0]["beyond_limit_m"])
    two = rows[2]
    assert two[0]["facility_name"] == "St Mary's" and two[0]["network_m"] == pytest.approx(800.0)
    assert two[0]["reason"] == (
        "nearest primary school: St Mary's, 0.5 miles (800 m) by the shortest walking route, "
        "within the 2-mile limit"
    )
    island = rows[3]
    assert len(island) == 1 and _null(island[0]["rank"])
    assert "not joined" in island[0]["reason"]
    # the unsuitable lane is left out: address 4 walks from the main street (480 m away)
    four = rows[4]
    assert [f["network_m"] for f in four] == pytest.approx([3000 - 200, 3000])
    assert _null(four[0]["beyond_limit_m"])  # 2,800 m is within 2 miles
    assert rows[5][0]["network_m"] == pytest.approx(2800.0)  # not 3,250 m by the motorway
    assert result["UNREACHED"] == 1
    routes = {f["uprn"]: f for f in result["ROUTES"].getFeatures()}
    assert sorted(routes) == [1, 2, 4, 5]
    assert routes[2].geometry().length() == pytest.approx(800 + 5 + 5)


def test_beyond_limit_and_reason_over_the_limit(run_alg) -> None:
    result = _run(run_alg, LIMITS="300,600")
    rows = _rows(result["OUTPUT"])
    assert rows[2][0]["beyond_limit_m"] == pytest.approx(600.0)
    assert rows[2][1]["beyond_limit_m"] == pytest.approx(600.0)  # every row of the address
    assert rows[2][0]["reason"].endswith("over the 600 m limit")
    assert rows[1][0]["beyond_limit_m"] == pytest.approx(300.0)  # 500 m: over 300, not 600


def test_bad_limits_and_missing_gate_field_are_refused(run_alg) -> None:
    with pytest.raises(QgsProcessingException, match="not a number"):
        _run(run_alg, LIMITS="two miles")
    with pytest.raises(QgsProcessingException, match="ACCESS_NAME_FIELD"):
        _run(run_alg, ACCESS_NAME_FIELD=None)
    with pytest.raises(QgsProcessingException, match="PHASE_FIELD"):
        _run(run_alg, PHASE_FIELD=None)
    with pytest.raises(QgsProcessingException, match="No facility matches"):
        _run(run_alg, PHASE="nursery")


def test_geopackage_output_is_styled_by_eligibility_and_has_provenance(run_alg, tmp_path) -> None:
    out = str(tmp_path / "distances.gpkg")
    result = _run(run_alg, OUTPUT=out, ROUTES=None, TIE_BREAK=1, SEED=42)
    layer = QgsVectorLayer(result["OUTPUT"], "distances", "ogr")
    assert layer.isValid() and layer.featureCount() == 9
    renderer = layer.renderer()
    assert renderer.type() == "RuleRenderer"
    labels = [rule.label() for rule in renderer.rootRule().children()]
    assert labels == [
        "within every limit",
        "beyond the 2-mile limit",
        "beyond the 3-mile limit",
        "no walking route",
    ]
    history = "".join(layer.metadata().history())
    assert "placelink:facilitydistances" in history and '"SEED": 42' in history


def test_cancel_during_the_searches_stops_the_run(run_alg, tmp_path) -> None:
    from qgis.core import QgsProcessingFeedback

    class CancelOnSearch(QgsProcessingFeedback):
        def setProgress(self, progress: float) -> None:
            super().setProgress(progress)
            if progress > 20:  # the first school's search is done
                self.cancel()

    feedback = CancelOnSearch()
    network, schools, gates, addresses = _town()
    out = tmp_path / "cancelled.gpkg"
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_alg(
            "placelink:facilitydistances",
            {
                "ADDRESSES": addresses,
                "FACILITIES": schools,
                "NAME_FIELD": "name",
                "NETWORK": network,
                "OUTPUT": str(out),
            },
            feedback=feedback,
        )
    assert not out.exists()  # nothing was written


def _table_rows(layer) -> dict:
    out: dict = {}
    for f in layer.getFeatures():
        out.setdefault(f["uprn"], []).append(
            (
                None if _null(f["rank"]) else f["rank"],
                f["facility_name"],
                None if _null(f["network_m"]) else f["network_m"],
                f["straight_m"],
                None if _null(f["gate"]) else f["gate"],
            )
        )
    return out


def test_all_distances_every_address_to_every_facility(run_alg, tmp_path) -> None:
    """The full table in batches to a GeoPackage, and the same rows through the sink."""
    import sqlite3

    from qgis.core import QgsProcessingFeedback

    class Log(QgsProcessingFeedback):
        lines: list = []

        def pushInfo(self, info: str) -> None:
            self.lines.append(info)
            super().pushInfo(info)

    out = tmp_path / "all_distances.gpkg"
    log = Log()
    result = _run(run_alg, log, ALL_DISTANCES=str(out), ROUTES=None)
    assert result["ALL_DISTANCES"] == str(out)
    assert any("= 10 rows, written to" in line and "in batches" in line for line in log.lines)
    assert not list(tmp_path.glob("*partial*"))
    layer = QgsVectorLayer(str(out), "all", "ogr")
    assert layer.isValid() and layer.featureCount() == 5 * 2  # 5 addresses × 2 primaries
    assert [f.name() for f in layer.fields()][1:] == [
        "uprn", "rank", "facility_name", "network_m", "straight_m", "gate"
    ]  # fmt: skip
    table = _table_rows(layer)
    ranked = _rows(result["OUTPUT"])
    for uprn, rows in table.items():  # nearest first; ranks 1..k are OUTPUT's rows
        reached = [r for r in rows if r[0] is not None]
        assert [r[0] for r in reached] == list(range(1, len(reached) + 1))
        assert rows[: len(reached)] == reached
        near = [(f["rank"], f["facility_name"], f["network_m"]) for f in ranked[uprn]]
        assert [r[:3] for r in reached] == [n for n in near if not _null(n[0])]
    assert [r[:2] for r in table[1]] == [(1, "Oak Primary"), (2, "St Mary's")]
    assert table[1][1][2] == pytest.approx(5300.0) and table[1][1][4].startswith("gate ")
    assert table[1][1][3] == pytest.approx(((5300**2) + 100) ** 0.5, abs=0.01)
    island = table[3]  # no walking route: no rank, no distance, still its straight line
    assert [(r[0], r[2], r[4]) for r in island] == [(None, None, None)] * 2
    assert all(r[3] > 2000 for r in island)
    history = "".join(layer.metadata().history())
    assert "placelink:facilitydistances" in history  # provenance stamped on the table
    with sqlite3.connect(out) as db:  # GeoPackage 1.2: QGIS 3.22's GDAL reads it fully
        assert db.execute("PRAGMA user_version").fetchone()[0] == 10200

    through_sink = _run(run_alg, ALL_DISTANCES="TEMPORARY_OUTPUT", ROUTES=None)
    assert _table_rows(through_sink["ALL_DISTANCES"]) == table


def test_all_distances_to_csv_is_spreadsheet_safe(run_alg, tmp_path) -> None:
    import csv

    network, schools, gates, addresses = _town()
    schools.dataProvider().changeAttributeValues({1: {0: "=HYPERLINK(1)"}})  # a hostile name
    gates.dataProvider().changeAttributeValues({1: {0: "=HYPERLINK(1)"}, 2: {0: "=HYPERLINK(1)"}})
    out = tmp_path / "all.csv"
    run_alg(
        "placelink:facilitydistances",
        {
            "ADDRESSES": addresses,
            "FACILITIES": schools,
            "NAME_FIELD": "name",
            "NETWORK": network,
            "OUTPUT": "TEMPORARY_OUTPUT",
            "ALL_DISTANCES": str(out),
        },
    )
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5 * 3  # every school this time (no phase)
    names = {r["facility_name"] for r in rows}
    assert "=HYPERLINK(1)" not in names and any("HYPERLINK" in n for n in names)
    assert {r["rank"] for r in rows if r["uprn"] == "3"} == {""}  # the island: no route


def test_cancel_while_writing_all_distances_keeps_the_old_file(
    run_alg, tmp_path, monkeypatch
) -> None:
    from placelink.processing import facility_distances
    from qgis.core import QgsProcessingFeedback

    monkeypatch.setattr(facility_distances, "TABLE_BATCH_ROWS", 2)  # five batches of rows

    class CancelWhileWriting(QgsProcessingFeedback):
        def setProgress(self, progress: float) -> None:
            super().setProgress(progress)
            if progress > 75:  # the first batch of the table is written
                self.cancel()

    out = tmp_path / "all_distances.gpkg"
    out.write_bytes(b"last year's table")
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        _run(run_alg, ALL_DISTANCES=str(out), ROUTES=None, feedback=CancelWhileWriting())
    assert out.read_bytes() == b"last year's table"  # untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["all_distances.gpkg"]


@pytest.mark.parametrize("shared_gdal", [False, True])
def test_geopackage_output_in_batches_equals_the_sink(
    run_alg, tmp_path, monkeypatch, shared_gdal
) -> None:
    """OUTPUT to a GeoPackage (written in column batches: with pyogrio, or as CSV turned
    into a GeoPackage by QGIS's GDAL where pyogrio cannot run) holds exactly the rows,
    points and reasons the feature sink writes: unreached and point-less addresses too."""
    from placelink.processing import table_writer

    monkeypatch.setattr(table_writer, "gdal_shared_with_the_process", lambda: shared_gdal)
    network, schools, gates, addresses = _town()
    no_point = QgsFeature(addresses.fields())
    no_point.setAttributes([6])
    assert addresses.dataProvider().addFeatures([no_point])
    params = {
        "ADDRESSES": addresses,
        "FACILITIES": schools,
        "NAME_FIELD": "name",
        "NETWORK": network,
        "ACCESS_POINTS": gates,
        "ACCESS_NAME_FIELD": "school",
        "NEAREST": 2,
        "LIMITS": "3218.69",
    }

    def rows(layer) -> list:
        out = []
        for f in layer.getFeatures():
            values = [None if _null(v) else v for v in f.attributes()]
            geometry = f.geometry()
            point = None if geometry.isNull() or geometry.isEmpty() else geometry.asWkt(2)
            out.append((*values[-8:], point))
        return out

    from qgis.core import QgsProcessingFeedback

    class Log(QgsProcessingFeedback):
        lines: list = []

        def pushInfo(self, info: str) -> None:
            self.lines.append(info)
            super().pushInfo(info)

    out = tmp_path / "nearest.gpkg"
    log = Log()
    batched = run_alg("placelink:facilitydistances", {**params, "OUTPUT": str(out)}, feedback=log)
    how = "CSV then GDAL" if shared_gdal else "pyogrio"
    assert any(line.endswith(f"rows written in batches (GPKG, {how}).") for line in log.lines)
    sink = run_alg("placelink:facilitydistances", {**params, "OUTPUT": "TEMPORARY_OUTPUT"})
    layer = QgsVectorLayer(batched["OUTPUT"], "nearest", "ogr")
    assert layer.isValid() and layer.crs().authid() == "EPSG:27700"
    assert rows(layer) == rows(sink["OUTPUT"])
    by_uprn = {r[0]: r for r in rows(layer)}
    assert by_uprn[6][1] is None and "coordinates" in by_uprn[6][7] and by_uprn[6][8] is None
    assert by_uprn[3][1] is None and "not joined" in by_uprn[3][7]
    assert layer.renderer().type() == "RuleRenderer"  # styled as eligibility
    assert batched["UNREACHED"] == sink["UNREACHED"] == 2


@pytest.mark.parametrize("suffix", [".gpkg", ".csv"])
def test_all_distances_through_csv_where_pyogrio_cannot_run(
    run_alg, tmp_path, monkeypatch, suffix
) -> None:
    """Where QGIS's GDAL is global (QGIS and qgis_process on Linux) pyogrio is never loaded:
    pyarrow writes a CSV file and QGIS's own GDAL makes the GeoPackage or SQLite of it.
    The rows equal the sink's."""
    from placelink.processing import facility_distances, table_writer

    monkeypatch.setattr(table_writer, "gdal_shared_with_the_process", lambda: True)
    monkeypatch.setattr(facility_distances, "TABLE_BATCH_ROWS", 4)  # several batches
    out = tmp_path / f"all_distances{suffix}"
    result = _run(run_alg, ALL_DISTANCES=str(out), ROUTES=None)
    assert result["ALL_DISTANCES"] == str(out)
    left = sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".qmd")  # provenance
    assert left == [out.name]  # no temporary file left
    layer = QgsVectorLayer(str(out), "all", "ogr")
    assert layer.isValid() and layer.featureCount() == 10
    sink = _run(run_alg, ALL_DISTANCES="TEMPORARY_OUTPUT", ROUTES=None)
    got, want = _table_rows(layer), _table_rows(sink["ALL_DISTANCES"])
    if suffix == ".csv":  # a CSV holds text: compare as the sink's values read back
        got = {
            int(u): [tuple(None if v in ("", None) else v for v in r) for r in rows]
            for u, rows in got.items()
        }
        want = {
            u: [tuple(None if v is None else str(v) for v in r) for r in rows]
            for u, rows in want.items()
        }
        assert {u: [r[:2] + r[4:] for r in rows] for u, rows in got.items()} == {
            u: [r[:2] + r[4:] for r in rows] for u, rows in want.items()
        }
        return
    assert got == want
