"""placelink:catchmentmap renders a real PDF/PNG with every map element."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProject, QgsVectorLayer


def _catchments(n: int = 3) -> QgsVectorLayer:
    layer = QgsVectorLayer(
        "Polygon?crs=EPSG:27700&field=facility_name:string&field=address_count:integer",
        "catchments",
        "memory",
    )
    features = []
    for i in range(n):
        feature = QgsFeature(layer.fields())
        x0 = 450000 + i * 1000
        feature.setGeometry(
            QgsGeometry.fromWkt(f"POLYGON(({x0} 210000,{x0 + 1000} 210000,{x0 + 1000} 211000,"
                                f"{x0} 211000,{x0} 210000))")
        )  # fmt: skip
        feature.setAttributes([f"School {chr(65 + i)}", 100 * (i + 1)])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    QgsProject.instance().addMapLayer(layer, False)
    return layer


def _facilities(n: int = 3, source: str = "sample") -> QgsVectorLayer:
    layer = QgsVectorLayer(
        "Point?crs=EPSG:27700&field=name:string&field=source:string", "facilities", "memory"
    )
    features = []
    for i in range(n):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(450500 + i * 1000, 210500)))
        feature.setAttributes([f"School {chr(65 + i)}", source])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    QgsProject.instance().addMapLayer(layer, False)
    return layer


@pytest.mark.parametrize("suffix", [".pdf", ".png"])
def test_map_is_exported(run_alg, tmp_path: Path, suffix: str) -> None:
    output = tmp_path / f"map{suffix}"
    result = run_alg(
        "placelink:catchmentmap",
        {
            "CATCHMENTS": _catchments(),
            "FACILITIES": _facilities(),
            "TITLE": "Primary school catchments",
            "OUTPUT": str(output),
        },
    )
    assert result["OUTPUT"] == str(output)
    data = output.read_bytes()
    assert data.startswith(b"%PDF" if suffix == ".pdf" else b"\x89PNG")
    assert len(data) > 10_000
    assert result["LAYOUT_NAME"].startswith("Primary school catchments")
    layout = QgsProject.instance().layoutManager().layoutByName(result["LAYOUT_NAME"])
    assert layout is not None  # an editable print layout in the project
    group = (
        QgsProject.instance().layerTreeRoot().findGroup(f"Catchment map: {result['LAYOUT_NAME']}")
    )
    assert group is not None and len(group.findLayers()) == 2
    if suffix == ".png":
        assert _share_of_colour(output, "#4e79a7", 170) > 0.02  # School A's fill is drawn


def _share_of_colour(path: Path, hex_colour: str, alpha: int) -> float:
    """Share of the image's pixels showing *hex_colour* at *alpha* over white (±6 per band)."""
    import numpy as np
    from qgis.PyQt.QtGui import QColor, QImage

    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB32)
    width, height = image.width(), image.height()
    pixels = np.frombuffer(image.constBits().asstring(width * height * 4), dtype=np.uint8)
    bgr = pixels.reshape(height * width, 4)[:, :3].astype(int)
    colour = QColor(hex_colour)
    target = [255 - (255 - c) * alpha / 255 for c in (colour.blue(), colour.green(), colour.red())]
    return float(np.mean(np.all(np.abs(bgr - target) <= 6, axis=1)))


def test_layout_holds_every_element_and_attribution_follows_sources(run_alg, tmp_path) -> None:
    from placelink.processing.catchment_map import CatchmentMap
    from qgis.core import (
        QgsLayoutItemLabel,
        QgsLayoutItemLegend,
        QgsLayoutItemMap,
        QgsLayoutItemPicture,
        QgsLayoutItemScaleBar,
    )

    def texts(alg: CatchmentMap) -> list[str]:
        return [i.text() for i in alg._layout.items() if isinstance(i, QgsLayoutItemLabel)]

    catchments = _catchments()
    for source, expect_os in (("PlaceLink sample council", False), ("OS Open UPRN", True)):
        alg = CatchmentMap()
        alg.initAlgorithm()
        from qgis.core import QgsProcessingContext, QgsProcessingFeedback

        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        params = {
            "CATCHMENTS": catchments,
            "FACILITIES": _facilities(source=source),
            "TITLE": "Libraries",
            "OUTPUT": str(tmp_path / "m.png"),
        }
        ok = alg.prepare(params, context, QgsProcessingFeedback())
        assert ok
        alg.runPrepared(params, context, QgsProcessingFeedback())
        kinds = {type(i) for i in alg._layout.items()}
        assert {QgsLayoutItemMap, QgsLayoutItemLegend, QgsLayoutItemScaleBar,
                QgsLayoutItemPicture} <= kinds  # fmt: skip
        assert "Libraries" in texts(alg)
        dated = [t for t in texts(alg) if "format_date(now()" in t]  # printed, not frozen
        assert len(dated) == 1
        label = next(i for i in alg._layout.items() if isinstance(i, QgsLayoutItemLabel)
                     and i.text() == dated[0])  # fmt: skip
        assert str(date.today().year) in label.currentText()
        assert any("Crown copyright" in t for t in texts(alg)) is expect_os
        legend = next(i for i in alg._layout.items() if isinstance(i, QgsLayoutItemLegend))
        labels = [node.name() for node in legend.model().rootGroup().findLayers()]
        assert labels == ["Facilities", "Catchments"]
        renderer = alg._layers[-1].renderer()
        assert [c.label() for c in renderer.categories()] == [
            "School A\n100 addresses", "School B\n200 addresses", "School C\n300 addresses"
        ]  # fmt: skip
        colours = {c.symbol().color().name() for c in renderer.categories()}
        assert len(colours) == 3
    assert catchments.renderer().type() == "singleSymbol"  # the input's own style is untouched


def test_many_facilities_reuse_colours_only_apart(qgis_app) -> None:
    from placelink.qgis_support.styling import facility_colours

    layer = _catchments(14)  # a row of 14 touching squares
    colours = facility_colours(layer, "facility_name")
    names = [f"School {chr(65 + i)}" for i in range(14)]
    for a, b in pairwise(names):
        assert colours[a].name() != colours[b].name()


def test_legend_explains_band_outlines_and_shows_capacity_and_use(run_alg, tmp_path) -> None:
    from placelink.processing.catchment_map import CatchmentMap
    from qgis.core import (
        QgsLayoutItemLegend,
        QgsProcessingContext,
        QgsProcessingFeedback,
    )

    catchments = QgsVectorLayer(
        "Polygon?crs=EPSG:27700&field=facility_name:string&field=address_count:integer"
        "&field=capacity:double",
        "catchments", "memory",
    )  # fmt: skip
    bands = QgsVectorLayer(
        "Polygon?crs=EPSG:27700&field=facility_name:string&field=band_max:double"
        "&field=band_unit:string&field=band_max_m:double",
        "bands", "memory",
    )  # fmt: skip
    features, rings = [], []
    for i, (count, places) in enumerate(((150, 200), (90, None))):
        x0 = 450000 + i * 1000
        wkt = (
            f"POLYGON(({x0} 210000,{x0 + 1000} 210000,{x0 + 1000} 211000,{x0} 211000,{x0} 210000))"
        )
        feature = QgsFeature(catchments.fields())
        feature.setGeometry(QgsGeometry.fromWkt(wkt))
        feature.setAttributes([f"School {chr(65 + i)}", count, places])
        features.append(feature)
        for high in (400.0, 800.0):
            ring = QgsFeature(bands.fields())
            ring.setGeometry(QgsGeometry.fromWkt(wkt))
            ring.setAttributes([f"School {chr(65 + i)}", high, "m", high])
            rings.append(ring)
    catchments.dataProvider().addFeatures(features)
    bands.dataProvider().addFeatures(rings)
    alg = CatchmentMap()
    alg.initAlgorithm()
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    params = {"CATCHMENTS": catchments, "BAND_AREAS": bands, "COUNT_FIELD": "address_count",
              "TITLE": "Schools", "OUTPUT": str(tmp_path / "m.png")}  # fmt: skip
    assert alg.prepare(params, context, QgsProcessingFeedback())
    alg.runPrepared(params, context, QgsProcessingFeedback())
    legend = next(i for i in alg._layout.items() if isinstance(i, QgsLayoutItemLegend))
    names = [node.name().replace("\n", " ") for node in legend.model().rootGroup().findLayers()]
    assert "Dashed outlines: streets within 400 and 800 m of each facility" in names
    key = next(n for n in legend.model().rootGroup().findLayers() if "Dashed" in n.name())
    assert "\n" not in key.name()  # one line in the Layers panel…
    assert "\n" in key.customProperty("legend/title-label")  # …wrapped on the printed map
    labels = [c.label() for c in alg._layers[-1].renderer().categories()]
    assert labels == ["School A\n150 addresses of 200 places\n(75%)", "School B\n90 addresses"]
    assert all(len(line) <= 30 for label in labels for line in label.splitlines())  # no cut


def test_streets_styled_by_rule_are_drawn_under_the_map(run_alg, tmp_path: Path) -> None:
    """The shipped streets style is rule-based (no single symbol): the map's grey copy of the
    network replaces the renderer, and the officer's own layer keeps its style."""
    from osgeo import ogr, osr

    gpkg = tmp_path / "streets.gpkg"
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(gpkg))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(27700)
    table = dataset.CreateLayer("streets", srs, ogr.wkbLineString)
    kinds = {"usrn": ogr.OFTInteger, "state": ogr.OFTInteger,
             "classification": ogr.OFTString, "street_type": ogr.OFTInteger}  # fmt: skip
    for name, kind in kinds.items():
        table.CreateField(ogr.FieldDefn(name, kind))
    line = ogr.Feature(table.GetLayerDefn())
    for name, value in (
        ("usrn", 1),
        ("state", 2),
        ("classification", "A Road"),
        ("street_type", 1),
    ):
        line.SetField(name, value)
    line.SetGeometry(ogr.CreateGeometryFromWkt("LINESTRING (450100 210500, 452900 210500)"))
    table.CreateFeature(line)
    del table, dataset
    streets = QgsVectorLayer(f"{gpkg}|layername=streets", "streets", "ogr")
    style = Path(__file__).resolve().parents[2] / "resources" / "styles" / "streets.qml"
    _message, ok = streets.loadNamedStyle(str(style))
    assert ok and streets.renderer().type() == "RuleRenderer"
    QgsProject.instance().addMapLayer(streets, False)
    output = tmp_path / "map.png"
    result = run_alg(
        "placelink:catchmentmap",
        {"CATCHMENTS": _catchments(), "FACILITIES": _facilities(), "NETWORK": streets,
         "TITLE": "Catchments over streets", "OUTPUT": str(output)},
    )  # fmt: skip
    assert result["OUTPUT"] == str(output) and output.stat().st_size > 10_000
    assert streets.renderer().type() == "RuleRenderer"
