"""Styles for PlaceLink's map layers: one colour per facility, the same in every layer."""

from __future__ import annotations

import textwrap

from qgis.core import (
    Qgis,
    QgsCategorizedSymbolRenderer,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingUtils,
    QgsRendererCategory,
    QgsSingleSymbolRenderer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor, QFont

#: Legend labels wrap at this many characters (the map's legend panel is narrow).
LABEL_WIDTH = 30
#: A layer's custom property holding its label on a printed legend, when not its name.
LEGEND_LABEL = "placelink/legend_label"

#: Well-separated qualitative hues (Tableau 10), readable when neighbours touch.
PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
)  # fmt: skip


def facility_colours(catchments: QgsVectorLayer, key_field: str) -> dict[str, QColor]:
    """A colour per facility key; neighbouring catchments always differ.

    Up to ten facilities each get their own hue. Beyond that, hues are reused only by
    catchments that do not touch (graph colouring), lighter or darker on each reuse.
    """
    keys, wkbs = [], []
    request = QgsFeatureRequest().setSubsetOfAttributes([key_field], catchments.fields())
    for feature in catchments.getFeatures(request):
        keys.append(str(feature[key_field]))
        wkbs.append(bytes(feature.geometry().asWkb()))
    order = sorted(range(len(keys)), key=lambda i: keys[i])
    if len(keys) <= len(PALETTE):
        return {keys[i]: QColor(PALETTE[rank]) for rank, i in enumerate(order)}
    import shapely  # optional dependency: imported only when it is needed

    from ..core.colouring import colour_indices

    classes = colour_indices(shapely.from_wkb([wkbs[i] for i in order]))
    colours: dict[str, QColor] = {}
    for rank, i in enumerate(order):
        hue = QColor(PALETTE[classes[rank] % len(PALETTE)])
        shade = classes[rank] // len(PALETTE)
        colours[keys[i]] = (
            hue.lighter(100 + 35 * shade) if shade % 2 else hue.darker(100 + 20 * shade)
        )
    return colours


#: The colour of addresses and areas with no facility (not placed, not reachable).
NO_FACILITY_GREY = QColor(150, 150, 150)


def _is_null(value: object) -> bool:
    return hasattr(value, "isNull") and value.isNull()


def _categorised(
    layer: QgsVectorLayer, field: str, colours: dict[str, QColor], make_symbol, labels=None
) -> None:
    categories = []
    # facilities by name; the piece with no facility, "(…)", last and grey
    for key in sorted(colours, key=lambda k: (k.startswith("("), k)):
        symbol = make_symbol(NO_FACILITY_GREY if key.startswith("(") else colours[key])
        label = labels.get(key, key) if labels else key
        categories.append(QgsRendererCategory(key, symbol, label))
    layer.setRenderer(QgsCategorizedSymbolRenderer(field, categories))
    layer.triggerRepaint()


def style_catchments(
    layer: QgsVectorLayer, field: str, colours: dict[str, QColor], count_field: str | None = None
) -> None:
    """Filled catchments; legend labels carry the address count on their last line (wrapped
    to fit a layout's legend) when *count_field* is given."""
    labels = {}
    has_capacity = layer.fields().indexOf("capacity") >= 0
    if count_field and layer.fields().indexOf(count_field) >= 0:
        for feature in layer.getFeatures():
            count = int(feature[count_field] or 0)
            name = "\n".join(textwrap.wrap(str(feature[field]), LABEL_WIDTH)) or "—"
            use = f"{count:,} addresses"
            capacity = feature["capacity"] if has_capacity else None
            if capacity not in (None, "") and not _is_null(capacity) and float(capacity) > 0:
                # capacity and how much of it is used, after the count (wrapped like the name:
                # a line longer than the legend panel is cut off on the printed map)
                use += f" of {float(capacity):,.0f} places ({100 * count / float(capacity):.0f}%)"
            labels[str(feature[field])] = f"{name}\n" + "\n".join(textwrap.wrap(use, LABEL_WIDTH))

    def symbol(colour: QColor) -> QgsFillSymbol:
        fill = QColor(colour)
        fill.setAlpha(170)
        return QgsFillSymbol.createSimple(
            {"color": fill.name(QColor.NameFormat.HexArgb), "outline_color": "#ffffff",
             "outline_width": "0.4"}
        )  # fmt: skip

    _categorised(layer, field, colours, symbol, labels)


def style_points_by_facility(layer: QgsVectorLayer, field: str, colours: dict[str, QColor]) -> None:
    """Small dots coloured by their facility (e.g. address assignments)."""

    def symbol(colour: QColor) -> QgsMarkerSymbol:
        return QgsMarkerSymbol.createSimple(
            {"name": "circle", "color": colour.name(), "size": "1.2", "outline_style": "no"}
        )

    _categorised(layer, field, colours, symbol)


def style_band_outlines(layer: QgsVectorLayer, field: str, colours: dict[str, QColor]) -> None:
    """Band areas as dashed outlines in their facility's colour."""

    def symbol(colour: QColor) -> QgsFillSymbol:
        return QgsFillSymbol.createSimple(
            {"style": "no", "outline_color": colour.darker(130).name(), "outline_width": "0.5",
             "outline_style": "dash"}
        )  # fmt: skip

    _categorised(layer, field, colours, symbol)


def style_facilities(layer: QgsVectorLayer, name_field: str) -> None:
    """Facilities as dark stars labelled with their name."""
    layer.renderer().setSymbol(
        QgsMarkerSymbol.createSimple(
            {"name": "star", "color": "#222222", "outline_color": "#ffffff", "size": "4.5"}
        )
    )
    text = QgsTextFormat()
    text.setFont(QFont("Sans Serif", 8, QFont.Weight.Bold))
    text.setSize(8)
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(1)
    buffer.setColor(QColor("#ffffff"))
    text.setBuffer(buffer)
    settings = QgsPalLayerSettings()
    settings.fieldName = name_field
    settings.setFormat(text)
    settings.dist = 1.5
    # cartographic placement: each label tries the positions around its star in turn, so
    # two schools close together get labels that do not collide
    settings.placement = (
        Qgis.LabelPlacement.OrderedPositionsAroundPoint
        if hasattr(Qgis, "LabelPlacement")
        else QgsPalLayerSettings.Placement.OrderedPositionsAroundPoint
    )
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    layer.triggerRepaint()


def band_outline_key(bands: QgsVectorLayer) -> QgsVectorLayer | None:
    """A legend-only layer explaining the band outlines ("Dashed outlines: streets within
    400, 800 and 1,600 m of each facility"), drawn as one dashed grey outline; None when
    the bands layer says no distances."""
    if bands.fields().indexOf("band_max_m") < 0:
        return None
    highs = sorted({float(f["band_max_m"]) for f in bands.getFeatures() if f["band_max_m"]})
    if not highs:
        return None
    minutes = bands.fields().indexOf("band_unit") >= 0 and any(
        f["band_unit"] == "min" for f in bands.getFeatures()
    )
    if minutes:
        values = sorted({float(f["band_max"]) for f in bands.getFeatures() if f["band_max"]})
        unit = "minutes"
    else:
        values, unit = highs, "m"
    numbers = [f"{v:,.0f}" for v in values]
    listed = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " and " + numbers[-1]
    name = f"Dashed outlines: streets within {listed} {unit} of each facility"
    key = QgsVectorLayer(f"Polygon?crs={bands.crs().authid()}", name, "memory")
    # wrapped only on the printed map, whose legend panel is narrow: in the Layers panel a
    # name of several lines runs under the layer's indicator icons
    key.setCustomProperty(LEGEND_LABEL, "\n".join(textwrap.wrap(name, LABEL_WIDTH)))
    key.renderer().setSymbol(
        QgsFillSymbol.createSimple(
            {
                "style": "no",
                "outline_color": "#555555",
                "outline_width": "0.5",
                "outline_style": "dash",
            }
        )  # fmt: skip
    )
    return key


def style_lines(layer: QgsVectorLayer, colour: str = "#9a9a9a", width: float = 0.3) -> None:
    """Plain grey lines (a street network under a map), whatever renderer the layer had (a
    streets layer styled by category or rule has no single symbol to change)."""
    symbol = QgsLineSymbol.createSimple({"color": colour, "width": str(width)})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    layer.triggerRepaint()


class _StyleBy(QgsProcessingLayerPostProcessorInterface):
    """Applies a styling function when QGIS loads an output layer into the project."""

    _alive: list[_StyleBy] = []  # QGIS holds only a pointer: keep the object alive

    def __init__(self, apply) -> None:
        super().__init__()
        self.apply = apply

    def postProcessLayer(self, layer, context, feedback) -> None:
        if isinstance(layer, QgsVectorLayer) and layer.isValid():
            self.apply(layer)

    @classmethod
    def create(cls, apply) -> _StyleBy:
        instance = cls(apply)
        cls._alive.append(instance)
        return instance


def style_catchment_outputs(dests: dict[str, str], field: str, context, feedback) -> None:
    """Colour catchments, band outlines and address assignments by facility, consistently.

    The colours come from the catchments (neighbours always differ) and are applied now, to
    layers QGIS loads at the end of the run, and stored in GeoPackage outputs.
    """
    catchments = QgsProcessingUtils.mapLayerFromString(dests["catchments"], context)
    if catchments is None or catchments.fields().indexOf(field) < 0:
        return
    colours = facility_colours(catchments, field)

    def assignments_style(layer: QgsVectorLayer) -> None:
        style_points_by_facility(layer, field, colours)
        layer.setMapTipTemplate('[% "uprn" %]: [% "facility_name" %], [% round("distance_m") %] m')

    stylers = {
        "catchments": lambda layer: style_catchments(layer, field, colours, "address_count"),
        "bands": lambda layer: style_band_outlines(layer, field, colours),
        "assignments": assignments_style,
    }
    for key, apply in stylers.items():
        dest = dests.get(key)
        if not dest:
            continue
        layer = QgsProcessingUtils.mapLayerFromString(dest, context)
        if layer is not None and layer.fields().indexOf(field) >= 0:
            apply(layer)
            if layer.providerType() == "ogr":  # keep the style inside the GeoPackage
                save = getattr(layer, "saveStyleToDatabaseV2", None) or layer.saveStyleToDatabase
                save(key, "PlaceLink facility colours", True, "")
        if context.willLoadLayerOnCompletion(dest):
            context.layerToLoadOnCompletionDetails(dest).setPostProcessor(_StyleBy.create(apply))
