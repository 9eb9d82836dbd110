#!/usr/bin/env bash
# The main job on a fresh machine: install, ingest the bundled examples into SQLite, print a summary, serve the UI.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/newsledger demo "$@"
