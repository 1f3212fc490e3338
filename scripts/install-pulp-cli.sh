#!/usr/bin/env bash
# Installs the real client the e2e suite drives: pulp-cli 0.41.x (with pulp-glue) and
# openapi-spec-validator, into .venv/pulp-cli under the repository. Idempotent: a venv that
# already has the pinned versions is left alone. Used by test/support/pulp-cli.ts and .ci/run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${PULP_CLI_VENV:-$ROOT/.venv/pulp-cli}"
PULP_CLI_SPEC='pulp-cli>=0.41,<0.42'
VALIDATOR_SPEC='openapi-spec-validator>=0.7,<0.10'
PYTHON="${PYTHON:-python3}"

installed() {
  [ -x "$VENV/bin/pulp" ] && [ -x "$VENV/bin/python" ] &&
    "$VENV/bin/python" "$ROOT/scripts/venv-satisfies.py" "$PULP_CLI_SPEC" "$VALIDATOR_SPEC" 2>/dev/null
}

if installed; then
  echo "pulp-cli already installed in $VENV"
  exit 0
fi

mkdir -p "$(dirname "$VENV")"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check "$PULP_CLI_SPEC" "$VALIDATOR_SPEC" packaging
"$VENV/bin/pulp" --version
