"""processing/compat.py: the same call works on QGIS 3.22 and on 3.40+/4 without the
deprecation warnings 3.40/3.44 print (layout label fonts, field parameters)."""

from __future__ import annotations

import warnings

from qgis.core import (
    QgsLayoutItemLabel,
    QgsPrintLayout,
    QgsProcessingContext,
    QgsProcessingParameterField,
    QgsProject,
)
from qgis.PyQt.QtGui import QFont


def test_label_font_is_set_without_deprecation(qgis_app) -> None:
    from placelink.qgis_support.compat import set_label_font

    layout = QgsPrintLayout(QgsProject.instance())
    label = QgsLayoutItemLabel(layout)
    font = QFont("Sans Serif", 17)
    font.setBold(True)
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        set_label_font(label, font)
    if hasattr(label, "textFormat"):
        shown = label.textFormat()
        assert shown.size() == 17 and shown.font().bold()
    else:
        assert label.font().pointSize() == 17 and label.font().bold()


def test_field_names_without_deprecation(placelink_plugin) -> None:
    from placelink.qgis_support.compat import parameter_as_fields
    from qgis.core import QgsApplication

    algorithm = QgsApplication.processingRegistry().createAlgorithmById("placelink:matchaddresses")
    assert isinstance(algorithm.parameterDefinition("ADDRESS_FIELDS"), QgsProcessingParameterField)
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        names = parameter_as_fields(
            algorithm,
            {"ADDRESS_FIELDS": ["line1", "town"]},
            "ADDRESS_FIELDS",
            QgsProcessingContext(),
        )
    assert names == ["line1", "town"]
