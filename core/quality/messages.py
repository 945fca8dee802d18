"""Per-problem messages from templates with named placeholders, built for many rows at once.

A rule's templates live in its ``@rule(..., messages={...})`` entry of the registry (the
parts every rule shares in ``COMMON_MESSAGES``): English, with placeholders such as
``{address}`` or ``{usrn}``. A run may pass a *translate* function (the Processing
algorithm passes its ``tr``; core has no Qt): each template is translated once per run, and
the translation is used only if it keeps exactly the English template's placeholders, so a
faulty translation falls back to English rather than failing the run.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

_FORMATTER = string.Formatter()


def cat(*parts: object) -> np.ndarray:
    """Join strings and arrays of strings element-wise into one array of messages."""
    lengths = {len(p) for p in parts if not isinstance(p, str)}
    if len(lengths) > 1:
        raise ValueError(f"message parts of different lengths {sorted(lengths)}")
    n = lengths.pop() if lengths else 1
    out = pd.Series([""] * n, dtype=object)
    for part in parts:
        if isinstance(part, str):
            out = out + part
        else:  # positional: a Series' own index must not realign the parts
            out = out + pd.Series(np.asarray(part, dtype=object), dtype=object).astype(str)
    return out.to_numpy(dtype=object)


#: Message parts every rule shares: how an address or street is named in a message.
COMMON_MESSAGES: dict[str, str] = {
    "uprn": "UPRN {uprn}",
    "address_at": "the address at {ref}",
    "usrn": "USRN {usrn}",
    "street_at": "the street at {ref}",
    "problems": "{key}: {problems}",
    "no_value": "(none)",
}

#: How the messages name the gazetteer's text fields.
FIELD_LABELS: dict[str, str] = {
    "organisation": "organisation",
    "sao_text": "sao text",
    "pao_text": "pao text",
    "street_description": "street description",
    "locality": "locality",
    "town": "town",
    "administrative_area": "administrative area",
    "start_date": "start date",
    "end_date": "end date",
    "last_update_date": "last update date",
    "state_date": "state date",
}


def placeholders(template: str) -> set[str]:
    """The named placeholders of *template*; ValueError for a positional ``{}`` or bad braces."""
    names = set()
    for _literal, name, _spec, _conversion in _FORMATTER.parse(template):
        if name is None:
            continue
        if not name.isidentifier():
            raise ValueError(f"message template {template!r}: placeholder {{{name}}} has no name")
        names.add(name)
    return names


def render(template: str, values: Mapping[str, object]) -> np.ndarray:
    """*template* filled in element-wise: each placeholder takes a string or number (the same
    in every message) or an array (one value per message, all arrays of one length)."""
    parts: list[object] = []
    for literal, name, spec, _conversion in _FORMATTER.parse(template):
        if literal:
            parts.append(literal)
        if name is None:
            continue
        value = values[name]
        if isinstance(value, (str, int, float, np.number)):
            parts.append(format(value, spec or ""))
        elif spec:
            parts.append(np.array([format(v, spec) for v in value], dtype=object))  # type: ignore[union-attr]
        else:
            parts.append(value)
    return cat(*parts)


class Messages:
    """The templates of one run, each translated once."""

    def __init__(self, translate: Callable[[str], str] | None = None) -> None:
        self.translate = translate
        self._cache: dict[str, str] = {}

    def template(self, english: str) -> str:
        """*english* in the run's language (English when the translation is missing or
        does not keep the same placeholders)."""
        found = self._cache.get(english)
        if found is None:
            found = english
            if self.translate is not None:
                try:
                    translated = str(self.translate(english) or "")
                    if translated and placeholders(translated) == placeholders(english):
                        found = translated
                except (ValueError, TypeError):
                    found = english
            self._cache[english] = found
        return found

    def render(self, english: str, /, **values: object) -> np.ndarray:
        """*english* translated and filled in (English if the translation cannot be filled)."""
        template = self.template(english)
        if template is english:
            return render(english, values)
        try:
            return render(template, values)
        except (ValueError, TypeError, KeyError, IndexError):  # e.g. a bad format spec
            self._cache[english] = english
            return render(english, values)

    def label(self, field: str) -> str:
        """A field's name as the messages say it (``street description``)."""
        return self.template(FIELD_LABELS.get(field, field.replace("_", " ")))


def all_templates() -> list[str]:
    """Every message template (shared parts, field labels, each rule's, the wrong-layer
    hints), for translators."""
    from .hints import CROSS_LAYER_RULES, HINT
    from .registry import ordered

    texts = [*COMMON_MESSAGES.values(), *FIELD_LABELS.values()]
    for registered in ordered():
        texts.extend(registered.messages.values())
    texts += [HINT, *(question for _layer, question in CROSS_LAYER_RULES.values())]
    return list(dict.fromkeys(texts))
