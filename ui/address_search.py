"""One address search per gazetteer layer, built in the background and shared by the
Find address dock and QGIS's locator bar (Ctrl+K).

Reading a layer's features happens off the main thread through a
``QgsVectorLayerFeatureSource`` (the thread-safe copy QGIS provides for this), so
opening a 500,000-address gazetteer never freezes QGIS.
"""

from __future__ import annotations

from collections.abc import Callable

from qgis.core import (
    QgsApplication,
    QgsFeatureRequest,
    QgsTask,
    QgsVectorLayer,
    QgsVectorLayerFeatureSource,
)

from ..i18n import tr


class _ThreadSource:
    """A layer's feature source for a worker thread, with the count taken on the main one."""

    def __init__(self, layer: QgsVectorLayer) -> None:
        self._source = QgsVectorLayerFeatureSource(layer)
        self._fields = layer.fields()
        self._count = layer.featureCount()

    def fields(self):
        return self._fields

    def featureCount(self) -> int:
        return self._count

    def getFeatures(self, request: QgsFeatureRequest):
        return self._source.getFeatures(request)


class SearchCache:
    """The search for one layer at a time: ``get`` answers at once (None while building)."""

    def __init__(self) -> None:
        self.layer_id: str | None = None
        self.search = None  # core.matching.search.AddressSearch once built
        self.error: str | None = None
        self._building: str | None = None
        self._task: QgsTask | None = None
        self._waiting: list[Callable[[], None]] = []

    def get(self, layer: QgsVectorLayer | None, when_ready: Callable[[], None] | None = None):
        """The search for *layer*, or None while it is being built (then *when_ready* runs
        on the main thread once it is: with the search, or with ``error`` set)."""
        if layer is None:
            return None
        if self.search is not None and self.layer_id == layer.id():
            return self.search
        if when_ready is not None:
            self._waiting.append(when_ready)
        if self._building != layer.id():
            self._start(layer)
        return None

    @property
    def building(self) -> bool:
        return self._building is not None

    def _start(self, layer: QgsVectorLayer) -> None:
        from ..core.dependencies import refusal_message

        self.error = refusal_message(("rapidfuzz",))
        if self.error:
            self._notify()
            return
        if layer.fields().indexOf("uprn") < 0:
            self.error = tr("{layer} has no 'uprn' field: choose a canonical addresses layer.")
            self.error = self.error.format(layer=layer.name())
            self._notify()
            return
        layer_id, source = layer.id(), _ThreadSource(layer)
        self._building, self.search, self.error = layer_id, None, None

        def build(task, source):
            from ..core.matching.search import AddressSearch
            from ..qgis_support.gazetteer import matcher_for, read_records

            records = read_records(source, task)  # the task reports progress, can cancel
            if task.isCanceled():
                return None
            return AddressSearch(records, matcher_for(records))

        def done(exception, search=None) -> None:
            if self._building != layer_id:
                return  # another layer was asked for meanwhile
            self._building, self._task = None, None
            if exception is not None or search is None:
                self.error = tr("Indexing failed: {reason}").format(reason=exception)
            else:
                self.layer_id, self.search = layer_id, search
            self._notify()

        self._task = QgsTask.fromFunction(
            tr("PlaceLink: indexing addresses"), build, source, on_finished=done
        )
        QgsApplication.taskManager().addTask(self._task)

    def cancel(self) -> None:
        """Stop a build in progress and wait for it (the plugin is unloading)."""
        task, self._task, self._building = self._task, None, None
        self._waiting = []
        if task is not None:
            try:
                task.cancel()
                task.waitForFinished(60_000)
            except RuntimeError:  # already finished and deleted
                pass

    def _notify(self) -> None:
        waiting, self._waiting = self._waiting, []
        for callback in waiting:
            try:
                callback()
            except RuntimeError:  # the dock that asked was closed meanwhile
                pass


#: The plugin's one cache: the dock and the locator share the index they built.
SEARCHES = SearchCache()


def default_gazetteer() -> QgsVectorLayer | None:
    """The project's first point layer with a ``uprn`` field (for the locator bar when no
    gazetteer was chosen in the Find address dock)."""
    from qgis.core import QgsProject

    from ..qgis_support.compat import GEOMETRY_POINT

    for layer in QgsProject.instance().mapLayers().values():
        if (
            isinstance(layer, QgsVectorLayer)
            and layer.geometryType() == GEOMETRY_POINT
            and layer.fields().indexOf("uprn") >= 0
            and layer.fields().indexOf("address") >= 0
        ):
            return layer
    return None
