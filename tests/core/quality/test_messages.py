"""Per-problem messages come from the rule registry's templates and follow a run's language."""

from __future__ import annotations

import pandas as pd
import pytest
import shapely
from placelink.core.quality import ordered, run_checks
from placelink.core.quality.context import Thresholds
from placelink.core.quality.messages import COMMON_MESSAGES, all_templates, placeholders, render
from placelink.core.quality.registry import rule


def _spoiled(gz) -> tuple[pd.DataFrame, pd.DataFrame, object]:
    """A council with at least one problem for most rules, composite messages included."""
    addresses = gz.frame(
        gz.address(100),
        gz.address(100, source_ref="line 9 of test.csv"),
        gz.address(None, source_ref="line 12 of test.csv"),
        gz.address(102, postcode="tn131aa", rpc=9, classification="R"),
        gz.address(103, usrn=1002, x=gz.X0 + 410, y=gz.Y0 + 50, logical_status=4),
        gz.address(104, pao_end_number=3, pao_start_suffix="12", town=" SEVENOAKS"),
        gz.address(105, sao_text="12", start_date="2099-01-01", parent_uprn=999),
        gz.address(106, usrn=None, x=None, y=None),
        gz.address(107, usrn=5555, x=gz.X0 + 5000, y=gz.Y0 + 5000),
    )
    island = gz.street(1003, [(gz.X0, gz.Y0 + 900), (gz.X0 + 100, gz.Y0 + 900)], town="")
    boundary = shapely.box(gz.X0 - 50, gz.Y0 - 50, gz.X0 + 500, gz.Y0 + 1000)
    return addresses, gz.council_streets(island), boundary


def _marked(template: str) -> str:
    """A stand-in 'translation' that keeps the placeholders and marks the text."""
    return f"«{template}»"


def test_every_message_of_a_run_comes_from_a_translated_template(gz) -> None:
    addresses, streets, boundary = _spoiled(gz)
    thresholds = Thresholds(today=gz.TODAY)
    english, _ = run_checks(addresses, streets, boundary, thresholds=thresholds)
    marked, _ = run_checks(addresses, streets, boundary, thresholds=thresholds, translate=_marked)
    assert len(english) == len(marked) >= 15
    assert len(set(english["rule_id"])) >= 12
    assert not english["message"].str.contains("«").any()
    # Every message, including the address named inside it, went through a template.
    for text in marked["message"]:
        assert text.startswith("«") and text.endswith("»"), text
    no_usrn = marked.loc[marked["rule_id"] == "A09", "message"].tolist()
    assert no_usrn == ["««UPRN 106» has no USRN»"]  # the message's template, the address's
    # Stripping the marks gives back the English messages, row for row.
    plain = marked["message"].str.replace("«", "").str.replace("»", "")
    assert plain.tolist() == english["message"].tolist()


def test_a_translation_that_loses_a_placeholder_falls_back_to_english(gz) -> None:
    def broken(template: str) -> str:
        return "Nid oes USRN" if template == "{address} has no USRN" else template

    addresses = gz.frame(gz.address(100, usrn=None), gz.address(101))
    issues, _ = run_checks(addresses, rules="A09", translate=broken)
    assert issues["message"].tolist() == ["UPRN 100 has no USRN"]

    def welsh(template: str) -> str:
        return {"{address} has no USRN": "Nid oes USRN gan {address}"}.get(template, template)

    issues, _ = run_checks(addresses, rules="A09", translate=welsh)
    assert issues["message"].tolist() == ["Nid oes USRN gan UPRN 100"]


def test_templates_live_in_the_registry_with_named_placeholders() -> None:
    for registered in ordered():
        assert registered.messages, f"{registered.id} has no message templates"
        for template in registered.messages.values():
            assert placeholders(template) or template.strip(), registered.id
    texts = all_templates()
    assert set(COMMON_MESSAGES.values()) <= set(texts)
    assert "{address} has no USRN" in texts
    with pytest.raises(ValueError, match="has no name"):
        rule("A98", "error", "t", "e", messages={"bad": "{} is wrong"})


def test_render_fills_arrays_and_scalars_element_wise() -> None:
    out = render("{a} is {d:,.0f} m from {b}", {"a": ["X", "Y"], "d": 1234.4, "b": ["P", "Q"]})
    assert out.tolist() == ["X is 1,234 m from P", "Y is 1,234 m from Q"]
    assert render("{a} costs {n:.1f}", {"a": ["X"], "n": [2]}).tolist() == ["X costs 2.0"]


def test_the_wrong_layer_hint_follows_the_language_too() -> None:
    from placelink.core.quality.hints import CROSS_LAYER_RULES, HINT, wrong_layer_hints

    summary = [{"rule_id": "A10", "checked": 100, "failures": 99}]
    question = CROSS_LAYER_RULES["A10"][1]
    welsh = {HINT: "Haen {layer} anghywir? Mae {share}% yn methu {rule}: {question}",
             question: "ai NSG yr un cyngor yw hi?"}  # fmt: skip
    hints = wrong_layer_hints(summary, lambda text: welsh.get(text, text))
    assert hints == ["Haen STREETS anghywir? Mae 99% yn methu A10: ai NSG yr un cyngor yw hi?"]
    assert HINT in all_templates() and question in all_templates()
