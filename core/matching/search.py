"""Search a gazetteer as an officer types: a UPRN, a postcode (whole or begun), a street,
or address text with slips and typos.

Matching (``Matcher``) answers "which one address is this record?"; search answers
"show me what fits what I have typed so far", so a postcode alone lists every address
there and a street alone lists the street. Address text goes to the matcher's own
look-up too (one matcher), and street names are compared with rapidfuzz so ``10 hgih st``
still finds 10 High Street. Every hit says in words why it was found.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..normalise import normalise
from ..postcode import extract as extract_postcode

#: Street-name similarity (rapidfuzz WRatio, 0–100) a street needs to be offered.
STREET_CUTOFF = 72.0
_UPRN = re.compile(r"^\s*(?:UPRN\s*)?(\d{4,12})\s*$", re.IGNORECASE)
_POSTCODE_START = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?(?:[0-9][A-Z]{0,2})?$")
_NUMBER = re.compile(r"^(\d+)([A-Z]?)$")


@dataclass(frozen=True)
class Hit:
    """One address found: its relevance (0–100, higher first) and why it was found."""

    uprn: int
    address: str
    x: float | None
    y: float | None
    relevance: int
    why: str


@dataclass
class _Street:
    name: str  # e.g. "OLD HATHERLEY ROAD, BRACKENFORD"
    street: str  # e.g. "OLD HATHERLEY ROAD"
    rows: list[int]


class AddressSearch:
    """An in-memory search over canonical address records (built once, read-only after:
    safe to query from QGIS's locator thread)."""

    def __init__(self, records: Iterable[Mapping[str, object]], matcher: object = None) -> None:
        self.matcher = matcher
        self.uprns: list[int] = []
        self.addresses: list[str] = []
        self.xy: list[tuple[float | None, float | None]] = []
        self._numbers: list[tuple[int | None, str]] = []
        self._row_of: dict[int, int] = {}
        by_postcode: dict[str, list[int]] = {}
        self._postcode_text: dict[str, str] = {}  # compact key → as the gazetteer writes it
        by_street: dict[str, list[int]] = {}
        for rec in records:
            uprn = _as_int(rec.get("uprn"))
            if uprn is None or uprn in self._row_of:
                continue
            row = len(self.uprns)
            self._row_of[uprn] = row
            self.uprns.append(uprn)
            self.addresses.append(str(rec.get("address") or "").strip())
            self.xy.append((_as_float(rec.get("x")), _as_float(rec.get("y"))))
            self._numbers.append(
                (_as_int(rec.get("pao_start_number")), str(rec.get("pao_start_suffix") or ""))
            )
            code = " ".join(str(rec.get("postcode") or "").upper().split())
            if code:  # kept as written: a gazetteer's odd postcode is still searchable
                by_postcode.setdefault(code.replace(" ", ""), []).append(row)
                self._postcode_text.setdefault(code.replace(" ", ""), code)
            street = normalise(rec.get("street_description") or "")
            if street:
                place = normalise(rec.get("locality") or rec.get("town") or "")
                key = f"{street}, {place}" if place else street
                by_street.setdefault(key, []).append(row)
        self._postcode_rows = {k: self._in_order(v) for k, v in by_postcode.items()}
        self._postcode_keys = sorted(self._postcode_rows)
        self._streets = [
            _Street(k, k.split(", ")[0], self._in_order(v)) for k, v in sorted(by_street.items())
        ]
        self._street_names = [s.name for s in self._streets]
        self._bare_names = [s.street for s in self._streets]
        self._at_point: dict[tuple, list[int]] | None = None  # built on first use

    def __len__(self) -> int:
        return len(self.uprns)

    def _in_order(self, rows: list[int]) -> list[int]:
        """Rows in reading order: by house number, then the address text."""
        return sorted(rows, key=lambda r: (self._numbers[r][0] or 0, _natural(self.addresses[r])))

    def search(self, text: str, limit: int = 50) -> list[Hit]:
        """The addresses that fit *text*, most relevant first (at most *limit*)."""
        text = (text or "").strip()
        if not text:
            return []
        uprn = _UPRN.match(text)
        if uprn:
            row = self._row_of.get(int(uprn.group(1)))
            if row is not None:
                return [self._hit(row, 100, "UPRN")]
        compact = re.sub(r"\s+", "", text.upper())
        if _POSTCODE_START.match(compact):
            hits = self._postcode_hits(compact, limit)
            if hits:
                return hits
        found: dict[int, Hit] = {}
        code, rest = extract_postcode(text)
        if code and rest:
            for row in self._postcode_rows.get(code.replace(" ", ""), []):
                if _words_in(normalise(rest), self.addresses[row]):
                    found[row] = self._hit(row, 100, f"postcode {code} and the text")
        street_score: dict[int, int] = {}  # ties among equals go to the nearer street name
        for hit in self._street_hits(rest if code else text, limit):
            row = self._row_of[hit.uprn]
            found.setdefault(row, hit)
            street_score[row] = max(street_score.get(row, 0), hit.relevance)
        for hit in self._matcher_hits(text, limit):
            row = self._row_of.get(hit.uprn)
            if row is not None and (row not in found or found[row].relevance < hit.relevance):
                found[row] = hit
        ranked = sorted(
            found.items(),
            key=lambda kv: (-kv[1].relevance, -street_score.get(kv[0], 0), _natural(kv[1].address)),
        )
        return [hit for _, hit in ranked[:limit]]

    def same_point(self, uprn: int) -> list[Hit]:
        """Every address at the point of *uprn* (flats stacked on one building point)."""
        row = self._row_of.get(int(uprn))
        if row is None or None in self.xy[row]:
            return []
        if self._at_point is None:
            at: dict[tuple, list[int]] = {}
            for r, xy in enumerate(self.xy):
                if None not in xy:
                    at.setdefault(xy, []).append(r)
            self._at_point = {k: self._in_order(v) for k, v in at.items() if len(v) > 1}
        rows = self._at_point.get(self.xy[row], [row])
        return [self._hit(r, 100, "at the same point") for r in rows]

    def _hit(self, row: int, relevance: float, why: str) -> Hit:
        x, y = self.xy[row]
        return Hit(self.uprns[row], self.addresses[row], x, y, round(relevance), why)

    def _postcode_hits(self, compact: str, limit: int) -> list[Hit]:
        """Every address at a whole postcode, or at the postcodes a begun one starts."""
        rows = self._postcode_rows.get(compact)
        if rows is not None:
            why = f"postcode {self._postcode_text[compact]} ({len(rows)} addresses)"
            return [self._hit(r, 100, why) for r in rows[:limit]]
        hits: list[Hit] = []
        start = bisect.bisect_left(self._postcode_keys, compact)
        for key in self._postcode_keys[start:]:
            if not key.startswith(compact) or len(hits) >= limit:
                break
            why = f"postcode {self._postcode_text[key]}"
            hits.extend(self._hit(r, 90, why) for r in self._postcode_rows[key])
        return hits[:limit]

    def _street_hits(self, text: str, limit: int) -> list[Hit]:
        """Addresses on the streets whose names are nearest the words typed (after any
        house number): all of a street when no number is typed."""
        if not self._street_names:
            return []
        from rapidfuzz import fuzz, process

        words = normalise(text).split()
        number = None
        if words and _NUMBER.match(words[0]):
            m = _NUMBER.match(words.pop(0))
            number = (int(m.group(1)), m.group(2)) if m else None
        query = " ".join(words)
        if len(query) < 3:
            return []
        best: dict[int, float] = {}  # typed against "street, place" and the street alone
        for names in (self._street_names, self._bare_names):
            for _name, score, k in process.extract(
                query, names, scorer=fuzz.WRatio, limit=5, score_cutoff=STREET_CUTOFF
            ):
                best[k] = max(best.get(k, 0.0), score)
        hits: list[Hit] = []
        for k, score in sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:5]:
            street = self._streets[k]
            if number is None:
                why = f"street {street.name} ({len(street.rows)} addresses)"
                hits.extend(self._hit(r, score * 0.9, why) for r in street.rows[: limit // 2])
                continue
            for r in street.rows:
                n, suffix = self._numbers[r]
                if n == number[0]:
                    exact = suffix == number[1]
                    why = f"number {n}{suffix} on {street.name}"
                    hits.append(self._hit(r, score if exact else score * 0.9, why))
        return hits

    def _matcher_hits(self, text: str, limit: int) -> list[Hit]:
        """The matcher's own look-up (names of buildings and organisations, full text)."""
        lookup = getattr(self.matcher, "lookup", None)
        if lookup is None:
            return []
        hits = []
        for res in lookup(text, min(limit, 10)):
            if res.uprn is None:
                continue
            relevance = max(1.0, min(100.0, float(res.match_score or 0)))
            hits.append(
                Hit(
                    int(res.uprn),
                    res.matched_address or "",
                    res.x,
                    res.y,
                    round(relevance),
                    "address text",
                )
            )
        return hits


def _natural(text: str) -> tuple:
    """A sort key reading numbers as numbers: FLAT 2 before FLAT 10."""
    return tuple((0, int(p), "") if p.isdecimal() else (1, 0, p) for p in re.split(r"(\d+)", text))


def _words_in(words: str, address: str) -> bool:
    """True when every word typed appears in the address (normalised), in any order."""
    have = set(normalise(address).split())
    return all(w in have for w in words.split())


def _as_int(value: object) -> int | None:
    try:
        return int(value) if value not in (None, "") else None  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _as_float(value: object) -> float | None:
    try:
        return float(value) if value not in (None, "") else None  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
