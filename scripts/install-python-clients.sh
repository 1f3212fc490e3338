#!/usr/bin/env bash
# Installs the Python packaging clients the python tests drive: current pip, twine 6.1 and uv,
# into .venv/pyclients under the repository. Idempotent: a venv that already has the pinned
# versions is left alone. Used by test/support/python-clients.ts and .ci/run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${PYTHON_CLIENTS_VENV:-$ROOT/.venv/pyclients}"
PIP_SPEC='pip>=25.1'
# twine 6.2 refuses --skip-existing for any index but PyPI's (client-side); 6.1 is the newest
# that still sends it, and the tests upload with it.
TWINE_SPEC='twine>=6.1,<6.2'
UV_SPEC='uv>=0.8'
PYTHON="${PYTHON:-python3}"

installed() {
  [ -x "$VENV/bin/twine" ] && [ -x "$VENV/bin/uv" ] && [ -x "$VENV/bin/python" ] &&
    "$VENV/bin/python" "$ROOT/scripts/venv-satisfies.py" "$PIP_SPEC" "$TWINE_SPEC" "$UV_SPEC" 2>/dev/null
}

if installed; then
  echo "python clients already installed in $VENV"
  exit 0
fi

mkdir -p "$(dirname "$VENV")"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$VENV/bin/pip" install --quiet --disable-pip-version-check "$PIP_SPEC" "$TWINE_SPEC" "$UV_SPEC" packaging
"$VENV/bin/pip" --version
"$VENV/bin/twine" --version
"$VENV/bin/uv" --version
