#!/usr/bin/env bash
# `make run`: services, migrations, the demo tenant, then web + worker + beat until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
while IFS= read -r line; do export "$line"; done < <(.venv/bin/python scripts/dev_services.py up)
trap '.venv/bin/python scripts/dev_services.py down' EXIT  # stops only the embedded servers it started
export PATH="$PWD/.venv/bin:$PATH"
python manage.py migrate --noinput
python manage.py seed_demo
honcho -f Procfile start
