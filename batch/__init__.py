"""``placelink-batch``: PlaceLink's matcher outside QGIS, on one machine or on Apache Spark."""
