"""placelink:matchaddresses through processing.run: every row out, hard discriminators, reasons."""

from __future__ import annotations

import pytest
from qgis.core import QgsFeature, QgsFeatureRequest, QgsProject, QgsVectorLayer

pytest.importorskip("rapidfuzz")

GAZETTEER = [
    # uprn, sao_text, pao number, pao suffix, pao_text, street, postcode, classification, parent
    (100000000010, None, 10, None, None, "HIGH STREET", "AB1 2CD", "RD04", None),
    (100000000011, None, 10, "A", None, "HIGH STREET", "AB1 2CD", "RD04", None),
    (100000000012, None, 12, None, None, "HIGH STREET", "AB1 2CD", "RD04", None),
    (100000000020, None, 20, None, None, "HIGH STREET", "AB1 2CE", "PP", None),
    (100000000021, "FLAT 1", 20, None, None, "HIGH STREET", "AB1 2CE", "RD06", 100000000020),
    (100000000022, "FLAT 2", 20, None, None, "HIGH STREET", "AB1 2CE", "RD06", 100000000020),
    (100000000030, None, None, None, "ROSE COTTAGE", "MILL LANE", "AB1 3EF", "RD02", None),
]


def _gazetteer() -> QgsVectorLayer:
    from placelink.core import schema
    from placelink.core.address_text import format_address
    from placelink.qgis_support.fields import FeatureFactory

    factory = FeatureFactory(schema.ADDRESS_FIELDS)
    layer = QgsVectorLayer("Point?crs=EPSG:27700", "gazetteer", "memory")
    layer.dataProvider().addAttributes(factory.fields.toList())
    layer.updateFields()
    features = []
    for i, (uprn, sao, num, suffix, pao_text, street, pc, cls, parent) in enumerate(GAZETTEER):
        record = schema.empty_address(
            uprn=uprn, sao_text=sao, pao_start_number=num, pao_start_suffix=suffix,
            pao_text=pao_text, street_description=street, town="EXAMPLETON", postcode=pc,
            classification=cls, parent_uprn=parent, logical_status=1, x=450000 + i * 10, y=210000,
        )  # fmt: skip
        record["address"] = format_address(record)
        feature = factory.point(record)
        feature.setFields(layer.fields(), False)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    QgsProject.instance().addMapLayer(layer, False)
    return layer


def _records(rows: list[tuple[str, str, str]]) -> QgsVectorLayer:
    layer = QgsVectorLayer(
        "None?field=ref:string&field=addr:string&field=pc:string", "records", "memory"
    )
    features = []
    for row in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes(list(row))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    QgsProject.instance().addMapLayer(layer, False)
    return layer


def test_every_record_comes_out_with_a_decision(run_alg) -> None:
    records = _records(
        [
            ("r1", "10 High St, Exampleton", "AB1 2CD"),
            ("r2", "10a high street", "AB12CD"),
            ("r3", "Flat 2, 20 High Street, Exampleton", ""),
            ("r4", "20 High Street", "AB1 2CE"),  # names no flat in a converted building
            ("r5", "Rose Cottage, Mill Lane", "AB1 3EF"),
            ("r6", "99 Nowhere Road, Faraway", "ZZ9 9ZZ"),
            ("r7", "", ""),
        ]
    )
    result = run_alg(
        "placelink:matchaddresses",
        {
            "INPUT": records,
            "ADDRESS_FIELDS": ["addr"],
            "POSTCODE_FIELD": "pc",
            "GAZETTEER": _gazetteer(),
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    out = result["OUTPUT"]
    rows = {f["ref"]: f for f in out.getFeatures()}
    assert len(rows) == 7  # none dropped
    assert (rows["r1"]["uprn"], rows["r1"]["match_status"]) == (100000000010, "matched")
    assert (rows["r2"]["uprn"], rows["r2"]["match_status"]) == (100000000011, "matched")
    assert (rows["r3"]["uprn"], rows["r3"]["match_status"]) == (100000000022, "matched")
    assert rows["r4"]["match_status"] == "ambiguous"  # flat 1 or flat 2, not the shell
    assert rows["r4"]["uprn"] != 100000000020
    assert (rows["r5"]["uprn"], rows["r5"]["match_status"]) == (100000000030, "matched")
    assert rows["r6"]["match_status"] == "unmatched" and rows["r7"]["match_status"] == "unmatched"
    assert rows["r1"]["match_reason"] and rows["r1"]["matched_address"].startswith("10 HIGH STREET")
    assert not rows["r1"].geometry().isEmpty() and rows["r6"].geometry().isEmpty()
    assert result["MATCHED"] + result["AMBIGUOUS"] + result["UNMATCHED"] == 7


def test_output_fields_are_the_result_contract(run_alg) -> None:
    """The algorithm adds core's OUTPUT_FIELDS (names, types, order), renaming a field the
    input already has to match_<name>; the batch command's names come from the same rule."""
    from placelink.batch.io import result_names
    from placelink.core import schema
    from placelink.core.matching.results import OUTPUT_FIELDS, RESULT_FIELDS

    records = QgsVectorLayer(
        "None?field=ref:string&field=addr:string&field=uprn:string", "records", "memory"
    )
    row = QgsFeature(records.fields())
    row.setAttributes(["r1", "10 High St, AB1 2CD", "legacy-17"])
    records.dataProvider().addFeatures([row])
    out = run_alg(
        "placelink:matchaddresses",
        {"INPUT": records, "ADDRESS_FIELDS": ["addr"], "GAZETTEER": _gazetteer(),
         "OUTPUT": "TEMPORARY_OUTPUT"},
    )["OUTPUT"]  # fmt: skip
    added = [out.fields().at(i) for i in range(3, out.fields().count())]
    assert [f.name() for f in added] == ["match_uprn", *(f.name for f in OUTPUT_FIELDS[1:])]
    kinds = {schema.INT: (True, False), schema.REAL: (True, True), schema.TEXT: (False, False)}
    assert [(f.isNumeric(), f.typeName().lower() in ("double", "real")) for f in added] == [
        kinds[f.kind] for f in OUTPUT_FIELDS
    ]
    assert [f.length() for f in added if not f.isNumeric()] == [
        f.length for f in OUTPUT_FIELDS if f.kind == schema.TEXT
    ]
    feature = next(out.getFeatures())
    assert feature["uprn"] == "legacy-17" and feature["match_uprn"] == 100000000010
    assert result_names(["ref", "addr", "uprn"]) == [f.name() for f in added[: len(RESULT_FIELDS)]]


def test_parameter_defaults_are_the_matchers_own() -> None:
    from placelink.core.matching.matcher import Thresholds
    from placelink.processing import match_addresses

    assert match_addresses.DEFAULT_MIN_SCORE == Thresholds().min_score
    assert match_addresses.DEFAULT_MIN_MARGIN == Thresholds().min_margin


def _to_geopackage(layer: QgsVectorLayer, path) -> str:
    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter

    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    error = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, str(path), QgsCoordinateTransformContext(), options
    )
    assert error[0] == QgsVectorFileWriter.NoError, error
    return str(path)


def test_gazetteer_file_is_keyed_by_its_bytes(run_alg, tmp_path, monkeypatch) -> None:
    """A second run on the same file reuses its index without reading it; an edited file
    is read and indexed again; the results are those of a run from the features."""
    from placelink.qgis_support import gazetteer as gaz

    path = _to_geopackage(_gazetteer(), tmp_path / "gazetteer.gpkg")
    rows = [("r1", "14 High Street", "AB1 2CD"), ("r2", "Flat 2, 20 High Street", "AB1 2CE"),
            ("r3", "12 High Street", "AB1 2CD")]  # fmt: skip

    def run(gazetteer: object) -> list[tuple]:
        out = run_alg(
            "placelink:matchaddresses",
            {"INPUT": _records(rows), "ADDRESS_FIELDS": ["addr"], "POSTCODE_FIELD": "pc",
             "GAZETTEER": gazetteer, "OUTPUT": "TEMPORARY_OUTPUT"},
        )["OUTPUT"]  # fmt: skip
        return sorted((f["ref"], f["uprn"], f["match_status"], f["match_score"],
                       f["match_reason"]) for f in out.getFeatures())  # fmt: skip

    before = set(gaz.cache_dir().glob("file-*.json"))
    from_features = run(_gazetteer())  # a memory layer: no file key
    assert set(gaz.cache_dir().glob("file-*.json")) == before
    first = run(path)
    aliases = set(gaz.cache_dir().glob("file-*.json")) - before
    assert len(aliases) == 1
    assert first == from_features
    gaz._FILE_KEYS.clear()
    gaz._MATCHERS.clear()  # a new session: only the disk cache is left
    from placelink.processing import match_addresses

    calls = []
    for reader in ("read_records", "read_records_ogr"):
        original = getattr(match_addresses, reader)
        monkeypatch.setattr(
            match_addresses,
            reader,
            lambda *a, _o=original, _n=reader, **k: calls.append(_n) or _o(*a, **k),
        )
    assert run(path) == first
    assert calls == []  # the cached index was used without reading the features
    assert [r[2] for r in first] == ["unmatched", "matched", "matched"]

    layer = QgsVectorLayer(path, "edit", "ogr")
    feature = next(f for f in layer.getFeatures() if f["uprn"] == 100000000012)
    with_14 = {"pao_start_number": 14, "address": "14 HIGH STREET, EXAMPLETON, AB1 2CD"}
    layer.startEditing()
    for name, value in with_14.items():
        layer.changeAttributeValue(feature.id(), layer.fields().indexOf(name), value)
    assert layer.commitChanges()
    del layer
    edited = run(path)
    assert calls == ["read_records_ogr"]  # a changed file is read again, in columns
    assert len(set(gaz.cache_dir().glob("file-*.json")) - before) == 2
    assert edited[0][1:3] == (100000000012, "matched")


@pytest.mark.parametrize("fixture", ["dtf73_full.csv", "abp_schema1.csv"])
def test_ogr_column_reader_gives_the_records_qgis_gives(run_alg, tmp_path, fixture) -> None:
    """The gazetteer read by OGR in columns equals the QGIS feature-by-feature read for every
    field matching uses (NULLs, text, numbers, points), on loader output with alternatives."""
    from pathlib import Path

    from placelink.core.matching.index import FINGERPRINT_FIELDS, fingerprint
    from placelink.qgis_support.gazetteer import read_records, read_records_ogr

    source = Path(__file__).resolve().parents[1] / "fixtures" / "addresses" / fixture
    out = str(tmp_path / "addresses.gpkg")
    run_alg(
        "placelink:loadaddresses",
        {"INPUT": [str(source)], "FORMAT": 0, "OUTPUT": out, "REJECTED": "TEMPORARY_OUTPUT"},
    )
    layer = QgsVectorLayer(out, "addresses", "ogr")
    through_qgis = read_records(layer)
    through_ogr = read_records_ogr(layer)
    assert through_ogr is not None and len(through_ogr) == len(through_qgis) > 0
    keep = set(FINGERPRINT_FIELDS)
    assert through_ogr == [{k: v for k, v in r.items() if k in keep} for r in through_qgis]
    assert fingerprint(through_ogr) == fingerprint(through_qgis)
    assert any(r.get("alternatives") for r in through_ogr) or fixture != "dtf73_full.csv"
    assert any(v is None for r in through_ogr for v in r.values())  # NULLs stay NULL
    layer.setSubsetString("uprn > 0")
    assert read_records_ogr(layer) is None  # a filtered layer is read through QGIS


def _records_file(path, kind: str) -> str:
    """The records as a CSV (text fields, empty cells) or a GeoPackage (a NULL, integer and
    real fields, its fid column), written by OGR."""
    from osgeo import ogr

    rows = [("r1", "10 High St, Exampleton", "AB1 2CD", 7, 1.5),
            ("r2", "10a high street", None, None, None),
            ("r3", "Flat 2, 20 High Street", "AB1 2CE", 3, 2.25),
            ("r4", "", "", 0, 0.0),
            ("r5", "99 Nowhere Road, Faraway", "ZZ9 9ZZ", 12, -1.0)]  # fmt: skip
    if kind == "csv":
        with open(path, "w", encoding="utf-8") as f:
            f.write("ref,addr,pc,n,x\n")
            for ref, addr, pc, n, x in rows:
                cells = [
                    ref,
                    addr,
                    pc or "",
                    "" if n is None else str(n),
                    "" if x is None else str(x),
                ]
                f.write(",".join(f'"{c}"' if "," in c else c for c in cells) + "\n")
        return str(path)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = ds.CreateLayer("records", None, ogr.wkbNone)
    for name, kind_ in (("ref", ogr.OFTString), ("addr", ogr.OFTString), ("pc", ogr.OFTString),
                        ("n", ogr.OFTInteger64), ("x", ogr.OFTReal)):  # fmt: skip
        layer.CreateField(ogr.FieldDefn(name, kind_))
    for row in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        for name, value in zip(("ref", "addr", "pc", "n", "x"), row):
            if value is not None:
                feature.SetField(name, value)
        layer.CreateFeature(feature)
    ds = None
    return str(path)


@pytest.mark.parametrize("kind", ["csv", "gpkg"])
def test_whole_file_read_in_columns_equals_the_feature_read(tmp_path, kind) -> None:
    """INPUT read by OGR in columns gives every attribute QGIS gives feature by feature
    (empty text, NULL, integers, reals, a GeoPackage's fid), in the same order; a filtered
    layer or a selection is read through QGIS."""
    from placelink.qgis_support.bulk_io import read_attributes
    from placelink.qgis_support.fields import plain_value
    from qgis.core import QgsProcessingFeatureSourceDefinition

    layer = QgsVectorLayer(_records_file(tmp_path / f"records.{kind}", kind), "records", "ogr")
    assert layer.isValid()
    names = layer.fields().names()
    through_qgis = [[plain_value(v) for v in f.attributes()] for f in layer.getFeatures()]
    columns = read_attributes(layer.source(), layer, names)
    assert columns is not None
    assert [list(row) for row in zip(*columns)] == through_qgis
    assert len(through_qgis) == 5 and (kind == "csv") == ("fid" not in names)
    assert any(v is None for row in through_qgis for v in row) == (kind == "gpkg")
    selection = QgsProcessingFeatureSourceDefinition(layer.id(), True)
    assert read_attributes(selection, layer, names) is None
    layer.setSubsetString("ref = 'r1'")
    assert read_attributes(layer.source(), layer, names) is None


@pytest.mark.parametrize("kind", ["csv", "gpkg"])
def test_geopackage_output_filled_in_one_go_equals_the_sink(
    run_alg, tmp_path, monkeypatch, kind
) -> None:
    """OUTPUT to a GeoPackage (rows inserted in one transaction) holds exactly what a
    memory layer written through the feature sink holds: every attribute, the points,
    POINT EMPTY for a record without one, the fids 1..n, the spatial index and extent. An
    input with a fid of its own (a GeoPackage: QGIS writes it as the output's fid) is
    written through QGIS, with the same rows."""
    import sqlite3

    from placelink.qgis_support import bulk_io
    from placelink.qgis_support.fields import plain_value
    from qgis.core import QgsRectangle

    filled = []
    original = bulk_io.GeoPackageFill.finish

    def finish(fill, total):
        original(fill, total)
        filled.append(True)

    monkeypatch.setattr(bulk_io.GeoPackageFill, "finish", finish)
    records = _records_file(tmp_path / f"records.{kind}", kind)
    params = {"INPUT": records, "ADDRESS_FIELDS": ["addr"], "POSTCODE_FIELD": "pc",
              "GAZETTEER": _gazetteer()}  # fmt: skip
    memory = run_alg("placelink:matchaddresses", {**params, "OUTPUT": "TEMPORARY_OUTPUT"})
    out = str(tmp_path / "matched.gpkg")
    result = run_alg("placelink:matchaddresses", {**params, "OUTPUT": out})
    assert result["OUTPUT"] == out and filled == ([True] if kind == "csv" else [])
    layer = QgsVectorLayer(out, "matched", "ogr")
    assert layer.isValid() and layer.featureCount() == 5
    names = memory["OUTPUT"].fields().names()
    assert layer.fields().names() == (["fid", *names] if kind == "csv" else names)

    def rows(source) -> list:
        return [({n: plain_value(f[n]) for n in names},
                 "" if f.geometry().isEmpty() else f.geometry().asWkt())
                for f in source.getFeatures()]  # fmt: skip

    written = rows(layer)
    assert written == rows(memory["OUTPUT"])
    assert [f.id() for f in layer.getFeatures()] == [1, 2, 3, 4, 5]
    unmatched = [i + 1 for i, (r, _p) in enumerate(written) if r["uprn"] is None]
    assert unmatched and all(written[i - 1][1] == "" for i in unmatched)
    with sqlite3.connect(out) as db:
        for fid in unmatched:
            blob = db.execute("SELECT hex(geom) FROM matched WHERE fid = ?", (fid,)).fetchone()
            assert blob[0].startswith("47500011")  # GeoPackage header flags: empty point
        points = db.execute("SELECT fid FROM matched WHERE uprn IS NOT NULL").fetchall()
        indexed = db.execute("SELECT id FROM rtree_matched_geom ORDER BY id").fetchall()
        assert indexed == points and len(points) >= 3
        assert db.execute("SELECT rtreecheck('rtree_matched_geom')").fetchone() == ("ok",)
        assert db.execute("SELECT feature_count FROM gpkg_ogr_contents").fetchone()[0] == 5
    hit = QgsFeatureRequest().setFilterRect(QgsRectangle(449999, 209999, 450001, 210001))
    assert [f["uprn"] for f in layer.getFeatures(hit)] == [100000000010]  # the index works
    extent = layer.extent()
    assert extent.xMinimum() == 450000 and extent.xMaximum() <= 450060


def _memory_and_geopackage(run_alg, tmp_path, csv_text: str) -> tuple[list, QgsVectorLayer]:
    """The rows (attributes, point) of a memory OUTPUT and the GeoPackage OUTPUT layer of
    the same match of the records *csv_text*."""
    from placelink.qgis_support.fields import plain_value

    path = tmp_path / "records.csv"
    path.write_text(csv_text, encoding="utf-8")
    params = {"INPUT": str(path), "ADDRESS_FIELDS": ["addr"], "POSTCODE_FIELD": "pc",
              "GAZETTEER": _gazetteer()}  # fmt: skip
    memory = run_alg("placelink:matchaddresses", {**params, "OUTPUT": "TEMPORARY_OUTPUT"})
    out = str(tmp_path / "matched.gpkg")
    run_alg("placelink:matchaddresses", {**params, "OUTPUT": out})
    names = memory["OUTPUT"].fields().names()
    rows = [({n: plain_value(f[n]) for n in names}, f.geometry().asWkt())
            for f in memory["OUTPUT"].getFeatures()]  # fmt: skip
    return rows, QgsVectorLayer(out, "matched", "ogr")


def _rows_of(layer, like: list) -> list:
    from placelink.qgis_support.fields import plain_value

    names = list(like[0][0]) if like else []
    return [({n: plain_value(f[n]) for n in names}, f.geometry().asWkt())
            for f in layer.getFeatures()]  # fmt: skip


#: 400 records: one exact, the others scored (mostly unmatched: no point).
_RECORDS_400 = 'ref,addr,pc\nr0,"Rose Cottage, Mill Lane, Exampleton",ab13ef\n' + "".join(
    f'r{k},"{k} Hgh Stret, Exampleton",AB1 2CD\n' for k in range(1, 400)
)


def _points_as_in_memory(rows: list) -> list:
    """A GeoPackage layer's rows with a row without a point as a memory layer has it (QGIS
    writes POINT EMPTY into a GeoPackage, no geometry into memory)."""
    return [(values, "" if point == "Point EMPTY" else point) for values, point in rows]


@pytest.fixture
def added(monkeypatch) -> list[list[int]]:
    """The positions of each ``GeoPackageFill.add`` call, in order."""
    from placelink.qgis_support import bulk_io

    calls: list[list[int]] = []
    original = bulk_io.GeoPackageFill.add

    def add(fill, positions, rows, points):
        calls.append(list(positions))
        original(fill, positions, rows, points)

    monkeypatch.setattr(bulk_io.GeoPackageFill, "add", add)
    return calls


def test_a_geopackage_output_is_filled_with_the_answers_as_they_come(
    run_alg, tmp_path, added
) -> None:
    """A GeoPackage OUTPUT is filled in one transaction with each chunk's answers (every
    row at its own fid): the layer is the one a memory layer gets, row for row."""
    from placelink.core.matching.exact import EXACT_NOTE

    memory, layer = _memory_and_geopackage(
        run_alg,
        tmp_path,
        "ref,addr,pc\n"
        'r1,"10 Hgh Stret, Exampleton",AB1 2CD\n'
        'r2,"10 High Street, Exampleton",AB1 2CD\n'
        'r3,"12 high st",AB1 2CD\n'
        'r4,"Rose Cottage, Mill Lane, Exampleton",ab13ef\n'
        'r5,"Flat 2, 20 High Street, Exampleton",AB1 2CE\n',
    )
    assert added == [[0, 1, 2, 3, 4]]  # one chunk in one process
    assert _rows_of(layer, memory) == memory
    assert [f.id() for f in layer.getFeatures()] == [1, 2, 3, 4, 5]
    # r4 is exactly ROSE COTTAGE's text and postcode (AB1 2CD and AB1 2CE, invalid
    # postcodes, are never exact)
    reasons = [f["match_reason"] for f in layer.getFeatures()]
    assert [r == EXACT_NOTE for r in reasons] == [False, False, False, True, False]
    assert [f["uprn"] for f in layer.getFeatures()][1:] == [
        100000000010, 100000000012, 100000000030, 100000000022
    ]  # fmt: skip


def test_forked_workers_answers_are_written_chunk_by_chunk(
    run_alg, tmp_path, added, monkeypatch
) -> None:
    """With a forked worker (as in qgis_process), the answers are written chunk by chunk
    as each process finds them, every row once at its own fid."""
    from placelink.processing import match_addresses

    monkeypatch.setattr(match_addresses, "_workers", lambda: 2)
    memory, layer = _memory_and_geopackage(run_alg, tmp_path, _RECORDS_400)
    assert len(added) == 2  # two chunks of 200, each written as it comes
    assert sorted(i for at in added for i in at) == list(range(400))
    assert _points_as_in_memory(_rows_of(layer, memory)) == memory
    assert [f.id() for f in layer.getFeatures()] == list(range(1, 401))


@pytest.mark.parametrize("fails", [1, 2])
def test_a_fill_that_fails_midway_is_rolled_back_and_written_through_qgis(
    run_alg, tmp_path, monkeypatch, fails
) -> None:
    """SQLite failing while the first or a later chunk of answers is written: the
    transaction is rolled back, the layer made again and every row written in one go,
    none lost, none twice."""
    import sqlite3

    from placelink.processing import match_addresses
    from placelink.qgis_support import bulk_io

    original = bulk_io.GeoPackageFill.add
    calls: list[int] = []

    def add(fill, positions, rows, points):
        calls.append(len(calls))
        original(fill, positions, rows, points)  # written, then lost in the rollback
        if len(calls) == fails:
            raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(bulk_io.GeoPackageFill, "add", add)
    monkeypatch.setattr(match_addresses, "_workers", lambda: 2)
    memory, layer = _memory_and_geopackage(run_alg, tmp_path, _RECORDS_400)
    assert len(calls) == fails + 1  # no chunk after the failure; then every row at once
    assert _points_as_in_memory(_rows_of(layer, memory)) == memory
    assert layer.featureCount() == 400


@pytest.mark.parametrize("encoding", ["utf-8", "latin-1"])
def test_text_beyond_ascii_is_read_as_qgis_reads_it(tmp_path, encoding) -> None:
    """A CSV (a driver that does not promise UTF-8) with accented text: read in columns
    only where QGIS decodes it as UTF-8 too, else through QGIS; never other text."""
    from placelink.qgis_support.bulk_io import read_attributes
    from placelink.qgis_support.fields import plain_value

    path = tmp_path / "records.csv"
    path.write_bytes("ref,addr\nr1,Café Nero 5 Rue de Paris\nr2,10 High St\n".encode(encoding))
    for provider_encoding in ("UTF-8", "ISO-8859-1", None):
        layer = QgsVectorLayer(str(path), "records", "ogr")
        if provider_encoding:
            layer.setProviderEncoding(provider_encoding)
        through_qgis = [[plain_value(v) for v in f.attributes()] for f in layer.getFeatures()]
        columns = read_attributes(str(path), layer, layer.fields().names())
        if columns is not None:
            assert [list(row) for row in zip(*columns)] == through_qgis
        if provider_encoding == "UTF-8" and encoding == "utf-8":
            assert columns is not None and through_qgis[0][1] == "Café Nero 5 Rue de Paris"
        if provider_encoding == "ISO-8859-1":
            assert columns is None  # QGIS decodes as Latin-1: read through QGIS
