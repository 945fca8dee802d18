"""UK postcodes: BS 7666 format checks, normalisation, repair and extraction from text."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

# Outward code: A9, A99, AA9, AA99, A9A, AA9A; inward: 9AA (inward letters never C I K M O V).
_OUTWARD = r"(?:[A-Z]{1,2}[0-9][A-Z0-9]?)"
_INWARD = r"(?:[0-9][ABD-HJLNP-UW-Z]{2})"
VALID = re.compile(rf"^(?:{_OUTWARD}) (?:{_INWARD})$|^GIR 0AA$")
_LOOSE = re.compile(
    r"(?<![A-Z0-9])([A-Z0-9]{1,2}[0-9OIL][A-Z0-9]?)\s*([0-9OIL][A-Z0-9]{2})(?![A-Z0-9])"
)
_DIGIT_FOR = {"O": "0", "I": "1", "L": "1", "S": "5"}
_LETTER_FOR = {"0": "O", "1": "I", "5": "S", "8": "B"}


def is_valid(text: str | None) -> bool:
    """True when *text* is a postcode in BS 7666 format, e.g. ``TN13 1AA``."""
    return bool(text) and VALID.fullmatch(text) is not None  # match's $ let "…1AA\n" pass


def normalise(text: str | None) -> str | None:
    """``tn131aa`` / ``TN13  1AA`` → ``TN13 1AA``; ``B1  1AY`` → ``B1 1AY``; else None."""
    if not text:
        return None
    compact = "".join(text.upper().split())  # (str.split's whitespace is re's \s)
    if not 5 <= len(compact) <= 7:
        return None
    candidate = f"{compact[:-3]} {compact[-3:]}"
    return candidate if is_valid(candidate) else None


@lru_cache(maxsize=65536)
def repair(text: str | None) -> str | None:
    """Normalise, fixing keying slips (O↔0, I/L↔1, S↔5, B↔8); None if no single reading fits.

    Among the readings that are valid postcodes, the one with fewest changes wins; a tie
    between different readings is left unrepaired rather than guessed. (Kept per text:
    a file's records share their postcodes.)
    """
    direct = normalise(text)
    if direct or not text:
        return direct
    compact = "".join(text.upper().split())
    if not 5 <= len(compact) <= 7 or not compact.isalnum():
        return None
    options = [
        [(c, 0)] + [(alt, 1) for alt in (_DIGIT_FOR.get(c), _LETTER_FOR.get(c)) if alt]
        for c in compact
    ]
    best: dict[int, set[str]] = {}
    for combo in product(*options):
        changes = sum(cost for _, cost in combo)
        chars = "".join(c for c, _ in combo)
        candidate = f"{chars[:-3]} {chars[-3:]}"
        if is_valid(candidate):
            best.setdefault(changes, set()).add(candidate)
    if not best:
        return None
    fewest = best[min(best)]
    return next(iter(fewest)) if len(fewest) == 1 else None


#: A decimal digit (``str.isdecimal``'s: any script's).
_DIGIT = re.compile(r"\d")


def extract(text: str) -> tuple[str | None, str]:
    """Find the last postcode-like token in free text: (normalised postcode, text without it).

    A candidate needs at least one digit, must start with a letter and end with two
    letters as typed, so words such as ``CLOSE`` and text such as ``17 OLD`` or ``11 1ST``
    are never read as mis-keyed postcodes; slips in the digit positions (``NB1 OAB``) are
    repaired.
    """
    upper = text.upper()
    for match in reversed(list(_LOOSE.finditer(upper))):
        out, inw = match.group(1), match.group(2)
        if not _DIGIT.search(match.group(0)):
            continue  # a word such as CLOSE is not a mis-keyed postcode
        if not out[0].isalpha() or not inw[1:].isalpha():
            continue  # "17 OLD", "11 1ST": numbers and words, not a postcode
        postcode = repair(match.group(1) + match.group(2))
        if postcode:
            rest = (text[: match.start()] + text[match.end() :]).strip(" ,")
            return postcode, re.sub(r"\s{2,}", " ", rest)
    return None, text


_OUTWARD_ONLY = re.compile(rf"^{_OUTWARD}$")
#: A postcode's shape with any inward letters: ``AB1 2CD`` (C is never an inward letter).
_SHAPED = re.compile(rf"^({_OUTWARD}) ?([0-9])([A-Z]{{2}})?$")
_TRAILING = re.compile(
    rf"(?<![A-Z0-9])({_OUTWARD})\s+([0-9])([A-Z]{{2}})?[\s,]*$|(?<![A-Z0-9])({_OUTWARD})([0-9][A-Z]{{2}})[\s,]*$"
)


def partial(text: str | None) -> str | None:
    """The valid parts of a postcode that is not valid whole, so that they still count as
    evidence: ``AB1 2CD`` (an inward letter no postcode uses) → ``AB1 2CD`` (its district
    ``AB1`` and sector ``AB1 2`` are sound); ``LS6 9`` → ``LS6 9`` (a sector); ``LS6`` →
    ``LS6`` (a district); None when the text is a valid postcode or not even its outward
    code is valid (``MKA 7NP``).
    """
    if not text or normalise(text):
        return None
    compact = " ".join(text.upper().split())
    if _OUTWARD_ONLY.match(compact):
        return compact
    m = _SHAPED.match(compact)
    if m is None:
        return None
    out, digit, letters = m.groups()
    return f"{out} {digit}{letters or ''}"


def extract_partial(text: str) -> tuple[str | None, str]:
    """A postcode at the end of free text that is not valid whole but keeps valid parts
    (``… LEEDS LS6 9``, ``… AB1 2CD``): (its :func:`partial` form, the text without it)."""
    upper = text.upper()
    m = _TRAILING.search(upper)
    if m is None:
        return None, text
    out, digit, letters, out2, inward = m.groups()
    found = partial(f"{out} {digit}{letters or ''}" if out else f"{out2} {inward}")
    if found is None or not text[: m.start()].strip(" ,"):
        return None, text
    return found, text[: m.start()].rstrip(" ,")


def is_partial_unit(text: str) -> bool:
    """True for a :func:`partial` postcode with its whole inward code (``AB1 2CD``)."""
    return len(text.split(" ")[-1]) == 3 if " " in text else False


def outward(postcode: str) -> str:
    """``TN13 1AA`` → ``TN13``."""
    return postcode.split(" ")[0]


def sector(postcode: str) -> str:
    """``TN13 1AA`` → ``TN13 1`` (a partial sector ``TN13 1`` stays as it is)."""
    if " " in postcode and len(postcode.split(" ")[-1]) == 1:
        return postcode
    return postcode[:-2]


def district(postcode: str) -> str:
    """``TN13 1AA`` → ``TN13`` (the outward code)."""
    return outward(postcode)


def area(postcode: str) -> str:
    """``TN13 1AA`` → ``TN``."""
    return re.match(r"[A-Z]+", postcode).group(0)  # type: ignore[union-attr]
