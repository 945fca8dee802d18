"""Read gazetteers and records, write matched output: the files ``placelink-batch`` handles.

GAZETTEER: a canonical addresses layer in a GeoPackage (or any OGR source, PostGIS
included as ``PG:dbname=… host=…`` optionally followed by ``|layername=…``) or a Parquet
file with the canonical columns and ``x``/``y``. RECORDS: CSV or Parquet. OUTPUT: Parquet,
CSV or GeoPackage, chosen by the extension.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from pathlib import Path

import pandas as pd

from ..core import schema
from ..core.matching import RESULT_FIELDS, MatchResult, output_names
from ..core.matching.gazetteer_rows import gazetteer_record, matcher_fields

CHUNK_ROWS = 50_000


def _is_parquet(path: str) -> bool:
    return str(path).lower().endswith((".parquet", ".parq", ".pq"))


def _ogr_layer(source: str):
    try:
        from osgeo import ogr
    except ImportError as exc:  # pragma: no cover - GDAL comes with QGIS and most systems
        raise SystemExit(
            "reading a GeoPackage or PostGIS gazetteer needs GDAL's Python bindings "
            "(apt install python3-gdal); or give a Parquet gazetteer"
        ) from exc
    ogr.UseExceptions()
    path, _, layer_name = source.partition("|layername=")
    dataset = ogr.Open(path)
    if dataset is None:
        raise ValueError(f"cannot open the gazetteer {path!r}")
    layer = dataset.GetLayerByName(layer_name) if layer_name else dataset.GetLayer(0)
    if layer is None:
        raise ValueError(f"the gazetteer {path!r} has no layer {layer_name!r}")
    return dataset, layer


def gazetteer_chunks(source: str) -> Iterator[list[dict[str, object]]]:
    """The gazetteer's matcher records, a chunk at a time (canonical fields plus x/y)."""
    if _is_parquet(source):
        import pyarrow.parquet as pq

        file = pq.ParquetFile(source)
        fields = matcher_fields(file.schema_arrow.names)
        columns = [*fields, *(c for c in ("x", "y") if c in file.schema_arrow.names)]
        for batch in file.iter_batches(batch_size=CHUNK_ROWS, columns=columns):
            rows = batch.to_pylist()
            yield [gazetteer_record(r, fields, r.get("x"), r.get("y")) for r in rows]
        return
    dataset, layer = _ogr_layer(source)
    definition = layer.GetLayerDefn()
    names = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
    fields = matcher_fields(names)
    chunk: list[dict[str, object]] = []
    for feature in layer:
        row = {name: feature.GetField(name) for name in fields}
        geometry = feature.GetGeometryRef()
        x = y = None
        if geometry is not None and not geometry.IsEmpty():
            point = geometry.Centroid()
            x, y = point.GetX(), point.GetY()
        chunk.append(gazetteer_record(row, fields, x, y))
        if len(chunk) >= CHUNK_ROWS:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
    del dataset


def gazetteer_size(source: str) -> int:
    """The gazetteer's row count, read from the file's metadata (Parquet) or the layer's
    count (OGR), without reading its rows."""
    if _is_parquet(source):
        import pyarrow.parquet as pq

        return int(pq.ParquetFile(source).metadata.num_rows)
    dataset, layer = _ogr_layer(source)
    count = int(layer.GetFeatureCount())
    del dataset
    return count


def read_gazetteer(source: str) -> list[dict[str, object]]:
    """Every matcher record of the gazetteer, in the source's order."""
    out: list[dict[str, object]] = []
    for chunk in gazetteer_chunks(source):
        out.extend(chunk)
    return out


def read_records(path: str) -> pd.DataFrame:
    """The records to match, every column as read (CSV: text, nothing turned into NaN)."""
    if _is_parquet(path):
        return pd.read_parquet(path)
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def record_inputs(
    records: pd.DataFrame, address_fields: Sequence[str], postcode_field: str | None
) -> tuple[list[str], list[str] | None]:
    """The address text (fields joined in order) and postcode of every record."""
    from ..core.matching import join_fields

    missing = [f for f in [*address_fields, *([postcode_field] if postcode_field else [])]
               if f not in records.columns]  # fmt: skip
    if missing:
        raise ValueError(f"RECORDS has no field(s) {', '.join(map(repr, missing))}")
    rows = records[list(address_fields)].to_dict("records")
    texts = [join_fields(row, address_fields) for row in rows]
    postcodes = [_text(v) for v in records[postcode_field]] if postcode_field else None
    return texts, postcodes


def result_names(columns: Sequence[str]) -> list[str]:
    """The match fields' names, ``match_<name>`` where the input already has the name (the
    result contract's ``output_names``, as the Match addresses algorithm names them)."""
    return output_names(columns, RESULT_FIELDS)


def output_frame(
    records: pd.DataFrame, results: Sequence[MatchResult], first: int = 0
) -> pd.DataFrame:
    """``record_id`` (the row number when RECORDS has none), the input columns, the match
    fields of ``core.matching.RESULT_FIELDS`` and the matched point's ``x``/``y``. *records*
    may be a slice of RECORDS starting at row *first* (0-based; output written in chunks)."""
    out = records.reset_index(drop=True).copy()
    if "record_id" not in out.columns:
        out.insert(0, "record_id", range(first + 1, first + len(out) + 1))
    names = result_names(list(out.columns))
    for field, name in zip(RESULT_FIELDS, names):
        values = [getattr(r, field.name) for r in results]
        if field.kind == schema.INT:
            out[name] = pd.array(values, dtype="Int64")
        elif field.kind == schema.REAL:
            out[name] = pd.array(values, dtype="float64")
        else:
            out[name] = [v if v != "" or field.name != "matched_address" else None for v in values]
    for axis in ("x", "y"):
        name = axis if axis not in records.columns else f"match_{axis}"
        out[name] = pd.array([getattr(r, axis) for r in results], dtype="float64")
    return out


class OutputWriter:
    """OUTPUT written a chunk at a time (``write``, in record order) by *path*'s extension
    (.parquet, .csv, .gpkg), under a temporary name renamed into place when the ``with``
    block ends without error; on an error the partial file is removed, so a crash leaves
    no half-written output. Chunk by chunk the file is the one ``write_output`` writes of
    the whole frame."""

    def __init__(self, path: str) -> None:
        self.target = Path(path)
        suffix = self.target.suffix.lower()
        if not (_is_parquet(path) or suffix in (".csv", ".gpkg")):
            raise ValueError(
                f"OUTPUT must end in .parquet, .csv or .gpkg, not {self.target.name!r}"
            )
        self.kind = "parquet" if _is_parquet(path) else suffix[1:]
        self.tmp = self.target.with_name(f".{self.target.stem}.partial{self.target.suffix}")
        self.rows = 0
        self._parquet = None
        self._gpkg: _GpkgAppender | None = None

    def __enter__(self) -> OutputWriter:
        self.tmp.unlink(missing_ok=True)
        return self

    def write(self, frame: pd.DataFrame) -> None:
        if self.kind == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            if self._parquet is None:
                table = pa.Table.from_pandas(frame, preserve_index=False)
                # a column empty in the first chunk is text in the others
                fields = [f.with_type(pa.string()) if pa.types.is_null(f.type) else f
                          for f in table.schema]  # fmt: skip
                schema_ = pa.schema(fields, metadata=table.schema.metadata)
                self._parquet = pq.ParquetWriter(self.tmp, schema_)
            writer = self._parquet
            writer.write_table(
                pa.Table.from_pandas(frame, schema=writer.schema, preserve_index=False)
            )
        elif self.kind == "csv":
            frame.to_csv(self.tmp, index=False, mode="a", header=self.rows == 0)
        else:
            if self._gpkg is None:
                self._gpkg = _GpkgAppender(self.tmp, frame)
            self._gpkg.append(frame)
        self.rows += len(frame)

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if self._parquet is not None:
            self._parquet.close()
        if self._gpkg is not None:
            self._gpkg.close()
        if error is not None:
            self.tmp.unlink(missing_ok=True)
            return
        if not self.tmp.exists():
            raise ValueError("nothing was written")
        self.tmp.replace(self.target)


def write_output(frame: pd.DataFrame, path: str) -> None:
    """Write *frame* by *path*'s extension (.parquet, .csv, .gpkg), via a temporary file
    renamed into place, so a crash leaves no half-written output."""
    with OutputWriter(path) as out:
        out.write(frame)


class _GpkgAppender:
    """A GeoPackage layer ``matched`` whose fields are *first*'s columns (points from x, y)."""

    def __init__(self, path: Path, first: pd.DataFrame) -> None:
        from osgeo import ogr, osr

        ogr.UseExceptions()
        self.ogr = ogr
        self.dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(int(schema.CRS.split(":")[1]))
        self.layer = self.dataset.CreateLayer("matched", srs, ogr.wkbPoint)
        self.kinds = {}
        for name, dtype in first.dtypes.items():
            if name in ("x", "y"):
                continue
            if pd.api.types.is_integer_dtype(dtype):
                kind = ogr.OFTInteger64
            elif pd.api.types.is_float_dtype(dtype):
                kind = ogr.OFTReal
            else:
                kind = ogr.OFTString
            self.kinds[name] = kind
            self.layer.CreateField(ogr.FieldDefn(str(name), kind))

    def append(self, frame: pd.DataFrame) -> None:
        ogr, layer, kinds = self.ogr, self.layer, self.kinds
        layer.StartTransaction()
        definition = layer.GetLayerDefn()
        for row in frame.to_dict("records"):
            feature = ogr.Feature(definition)
            for name in kinds:
                value = row[name]
                if (
                    value is None
                    or value is pd.NA
                    or (isinstance(value, float) and math.isnan(value))
                ):
                    feature.SetFieldNull(str(name))
                else:
                    feature.SetField(
                        str(name), value if kinds[name] != ogr.OFTString else str(value)
                    )
            x, y = row.get("x"), row.get("y")
            if x is not None and y is not None and not (pd.isna(x) or pd.isna(y)):
                point = ogr.Geometry(ogr.wkbPoint)
                point.AddPoint_2D(float(x), float(y))
                feature.SetGeometry(point)
            layer.CreateFeature(feature)
        layer.CommitTransaction()

    def close(self) -> None:
        self.layer = None
        self.dataset = None
