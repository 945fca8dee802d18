"""Every rule is findable from its id: ``get_rule`` gives its texts and the family that holds it."""

from __future__ import annotations

from pathlib import Path

import pytest
from placelink.core.quality import RULES, get_rule


def test_every_rule_is_found_from_its_id_with_its_family() -> None:
    families = {p.stem for p in Path(get_rule.__code__.co_filename).parent.glob("*.py")}
    assert len(RULES) >= 41
    for rule_id, rule in RULES.items():
        assert get_rule(rule_id.lower()) is rule
        assert rule.family in families, rule_id
        source = (Path(get_rule.__code__.co_filename).parent / f"{rule.family}.py").read_text()
        assert f'"{rule_id}"' in source  # the id is where the family says it is
    assert get_rule("A01").family == "identity"


def test_an_unknown_id_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="no data-quality rule 'Z99'.*A01"):
        get_rule("Z99")
