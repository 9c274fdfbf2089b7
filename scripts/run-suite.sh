#!/usr/bin/env bash
# The whole suite for `make test`: in parallel, one worker per core (pytest-xdist), each
# with its own database; then the fuzzing file in one process, because its last test adds
# up the requests the others made (at least 10,000). With arguments: pytest with those.
# On PostgreSQL it first sets up the database roles as an installation does and checks
# them (scripts/check-db-roles.sh).
set -uo pipefail
cd "$(dirname "$0")/.."
if [[ "${DATABASE_URL:-}" == postgres* ]]; then
  scripts/check-db-roles.sh || exit $?
fi
if [ "$#" -gt 0 ]; then
  exec scripts/run-pytest.sh "$@"
fi
scripts/run-pytest.sh -n auto --ignore tests/records/test_fuzz.py || exit $?
exec scripts/run-pytest.sh -q tests/records/test_fuzz.py
