"""The Review dock's QGIS filter and the benchmark's Python predicate are one rule."""

from __future__ import annotations

import itertools

from qgis.core import QgsFeature, QgsFeatureRequest, QgsVectorLayer


def test_expression_selects_exactly_what_needs_review_selects() -> None:
    from placelink.core.matching.review import needs_review, review_expression

    layer = QgsVectorLayer(
        "None?field=match_status:string&field=match_score:double&field=margin:double"
        "&field=review_decision:string",
        "matches",
        "memory",
    )
    rows = list(
        itertools.product(
            ("matched", "ambiguous", "unmatched"),
            (0.0, 40.0, 74.9, 75.0, 99.0),
            (None, 0.0, 9.9, 10.0, 100.0),
            (None, "", "accepted"),
        )
    )
    features = []
    for row in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes(list(row))
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    request = QgsFeatureRequest().setFilterExpression(review_expression())
    chosen = {
        (f["match_status"], f["match_score"], f["margin"] if f["margin"] is not None else None)
        for f in layer.getFeatures(request)
    }
    expected = {
        (status, score, margin)
        for status, score, margin, decision in rows
        if not decision and needs_review(status, score, margin)
    }
    chosen = {(s, sc, None if m is None or (hasattr(m, "isNull") and m.isNull()) else m)
              for s, sc, m in chosen}  # fmt: skip
    assert chosen == expected
    assert len(expected) > 20
