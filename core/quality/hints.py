"""Hints when a whole input looks wrong rather than its records: most addresses failing a
rule that ties them to another layer usually means that layer is the wrong one."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from .messages import Messages

#: Share of checked records failing a rule above which the other input is suspected.
SUSPECT_SHARE = 0.5
#: The hint's sentence (a template with named placeholders, translated like the messages).
HINT = "Wrong {layer} layer? {share}% fail {rule}: {question}"
#: rule → (the input it ties the addresses to, what to check).
CROSS_LAYER_RULES = {
    "A10": (
        "STREETS",
        "most addresses' USRNs are not in the streets layer: is it the street gazetteer "
        "(NSG) of the same council, loaded from the same supply?",
    ),
    "A03": (
        "BOUNDARY",
        "most addresses lie outside the boundary: is it this council's boundary, and in "
        "the same coordinate reference system as the addresses?",
    ),
    "A21": (
        "STREETS",
        "most addresses are far from their street: are the streets the same council's, "
        "in the same coordinate reference system?",
    ),
}


def wrong_layer_hints(
    summary: Iterable[Mapping[str, object]], translate: Callable[[str], str] | None = None
) -> list[str]:
    """One plain sentence per input that most addresses disagree with, from the summary
    rows (``rule_id``, ``checked``, ``failures``) of a quality run; *translate* puts it in
    the reader's language (the dock and the algorithm pass their ``tr``)."""
    messages = Messages(translate)
    hints = []
    for row in summary:
        rule = str(row.get("rule_id") or "")
        if rule not in CROSS_LAYER_RULES:
            continue
        checked = int(row.get("checked") or 0)
        failures = int(row.get("failures") or 0)
        if checked and failures / checked > SUSPECT_SHARE:
            layer, question = CROSS_LAYER_RULES[rule]
            share = round(100 * failures / checked)
            text = messages.render(
                HINT, layer=layer, share=share, rule=rule, question=messages.template(question)
            )
            hints.append(str(text[0]))
    return hints
