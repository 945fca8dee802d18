"""Entry points for the streets and postcodes layers: pick the reader, stream its output.

CSV formats (DTF 8.1, DTF 7.3 streets, Code-Point Open) are read here from files, folders
or zip archives. Vector formats (OS Open USRN, OS Open Roads) are read by the processing
adapter, which passes the features in (``features=``): core has no GDAL.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from .formats import codepoint, dtf73_streets, dtf81, open_roads, open_usrn
from .formats.registry import FILES, STREETS, VECTOR, choices, format_named, formats
from .input_checks import shown, unreadable_first_row
from .records import LoadStats, Reject
from .schema import STREET_FIELDS, Field
from .sources import Source, expand_sources, iter_rows

#: Street formats in the order the FORMAT parameter lists them (index 0 = auto).
STREET_FORMATS: tuple[str, ...] = choices(STREETS)
_CSV_READERS = {f.name: f.reader for f in formats(STREETS, FILES)}
_VECTOR_READERS = {f.name: f.reader for f in formats(STREETS, VECTOR)}
VECTOR_FORMATS = tuple(_VECTOR_READERS)
#: The DTF readers, which stage their records on disk (in a folder given by the caller).
_STAGED = {dtf81.NAME: dtf81.READER, dtf73_streets.NAME: dtf73_streets.READER}
VECTOR_SUFFIXES = (".gpkg", ".shp", ".gml", ".geojson", ".json", ".sqlite", ".fgb", ".gdb")
_DATA_SUFFIXES = (".csv", ".txt", ".zip")
_SNIFF_ROWS = 200


def street_fields(fmt: str) -> tuple[Field, ...]:
    """The output schema of a street format (Open Roads adds routing fields)."""
    try:
        return format_named(fmt, STREETS).fields
    except ValueError:  # "auto" before detection: the canonical schema
        return STREET_FIELDS


def expand_paths(
    paths: Iterable[str | Path], suffixes: Sequence[str] = _DATA_SUFFIXES
) -> list[str]:
    """User paths with each folder replaced by its data files (name order)."""
    result: list[str] = []
    for raw in paths:
        path = Path(str(raw).split("|")[0])
        if path.is_dir():
            found = sorted(
                str(p) for p in path.iterdir() if p.is_file() and p.suffix.lower() in suffixes
            )
            if not found:
                raise ValueError(f"folder {path} holds no {', '.join(suffixes)} files")
            result.extend(found)
        else:
            result.append(str(raw))
    return result


def is_vector_path(path: str | Path) -> bool:
    """True for a GIS vector file (GeoPackage, shapefile, …) or a zip holding one."""
    text = str(path)
    if "|layername=" in text:
        return True
    plain = Path(text.split("|")[0])
    if plain.suffix.lower() in VECTOR_SUFFIXES:
        return True
    if plain.suffix.lower() == ".zip" and zipfile.is_zipfile(plain):
        with zipfile.ZipFile(plain) as archive:
            names = [n.lower() for n in archive.namelist()]
        has_csv = any(n.endswith((".csv", ".txt")) and "/doc/" not in f"/{n}" for n in names)
        return not has_csv and any(n.endswith(VECTOR_SUFFIXES) for n in names)
    return False


def _first_rows(source: Source, limit: int = _SNIFF_ROWS) -> list[list[str]]:
    rows: list[list[str]] = []
    for row in iter_rows(source, LoadStats()):
        rows.append(row.fields)
        if len(rows) >= limit:
            break
    return rows


def detect_csv_street_format(sources: Sequence[Source]) -> str:
    """DTF 8.1 or DTF 7.3 streets, judged by the header and first records of the first file."""
    if not sources:
        raise ValueError("no input files were given")
    rows = _first_rows(sources[0])
    if not rows:
        raise ValueError(f"{sources[0].name} is empty")
    unreadable = unreadable_first_row(sources[0].name, rows[0])
    if unreadable:
        raise ValueError(unreadable)
    for fmt in formats(STREETS, FILES):  # DTF 8.1 first: its header decides
        if fmt.looks_like is not None and fmt.looks_like(rows):
            return fmt.name
    raise ValueError(
        f"could not recognise the street format of {sources[0].name} from its first rows "
        f"({shown(rows[0])}…); choose the format explicitly"
    )


def detect_street_format(paths: Sequence[str | Path]) -> str:
    """The street format of CSV files, folders or zips (vector files: ``detect_vector_format``)."""
    return detect_csv_street_format(expand_sources(expand_paths(paths)))


def detect_vector_format(layer_name: str, field_names: Sequence[str]) -> str:
    """OS Open USRN or OS Open Roads, judged by a layer's name and field names."""
    if open_roads.looks_like(layer_name, field_names):
        return open_roads.NAME
    if open_usrn.looks_like(layer_name, field_names):
        return open_usrn.NAME
    raise ValueError(
        f"layer {layer_name!r} (fields {', '.join(field_names)[:160]}) is neither OS Open USRN "
        "nor OS Open Roads road links; choose the format explicitly"
    )


def load_streets(
    paths: Sequence[str | Path],
    fmt: str = "auto",
    stats: LoadStats | None = None,
    features: Iterable[open_usrn.VectorFeature] | None = None,
    staging_folder: str | Path | None = None,
) -> Iterator[dict | Reject]:
    """Yield canonical street records (with ``lines``) and rejects from *paths*.

    For the vector formats, *features* holds the layer's features as read by the adapter.
    DTF files are staged in a temporary SQLite file under *staging_folder* (the system's
    temporary folder by default), so memory does not grow with the supply.
    """
    stats = stats if stats is not None else LoadStats()
    if fmt in _VECTOR_READERS or (fmt == "auto" and features is not None):
        if features is None:
            raise ValueError(
                f"{fmt} is a GIS vector layer: read it with placelink:loadstreets in QGIS"
            )
        if fmt == "auto":
            raise ValueError("give the vector format (detect it with detect_vector_format)")
        return _VECTOR_READERS[fmt](features, stats)
    files = expand_paths(paths)
    vector = [p for p in files if is_vector_path(p)]
    if vector:
        raise ValueError(
            f"{Path(vector[0].split('|')[0]).name} is a GIS vector file: choose "
            f"{' or '.join(VECTOR_FORMATS)} and load it with placelink:loadstreets in QGIS"
        )
    sources = expand_sources(files)
    if fmt == "auto":
        fmt = detect_csv_street_format(sources)
        stats.detected.append(f"detected format: {fmt}")
    reader = _CSV_READERS.get(fmt)
    if reader is None:
        raise ValueError(f"street format {fmt!r} is not supported")
    if fmt in _STAGED:
        return _STAGED[fmt].read(sources, stats, staging_folder)
    return reader(sources, stats)


def load_postcodes(
    paths: Sequence[str | Path], stats: LoadStats | None = None
) -> Iterator[dict | Reject]:
    """Yield Code-Point Open postcode records (with ``x``/``y``) and rejects from *paths*.

    Folders are read file by file; in zip archives only ``.csv`` members are read (the
    product's documentation ``.txt`` files are not data).
    """
    stats = stats if stats is not None else LoadStats()
    sources = [
        s
        for s in expand_sources(expand_paths(paths, (".csv", ".zip")))
        if "!" not in s.name or s.name.lower().endswith(".csv")
    ]
    if not sources:
        raise ValueError("no Code-Point Open CSV files were found in the input")
    return codepoint.read(sources, stats)
