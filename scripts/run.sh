#!/usr/bin/env bash
# `make run`: services, migrations, the demo tenant, then web + worker + beat until Ctrl-C.
# WEB_PORT (default 8000) is the web server's port; the printed URL and the links in mails follow it.
set -euo pipefail
cd "$(dirname "$0")/.."
services="$(.venv/bin/python scripts/dev_services.py up)"  # exits with one sentence when setup cannot go on
while IFS= read -r line; do export "$line"; done <<<"$services"
trap '.venv/bin/python scripts/dev_services.py down' EXIT  # stops only the embedded servers it started
export PATH="$PWD/.venv/bin:$PATH"
export WEB_PORT="${WEB_PORT:-8000}"
export SITE_URL="${SITE_URL:-http://127.0.0.1:${WEB_PORT}}"
# Development mails (invitations, notifications) go to files, not into the terminal between the credentials.
if [[ -z "${EMAIL_BACKEND:-}" && -z "${EMAIL_HOST:-}" ]]; then
  export EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend"
  export EMAIL_FILE_PATH="${EMAIL_FILE_PATH:-$PWD/.local/mail}"
  mkdir -p "$EMAIL_FILE_PATH"
fi
python manage.py migrate --noinput  # as the owner role (DATABASE_OWNER_URL), which then grants the app role
unset DATABASE_OWNER_URL  # web, worker and beat run as the application role only, as in production
python manage.py seed_demo
if [[ -n "${EMAIL_FILE_PATH:-}" ]]; then
  echo "Mails sent while it runs are written to ${EMAIL_FILE_PATH}/ (one file per message)."
  echo
fi
honcho -f Procfile start
