#!/usr/bin/env bash
# Set up a fresh Debian/Ubuntu machine: QGIS from apt (as root, if missing), then a venv
# that sees the system's PyQGIS, with the Python packages of requirements-dev.txt.
# numpy is pinned to the system's version: the system GDAL and QGIS bindings are built on it.
set -euo pipefail
VENV=${1:-.venv}
here=$(cd "$(dirname "$0")/.." && pwd)

need_apt=()
command -v qgis_process >/dev/null 2>&1 || need_apt+=(qgis qgis-providers)
/usr/bin/python3 -c "import qgis.core" >/dev/null 2>&1 || need_apt+=(python3-qgis)
/usr/bin/python3 -c "import ensurepip, venv" >/dev/null 2>&1 || need_apt+=(python3-venv)
/usr/bin/python3 -m pip --version >/dev/null 2>&1 || need_apt+=(python3-pip)
command -v xvfb-run >/dev/null 2>&1 || need_apt+=(xvfb xauth)
command -v java >/dev/null 2>&1 || need_apt+=(openjdk-17-jre-headless)  # pyspark (tests/batch)
if ((${#need_apt[@]})); then
    if [ "$(id -u)" != 0 ]; then
        echo "PlaceLink set-up needs these Debian packages: ${need_apt[*]}" >&2
        echo "Run as root, or: sudo apt-get install -y --no-install-recommends ${need_apt[*]}" >&2
        exit 1
    fi
    echo "Installing ${need_apt[*]} from apt…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends qgis python3-qgis qgis-providers \
        python3-venv python3-pip xvfb xauth "${need_apt[@]}" >/dev/null
fi

if [ ! -x "$VENV/bin/python" ]; then
    /usr/bin/python3 -m venv --system-site-packages "$VENV"
fi
numpy_version=$(/usr/bin/python3 -c "import numpy; print(numpy.__version__)")
echo "numpy==$numpy_version" > "$VENV/constraints.txt"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check \
    -c "$VENV/constraints.txt" -r "$here/requirements-dev.txt"
"$VENV/bin/python" -c "import numpy, shapely, rapidfuzz, qgis.core; \
print(f'set-up done: QGIS {qgis.core.Qgis.QGIS_VERSION}, numpy {numpy.__version__}, shapely {shapely.__version__}')"
