#!/usr/bin/env bash
# pytest with the suite's settings. Exit status 5 (no test collected) is a failure
# with a clear message: a suite that ran nothing has proved nothing.
set -uo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=ymateb.config.settings.test
.venv/bin/python -m pytest "$@"
status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: failing the run." >&2
  exit 1
fi
exit $status
