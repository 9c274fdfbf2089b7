#!/usr/bin/env bash
# The whole suite for `make test`: in parallel, one worker per core (pytest-xdist), each
# with its own database; then the fuzzing file in one process, because its last test adds
# up the requests the others made (at least 10,000). With arguments: pytest with those.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -gt 0 ]; then
  exec scripts/run-pytest.sh "$@"
fi
scripts/run-pytest.sh -n auto --ignore tests/records/test_fuzz.py || exit $?
exec scripts/run-pytest.sh -q tests/records/test_fuzz.py
