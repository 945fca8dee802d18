"""core/formats/registry.py: one record per format, and the loaders find readers through it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from placelink.core.formats import detect, registry
from placelink.core.formats.registry import ADDRESSES, POSTCODES, STREETS, format_named
from placelink.core.loaders import load_addresses
from placelink.core.street_loaders import STREET_FORMATS, street_fields

FORMATS_DIR = Path(registry.__file__).parent


def test_every_format_module_is_registered() -> None:
    """A module of core/formats with a NAME and a reader is a format: it must have a record."""
    names = {f.name for f in registry.FORMATS}
    assert len(names) == len(registry.FORMATS)
    for path in sorted(FORMATS_DIR.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = {
            target.id
            for node in tree.body
            if isinstance(node, ast.Assign)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        readers = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
        if "NAME" in top and readers & {"read", "read_plus"}:
            module = __import__(f"placelink.core.formats.{path.stem}", fromlist=["NAME"])
            assert module.NAME in names, f"{path.name} is not in the format registry"


def test_parameters_list_the_registry_in_order() -> None:
    assert detect.ADDRESS_FORMATS == ("auto", *(f.name for f in registry.formats(ADDRESSES)))
    assert STREET_FORMATS == ("auto", *(f.name for f in registry.formats(STREETS)))
    assert [f.name for f in registry.formats(POSTCODES)] == ["OS Code-Point Open"]
    for fmt in registry.FORMATS:
        assert fmt.recognised_by and fmt.fields and callable(fmt.reader)
        assert fmt.reads in (registry.FILES, registry.VECTOR)
    assert street_fields("OS Open Roads") == format_named("OS Open Roads").fields


def test_unknown_or_wrong_kind_names_the_known_formats() -> None:
    with pytest.raises(ValueError, match="address format 'NSG DTF 8.1' is not supported"):
        format_named("NSG DTF 8.1", ADDRESSES)
    with pytest.raises(ValueError, match="known: .*OS Open UPRN"):
        list(load_addresses([__file__], fmt="Shapefile"))


def test_header_formats_are_recognised_by_their_registered_test() -> None:
    header = ["UPRN", "X_COORDINATE", "Y_COORDINATE", "LATITUDE", "LONGITUDE"]
    hits = [f.name for f in registry.formats(ADDRESSES) if f.looks_like and f.looks_like(header)]
    assert hits == ["OS Open UPRN"]
