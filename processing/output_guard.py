"""Nothing half-written survives a failed or cancelled run.

Before an algorithm runs, the files its destination parameters name are noted if they do
not exist yet; when the run raises or is cancelled, those files (and their side files:
shapefile parts, SQLite journals) are removed, so a cancelled load never leaves a
plausible-looking but partial GeoPackage, CSV or PDF behind.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from qgis.core import QgsProcessingException

#: Files a data source may grow beside the one named, by the named file's suffix.
SIDE_FILES = {
    ".shp": (".shx", ".dbf", ".prj", ".cpg", ".qpj", ".sbn", ".sbx", ".qmd"),
    ".gpkg": ("-wal", "-shm", "-journal"),
    ".sqlite": ("-wal", "-shm", "-journal"),
}


def _path_of(destination: object) -> Path | None:
    """The file a destination string writes to, or None (memory layers, databases)."""
    text = str(destination or "")
    if text.startswith("ogr:"):
        for part in text[4:].split():
            if part.startswith("dbname="):
                text = part[len("dbname=") :].strip("'\"")
                break
        else:
            return None
    text = text.split("|", 1)[0]
    if not text or text.startswith(("memory:", "postgres", "TEMPORARY_OUTPUT")) or "://" in text:
        return None
    return Path(text)


def new_output_files(alg, parameters: dict, context) -> list[Path]:
    """The destination files of this run that do not exist yet (so the run will create them)."""
    files: list[Path] = []
    for definition in alg.destinationParameterDefinitions():
        name = definition.name()
        if name not in parameters or parameters[name] is None:
            continue
        try:
            if definition.type() == "fileDestination":
                destination = alg.parameterAsFileOutput(parameters, name, context)
            else:
                destination = alg.parameterAsOutputLayer(parameters, name, context)
        except QgsProcessingException:
            continue
        path = _path_of(destination)
        if path is not None and not path.exists():
            files.append(path)
    return files


def _with_side_files(path: Path) -> list[Path]:
    suffix = path.suffix.lower()
    sides = SIDE_FILES.get(suffix, ())
    if suffix == ".shp":
        return [path, *(path.with_suffix(s) for s in sides)]
    return [path, *(Path(f"{path}{s}") for s in sides)]


def remove_outputs(files: list[Path]) -> list[Path]:
    """Remove *files* and their side files; return those removed."""
    removed = []
    for path in files:
        for target in _with_side_files(path):
            if target.exists():
                with contextlib.suppress(OSError):
                    target.unlink()
                    removed.append(target)
    return removed
