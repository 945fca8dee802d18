"""The index cache on disk as plain arrays (numpy ``.npz`` opened with
``allow_pickle=False``) and JSON: a cache file can hold data only, never code.

Every public attribute of the index is stored by its runtime shape: numpy arrays as they
are; lists of text as one NUL-separated UTF-8 blob; dictionaries as key columns (one per
tuple position) with their values as a column, a 2-D array (tuples) or offsets into one
flat array (lists of integers); everything small or irregular as JSON.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np

_SEP = "\x00"
_META = "__meta__"


class CacheFormatError(ValueError):
    """The file is not an index cache this code can read."""


def _text_array(values: list[str]) -> np.ndarray:
    return np.frombuffer(_SEP.join(values).encode("utf-8"), dtype=np.uint8)


def _texts(blob: np.ndarray, count: int) -> list[str]:
    if count == 0:
        return []
    out = blob.tobytes().decode("utf-8").split(_SEP)
    if len(out) != count:
        raise CacheFormatError("text column length")
    return out


def _is_texts(values: list[Any]) -> bool:
    return all(isinstance(v, str) and _SEP not in v for v in values)


def _column(values: list[Any], name: str, arrays: dict[str, np.ndarray]) -> dict[str, Any]:
    """Store one column of scalars (all text, all int, all float or all bool)."""
    if _is_texts(values):
        arrays[name] = _text_array(values)
        return {"kind": "texts", "count": len(values)}
    if all(isinstance(v, bool) for v in values):
        arrays[name] = np.asarray(values, dtype=bool)
    elif all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        arrays[name] = np.asarray(values, dtype=np.int64)
    elif all(type(v) in (int, float) for v in values):
        arrays[name] = np.asarray(values, dtype=np.float64)
    else:
        return {"kind": "json", "values": values}
    return {"kind": "array"}


def _read_column(spec: Mapping[str, Any], name: str, data: Mapping[str, np.ndarray]) -> list:
    kind = spec["kind"]
    if kind == "texts":
        return _texts(data[name], spec["count"])
    if kind == "array":
        return data[name].tolist()
    if kind == "json":
        return list(spec["values"])
    raise CacheFormatError(f"column kind {kind}")


def _encode_dict(value: dict, name: str, arrays: dict[str, np.ndarray]) -> dict[str, Any]:
    keys = list(value)
    spec: dict[str, Any] = {"kind": "dict", "count": len(keys)}
    if not keys:
        return spec
    if all(isinstance(k, tuple) for k in keys):
        width = len(keys[0])
        if any(len(k) != width for k in keys):
            return {"kind": "json_pairs", "pairs": [[list(k), v] for k, v in value.items()]}
        spec["keys"] = [_column([k[i] for k in keys], f"{name}.k{i}", arrays) for i in range(width)]
        spec["tuple_keys"] = True
    else:
        spec["keys"] = [_column(keys, f"{name}.k0", arrays)]
        spec["tuple_keys"] = False
    values = list(value.values())
    if all(isinstance(v, list) and all(type(x) is int for x in v) for v in values):
        lengths = np.fromiter((len(v) for v in values), dtype=np.int64, count=len(values))
        arrays[f"{name}.off"] = np.concatenate(([0], np.cumsum(lengths)))
        arrays[f"{name}.flat"] = np.fromiter(
            (x for v in values for x in v), dtype=np.int64, count=int(lengths.sum())
        )
        spec["values"] = {"kind": "int_lists"}
    elif all(isinstance(v, tuple) and v and all(type(x) is float for x in v) for v in values) and (
        len({len(v) for v in values}) == 1
    ):
        arrays[f"{name}.v"] = np.asarray(values, dtype=np.float64)
        spec["values"] = {"kind": "float_tuples"}
    else:
        spec["values"] = _column(values, f"{name}.v", arrays)
    return spec


def _decode_dict(spec: Mapping[str, Any], name: str, data: Mapping[str, np.ndarray]) -> dict:
    if spec["kind"] == "json_pairs":
        return {tuple(k): v for k, v in spec["pairs"]}
    if spec["count"] == 0:
        return {}
    columns = [_read_column(s, f"{name}.k{i}", data) for i, s in enumerate(spec["keys"])]
    keys = list(zip(*columns)) if spec["tuple_keys"] else columns[0]
    kind = spec["values"]["kind"]
    if kind == "int_lists":
        off = data[f"{name}.off"].tolist()
        flat = data[f"{name}.flat"].tolist()
        values: list = [flat[off[i] : off[i + 1]] for i in range(len(off) - 1)]
    elif kind == "float_tuples":
        table = data[f"{name}.v"]  # one tuple per row, made by zip from the columns
        values = list(zip(*(table[:, i].tolist() for i in range(table.shape[1]))))
    else:
        values = _read_column(spec["values"], f"{name}.v", data)
    if len(keys) != len(values) or len(keys) != spec["count"]:
        raise CacheFormatError(f"{name}: keys and values differ in length")
    return dict(zip(keys, values))


def write(
    path: str | Path,
    version: int,
    state: Mapping[str, Any],
    records: Mapping[str, Callable[[Any], dict[str, Any]]] | None = None,
) -> None:
    """Write *state* (attribute name → value) to *path* atomically (temporary file, rename).

    *records*: attribute name → function turning one item of a list attribute into a dict
    of scalars (e.g. a dataclass), for lists of objects."""
    records = records or {}
    arrays: dict[str, np.ndarray] = {}
    fields: dict[str, Any] = {}
    for name, value in state.items():
        if isinstance(value, np.ndarray):
            if value.dtype == object:
                raise CacheFormatError(f"{name}: object arrays are not stored")
            arrays[name] = value
            fields[name] = {"kind": "ndarray"}
        elif name in records:
            rows = [records[name](v) for v in value]
            columns = list(rows[0]) if rows else []
            fields[name] = {
                "kind": "records",
                "count": len(rows),
                "columns": {
                    c: _column([r[c] for r in rows], f"{name}.{c}", arrays) for c in columns
                },
            }
        elif isinstance(value, dict):
            fields[name] = _encode_dict(value, name, arrays)
        elif isinstance(value, list):
            fields[name] = {"kind": "list", "column": _column(value, name, arrays)}
        else:
            json.dumps(value)  # only JSON-able scalars; raises TypeError otherwise
            fields[name] = {"kind": "scalar", "value": value}
    meta = {"version": version, "fields": fields}
    arrays[_META] = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    try:
        with open(tmp, "wb") as f:
            np.savez(f, **arrays)
        tmp.replace(path)
    finally:
        if tmp.exists():
            tmp.unlink()


def read(path: str | Path, version: int) -> tuple[dict[str, Any], dict[str, list[dict]]] | None:
    """The state written by :func:`write` (plus list-of-record attributes as dicts), or None
    when the file is missing, unreadable, not a cache or of another *version*."""
    try:
        with np.load(path, allow_pickle=False) as npz:
            data = {k: npz[k] for k in npz.files}
        meta = json.loads(data[_META].tobytes().decode("utf-8"))
        if meta.get("version") != version:
            return None
        state: dict[str, Any] = {}
        records: dict[str, list[dict]] = {}
        for name, spec in meta["fields"].items():
            kind = spec["kind"]
            if kind == "ndarray":
                state[name] = data[name]
            elif kind == "records":
                cols = {c: _read_column(s, f"{name}.{c}", data) for c, s in spec["columns"].items()}
                records[name] = [{c: cols[c][i] for c in cols} for i in range(spec["count"])]
            elif kind in ("dict", "json_pairs"):
                state[name] = _decode_dict(spec, name, data)
            elif kind == "list":
                state[name] = _read_column(spec["column"], name, data)
            elif kind == "scalar":
                state[name] = spec["value"]
            else:
                raise CacheFormatError(f"field kind {kind}")
        return state, records
    except (OSError, EOFError, ValueError, KeyError, TypeError, IndexError,
            zipfile.BadZipFile, UnicodeDecodeError):  # fmt: skip
        return None
