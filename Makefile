# PlaceLink: `make demo` and `make test` each work as the first command on a fresh
# Debian/Ubuntu machine (run as root, or with QGIS already installed).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.placelink-setup
export QT_QPA_PLATFORM ?= offscreen
export XDG_RUNTIME_DIR ?= /tmp/runtime-$(shell id -u)
export PYTHONDONTWRITEBYTECODE := 1

PLUGIN_CODE := plugin.py __init__.py i18n.py metadata.py core processing qgis_support ui

.PHONY: setup test test-core test-qgis test-matrix demo screenshots lint package deploy sample readme bench clean

setup: $(STAMP)

$(STAMP): requirements-dev.txt scripts/setup.sh
	bash scripts/setup.sh $(VENV)
	@touch $@

## test: every test: core without QGIS, then processing, UI and qgis_process runs in real QGIS
test: setup
	$(MAKE) --no-print-directory lint test-core test-qgis

## test-matrix: `make test` in a fresh clone on Debian trixie (QGIS 3.40) and sid (QGIS 3.44) chroots (root; cached in /var/cache/placelink)
test-matrix:
	bash scripts/test_matrix.sh

test-core: setup
	$(PY) -m pytest -p no:qgis tests/core tests/batch

test-qgis: setup
	@mkdir -p $(XDG_RUNTIME_DIR) && chmod 700 $(XDG_RUNTIME_DIR)
	$(PY) -m pytest $(wildcard tests/processing tests/ui tests/e2e)

## demo: run PlaceLink on the bundled sample council through qgis_process
demo: setup
	@mkdir -p $(XDG_RUNTIME_DIR) && chmod 700 $(XDG_RUNTIME_DIR)
	$(PY) scripts/demo.py

## screenshots: docs/screenshots/<size>/*.png of every dock at 1366x768 and 1920x1080, taken in real QGIS under Xvfb (runs the demo first if needed)
screenshots: setup
	@mkdir -p $(XDG_RUNTIME_DIR) && chmod 700 $(XDG_RUNTIME_DIR)
	$(PY) scripts/screenshots.py

## lint: ruff; Python 3.9 syntax in the plugin code (vermin); the plugin repository's upload scan (bandit, detect-secrets)
lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/vermin -q -t=3.9- --violations --no-tips $(PLUGIN_CODE)
	$(PY) scripts/package.py --check-only

## sample: regenerate resources/sample/ (deterministic)
sample: setup
	$(PY) scripts/make_sample_council.py
	$(PY) scripts/export_sample_dtf.py

## readme: refresh README.md's table of quality rules from the rule registry
readme: setup
	$(PY) scripts/readme_rules.py

## package: dist/placelink-<version>.zip for Plugins › Install from ZIP (after the repository's checks)
package: setup
	$(PY) scripts/package.py

## deploy: link this checkout into the default QGIS profile as the `placelink` plugin
deploy:
	@dest="$${QGIS_PROFILE_DIR:-$$HOME/.local/share/QGIS/QGIS3/profiles/default}/python/plugins"; \
	mkdir -p "$$dest"; ln -sfn "$(CURDIR)" "$$dest/placelink"; \
	echo "Linked $(CURDIR) as $$dest/placelink; enable PlaceLink in Plugins › Manage and Install Plugins."

## bench: list the benchmarks; make bench BENCH="quality --addresses 50000" runs one
bench: setup
	$(PY) -m bench $(BENCH)

clean:
	rm -rf build dist output .pytest_cache .ruff_cache
