#!/usr/bin/env bash
# The database roles as an installation sets them up (ADR 0011), in the throw-away cluster
# of scripts/with-test-postgres.sh (DATABASE_URL is its superuser): create the roles, run
# the migrations as the owner, make the grants, then `ymateb db_roles --check` must be
# clean, the app role must see no incident without a scope, and must not delete audit rows.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=ymateb.config.settings.test
server="${DATABASE_URL%/*}"
host="${server#postgres://*@}"
db=ymateb_roles_check
ymateb=.venv/bin/ymateb
PGOPTIONS="-c client_min_messages=warning" psql -q -X -v ON_ERROR_STOP=1 "$server/postgres" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
DATABASE_URL="$server/$db" $ymateb db_roles --apply >/dev/null 2>&1 || true  # roles, no tables yet
DATABASE_URL="postgres://ymateb_owner@$host/$db" $ymateb migrate --noinput -v0
DATABASE_URL="$server/$db" $ymateb db_roles --apply >/dev/null
DATABASE_URL="postgres://ymateb_app@$host/$db" $ymateb db_roles --check
app=(psql -q -X -At -v ON_ERROR_STOP=1 "postgres://ymateb_app@$host/$db")
test "$("${app[@]}" -c "SELECT count(*) FROM incidents_incident")" = 0
if "${app[@]}" -c "DELETE FROM audit_auditevent" 2>/dev/null; then
  echo "the app role could delete audit rows" >&2
  exit 1
fi
psql -q -X "$server/postgres" -c "DROP DATABASE $db"
echo "Database roles: created, migrated as the owner, grants as declared."
