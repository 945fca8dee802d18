"""The Review matches dock: step through ambiguous and low-score matches and decide.

Decisions are written straight to the match results layer's data source (who and when
included), so they are kept even if QGIS closes; nothing is held only in memory.
"""

from __future__ import annotations

import getpass
import re
from datetime import datetime, timezone

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsSettings,
    QgsVectorLayer,
)
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QListWidgetItem, QWidget

from ..core.matching.results import (
    AMBIGUOUS,
    MATCHED,
    UNMATCHED,
    is_match_field,
    names_in,
    record_text,
)
from ..core.matching.results import run_fields as match_run_fields
from ..core.matching.review import REVIEW_MARGIN, review_expression, review_priority
from ..core.review_decisions import Decision, Stamp
from ..i18n import tr
from ..processing.match_addresses import MatchAddresses
from ..qgis_support.compat import LAYER_POINT, REQUEST_NO_GEOMETRY
from ..qgis_support.fields import plain_value
from ..qgis_support.provenance import run_parameters, without_password
from .address_search import SEARCHES
from .dock_base import load_form, set_scrolling_body, wrap_long_items
from .map_focus import focus_points
from .review_store import NotSavedError, RefusedError, stamp_of, write_decision

CANDIDATE_ROLE = Qt.ItemDataRole.UserRole
#: Field names that hold identifiers, not address text.
ID_NAME = re.compile(r"(^fid$|^id$|_id$|^id_|ref|account|record|^uprn|^usrn)", re.IGNORECASE)


def reviewer() -> str:
    """Who is reviewing: the QGIS author name if set, else the login name."""
    name = QgsSettings().value("qgis/userFullName", "") or ""
    return str(name) or getpass.getuser()


class ReviewDock(QgsDockWidget):
    """Walk the rows that need a human decision; accept, reject or pick another UPRN."""

    STATE_WIDGETS = {
        "gazetteer": "gazetteerCombo", "matches": "matchesCombo", "below": "scoreSpin",
    }  # fmt: skip

    TITLE = "PlaceLink: Review matches"

    def tr(self, text: str) -> str:  # one translation context for all of PlaceLink
        return tr(text)

    def __init__(self, iface, parent: QWidget | None = None) -> None:
        super().__init__(tr(self.TITLE), parent)
        self.iface = iface
        self.setObjectName(type(self).__name__)
        self.body = QWidget(self)
        self.ui = load_form("review_dock.ui", self.body)
        set_scrolling_body(self, self.body)
        ui = self.ui
        wrap_long_items(ui.candidatesList)
        # enum properties are set here: Qt5's uic cannot read scoped ones, Qt6's unscoped ones
        ui.positionLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        ui.recordLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        ui.matchesCombo.setFilters(LAYER_POINT)
        ui.gazetteerCombo.setFilters(LAYER_POINT)
        ui.matchesCombo.layerChanged.connect(self.load_queue)
        ui.scoreSpin.valueChanged.connect(self.load_queue)
        ui.previousButton.clicked.connect(lambda: self.show_row(self.position - 1))
        ui.nextButton.clicked.connect(lambda: self.show_row(self.position + 1))
        ui.acceptButton.clicked.connect(self.accept)
        ui.rejectButton.clicked.connect(self.reject_match)
        ui.pickButton.clicked.connect(self.pick_selected)
        ui.searchEdit.textChanged.connect(self.search_gazetteer)
        self.queue: list[int] = []
        self.position = 0
        #: The result fields' names in the layer (``match_uprn`` where the input had a uprn).
        self.names = names_in([])
        #: (feature id, decision stamp) of the row on screen: a decision is written only
        #: if the row still has that stamp (nobody else decided it meanwhile).
        self.shown: tuple[int, Stamp] | None = None

    # the queue ---------------------------------------------------------------------------
    def layer(self) -> QgsVectorLayer | None:
        layer = self.ui.matchesCombo.currentLayer()
        if layer is None:
            return None
        self.names = names_in(layer.fields().names())
        if layer.fields().indexOf(self.names["match_status"]) < 0:
            return None
        return layer

    def value(self, feature: QgsFeature, name: str) -> object:
        """The result field *name* (``uprn``, ``match_status``…) of *feature*."""
        return plain_value(feature[self.names[name]])

    def load_queue(self) -> list[int]:
        """Feature ids not yet decided that need a person (``core.matching.review``):
        ambiguous; matched below the score or the margin; unmatched where something came
        close (a score above 0). The most likely wrong first."""
        layer = self.layer()
        self.queue, self.position = [], 0
        if layer is None:
            self.ui.statusLabel.setText(self.tr("That layer is not a Match addresses output."))
            self._show_nothing()
            return []
        below = self.ui.scoreSpin.value()
        expression = review_expression(below, REVIEW_MARGIN, self.names)
        request = QgsFeatureRequest().setFilterExpression(expression)
        request.setFlags(REQUEST_NO_GEOMETRY)
        self.queue = [
            fid
            for _key, fid in sorted(
                (review_priority(self.value(f, "match_score"), self.value(f, "margin")), f.id())
                for f in layer.getFeatures(request)
            )
        ]
        if layer.providerType() == "memory":
            self.ui.statusLabel.setText(
                self.tr("This layer is temporary: save it (Make Permanent) so your decisions "
                        "survive closing QGIS.")
            )  # fmt: skip
        else:
            self.ui.statusLabel.setText(
                self.tr("{n:,} record(s) to review.").format(n=len(self.queue))
            )
        self.show_row(0)
        return self.queue

    def current(self) -> QgsFeature | None:
        layer = self.layer()
        if layer is None or not self.queue:
            return None
        return layer.getFeature(self.queue[self.position])

    def show_row(self, position: int) -> None:
        """Show the record at *position* in the queue beside its candidates."""
        if not self.queue:
            self._show_nothing()
            return
        self.position = max(0, min(position, len(self.queue) - 1))
        feature = self.current()
        self.shown = (feature.id(), stamp_of(feature))
        layer = self.layer()
        record = self.record_text(feature)
        self.ui.positionLabel.setText(f"{self.position + 1} of {len(self.queue)}")
        self.ui.recordLabel.setText(
            f"<b>Record:</b> {record}<br><b>Status:</b> {self.value(feature, 'match_status')} "
            f"({float(self.value(feature, 'match_score') or 0):.0f})<br><b>Match:</b> "
            f"{self.value(feature, 'matched_address') or '—'}<br><b>Why:</b> "
            f"{self.value(feature, 'match_reason') or ''}"
        )
        self.ui.searchEdit.blockSignals(True)  # a new record: its own candidates again
        self.ui.searchEdit.clear()
        self.ui.searchEdit.blockSignals(False)
        self.fill_candidates(record, feature)
        points = []
        if not feature.geometry().isEmpty():
            points.append(feature.geometry().asPoint())
        for i in range(self.ui.candidatesList.count()):
            _uprn, _address, x, y = self.ui.candidatesList.item(i).data(CANDIDATE_ROLE)
            if x is not None:
                points.append(QgsPointXY(x, y))
        focus_points(self.iface, points, layer.crs())

    def record_text(self, feature: QgsFeature) -> str:
        """The address the matcher was given (``core.matching.results.record_text``): the
        ADDRESS_FIELDS and POSTCODE_FIELD of the run, read from the layer's provenance, else
        every text field that is neither an id nor the match's."""
        row = {field.name(): plain_value(feature[field.name()]) for field in feature.fields()}
        address, postcode = self.address_fields(feature.fields())
        return record_text(row, address, postcode)

    def address_fields(self, fields) -> tuple[list[str], str | None]:
        """The fields that hold the record's address, and its postcode field if known."""
        layer = self.layer()
        algorithm = f"placelink:{MatchAddresses.ID}"
        parameters = run_parameters(layer, algorithm) if layer is not None else {}
        chosen, postcode = match_run_fields(parameters)
        present = [name for name in chosen if fields.indexOf(name) >= 0]
        if present:
            return present, postcode if postcode and fields.indexOf(postcode) >= 0 else None
        guessed = [
            f.name() for f in fields
            if not is_match_field(f.name()) and not ID_NAME.search(f.name()) and not f.isNumeric()
        ]  # fmt: skip
        return guessed, None

    def fill_candidates(self, record: str, feature: QgsFeature) -> None:
        """The matcher's best addresses for the record (the matched one ticked; none that
        scores 0); the index is built in the background the first time (the list fills when
        it is ready)."""
        candidates = self.ui.candidatesList
        candidates.clear()
        search = self._search()
        if search is None:
            return
        for result in search.matcher.lookup(record, 8):
            chosen = result.uprn == self.value(feature, "uprn")
            if result.match_score <= 0 and not chosen:
                continue  # nothing of the record agrees: noise, not a candidate
            mark = "✓ " if chosen else ""
            item = QListWidgetItem(f"{mark}{result.matched_address}  ({result.match_score:.0f})")
            item.setToolTip(f"UPRN {result.uprn}: {result.match_reason}")
            item.setData(CANDIDATE_ROLE, (result.uprn, result.matched_address, result.x, result.y))
            candidates.addItem(item)

    def search_gazetteer(self, text: str | None = None) -> int:
        """Search box: list the gazetteer's addresses for *text* (a UPRN, a postcode, a
        street, an address) to pick the right one by hand; empty: the record's candidates."""
        text = self.ui.searchEdit.text() if text is None else text
        feature = self.current()
        if not text.strip():
            if feature is not None:
                self.fill_candidates(self.record_text(feature), feature)
            return self.ui.candidatesList.count()
        candidates = self.ui.candidatesList
        candidates.clear()
        search = self._search()
        if search is None:
            return 0
        for hit in search.search(text, 30):
            mark = "✓ " if feature is not None and hit.uprn == self.value(feature, "uprn") else ""
            item = QListWidgetItem(f"{mark}{hit.address}")
            item.setToolTip(f"UPRN {hit.uprn}: {hit.why}")
            item.setData(CANDIDATE_ROLE, (hit.uprn, hit.address, hit.x, hit.y))
            candidates.addItem(item)
        return candidates.count()

    def _search(self):
        """The gazetteer's search and matcher (shared with Find address), or None while it
        is built in the background: never on QGIS's main thread."""
        gazetteer = self.ui.gazetteerCombo.currentLayer()
        if gazetteer is None:
            return None
        search = SEARCHES.get(gazetteer, self._search_ready)
        if search is None:
            self.ui.statusLabel.setText(
                SEARCHES.error
                or self.tr("Indexing {n:,} addresses…").format(n=gazetteer.featureCount())
            )
        return search

    def _search_ready(self) -> None:
        if self.queue:
            self.show_row(self.position)
            self.ui.statusLabel.setText(
                self.tr("{n:,} record(s) to review.").format(n=len(self.queue))
            )

    def _show_nothing(self) -> None:
        self.ui.positionLabel.setText("0 of 0")
        self.ui.recordLabel.setText(self.tr("Nothing to review."))
        self.ui.candidatesList.clear()

    # decisions ---------------------------------------------------------------------------
    def accept(self) -> bool:
        """Accept the matcher's answer. Refused for a record tied between addresses (flats
        of one building): which of them is the officer's choice, never the first by
        default."""
        feature = self.current()
        if feature is None:
            return False
        if self.shown and self.shown[0] == feature.id() and stamp_of(feature) != self.shown[1]:
            # someone decided the row since it was shown: say who and when, move on
            return self._decide(feature, "accepted", {"match_status": MATCHED})
        if self.value(feature, "uprn") is None:
            self.ui.statusLabel.setText(
                self.tr(
                    "This record has no match to accept: choose an address in the list and "
                    "press Use selected, or press No match."
                )
            )
            return False
        if self.value(feature, "match_status") == AMBIGUOUS:
            self.ui.statusLabel.setText(
                self.tr(
                    "This record is tied between several addresses: choose the right one in "
                    "the list (or search for it) and press Use selected."
                )
            )
            return False
        return self._decide(feature, "accepted", {"match_status": MATCHED})

    def reject_match(self) -> bool:
        feature = self.current()
        if feature is None:
            return False
        changes = {"match_status": UNMATCHED, "uprn": None, "matched_address": None}
        return self._decide(feature, "rejected", changes, geometry=QgsGeometry())

    def pick_selected(self) -> bool:
        feature = self.current()
        item = self.ui.candidatesList.currentItem()
        if feature is None or item is None:
            return False
        uprn, address, x, y = item.data(CANDIDATE_ROLE)
        changes = {"match_status": MATCHED, "uprn": uprn, "matched_address": address}
        geometry = QgsGeometry.fromPointXY(QgsPointXY(x, y)) if x is not None else None
        decision = "accepted" if uprn == self.value(feature, "uprn") else "changed"
        return self._decide(feature, decision, changes, geometry)

    def _decide(
        self, feature: QgsFeature, decision: str, changes: dict, geometry: QgsGeometry | None = None
    ) -> bool:
        """Write the decision with who and when to the layer's data source, then move on.

        RefusedError, with who and when, if someone else decided the row since it was shown.
        """
        layer = self.layer()
        shown = self.shown[1] if self.shown and self.shown[0] == feature.id() else stamp_of(feature)
        new_uprn = changes.get("uprn", self.value(feature, "uprn"))
        record = Decision(
            key=feature.id(),
            old_uprn=_uprn(self.value(feature, "uprn")),
            new_uprn=_uprn(new_uprn),
            decision=decision,
            by=reviewer(),
            at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        )
        changes = {self.names.get(name, name): value for name, value in changes.items()}
        try:
            write_decision(layer, feature, shown, record, changes, geometry)
        except RefusedError as refused:
            layer.reload()
            self.queue.pop(self.position)
            self.show_row(self.position)
            self.ui.statusLabel.setText(
                self.tr(
                    "Not saved: {who} already decided this record ({decision}) at {when}. "
                    "Moved on to the next one."
                ).format(who=refused.stamp.by, decision=refused.stamp.decision,
                         when=refused.stamp.at)
            )  # fmt: skip
            return False
        except NotSavedError as error:
            self.ui.statusLabel.setText(
                self.tr("Could not save the decision on {layer}: {reason}").format(
                    layer=layer.name(), reason=without_password(str(error))
                )
            )
            return False
        layer.reload()
        layer.triggerRepaint()
        self.queue.pop(self.position)
        self.ui.statusLabel.setText(
            self.tr("Saved: {decision}. {queue:,} record(s) left to review.").format(
                decision=decision, queue=len(self.queue)
            )
        )
        self.show_row(self.position)
        return True


def _uprn(value: object) -> int | None:
    try:
        return int(value) if value is not None and str(value) != "NULL" else None
    except (TypeError, ValueError):
        return None
