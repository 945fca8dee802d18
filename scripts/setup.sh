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
# pyproj in a venv finds PROJ's data (proj.db) through the proj program, as sys.prefix is
# the venv: Debian 13+'s QGIS no longer brings proj-bin.
command -v proj >/dev/null 2>&1 || need_apt+=(proj-bin)
# lrelease compiles the interface translations (i18n/*.ts) for the tests and the package.
[ -x /usr/lib/qt5/bin/lrelease ] || command -v lrelease >/dev/null 2>&1 || need_apt+=(qttools5-dev-tools)
# The tests start their own PostgreSQL + PostGIS (tests/postgis_server.py): any version.
ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1 || need_apt+=(postgresql postgis)
# setuptools builds the checkout as a package (the placelink-batch command's test).
/usr/bin/python3 -c "import setuptools" >/dev/null 2>&1 || need_apt+=(python3-setuptools)
# Java for pyspark (tests/batch): 17 where the release has it (Debian 12, sid), else 21 (13).
need_java=0
command -v java >/dev/null 2>&1 || need_java=1
if ((${#need_apt[@]})) || ((need_java)); then
    if [ "$(id -u)" != 0 ]; then
        ((need_java)) && need_apt+=(openjdk-17-jre-headless)
        echo "PlaceLink set-up needs these Debian packages: ${need_apt[*]}" >&2
        echo "Run as root, or: sudo apt-get install -y --no-install-recommends ${need_apt[*]}" >&2
        exit 1
    fi
    echo "Installing from apt: ${need_apt[*]}$( ((need_java)) && echo ' and Java')"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    if ((need_java)); then
        for jre in openjdk-17-jre-headless openjdk-21-jre-headless; do
            # (sed reads all of it: a grep -q would end the pipe early, and pipefail would
            # call that a failure)
            candidate=$(apt-cache policy "$jre" 2>/dev/null | sed -n 's/^ *Candidate: //p' || true)
            if [ -n "$candidate" ] && [ "$candidate" != "(none)" ]; then
                need_apt+=("$jre")
                break
            fi
        done
    fi
    apt-get install -y -qq --no-install-recommends qgis python3-qgis qgis-providers \
        python3-venv python3-pip xvfb xauth "${need_apt[@]}" >/dev/null
    if [[ " ${need_apt[*]} " == *" postgis "* ]]; then
        # `postgis` only recommends the extension for the server's own major version.
        pg_major=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
        apt-get install -y -qq --no-install-recommends "postgresql-$pg_major-postgis-3" >/dev/null
    fi
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
