#!/usr/bin/env bash
# The test suite on a fresh machine: install, then run every test (browser and PostgreSQL tests skip, with a
# message, when chromium or a server is absent; .ci/run provides both).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
