"""Catchments: nearest facility along the street network, capacities, polygons and bands.

``pipeline.run_catchments`` runs the whole thing on arrays; the modules hold the steps:
``graph`` (street graph), ``snapping`` (points onto edges), ``routing`` (one
multi-source shortest-path search), ``straight`` (no network), ``capacity`` (exact
capacitated assignment), ``polygons`` (catchments that tile the boundary) and ``bands``
(areas within distance bands).
"""
