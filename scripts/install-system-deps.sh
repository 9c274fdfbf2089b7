#!/usr/bin/env bash
# Installs the Debian packages Ymateb needs, only when they are missing.
#   run:  Python venv support and Node.js/npm (for GOV.UK Frontend from the npm registry)
#   production: also PostgreSQL, nginx and openssl (`make production`, the stack of deploy/)
#   test: all of those, and Chromium (browser tests)
set -euo pipefail
want=()
python_bin="${PYTHON:-python3.11}"
if ! "$python_bin" -c 'import venv, ensurepip' >/dev/null 2>&1; then want+=(python3-venv); fi
command -v npm >/dev/null 2>&1 || want+=(nodejs npm)
if [ "${1:-run}" = "test" ] || [ "${1:-run}" = "production" ]; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || want+=(postgresql)
  command -v nginx >/dev/null 2>&1 || want+=(nginx)
  command -v openssl >/dev/null 2>&1 || want+=(openssl)
fi
if [ "${1:-run}" = "test" ]; then
  command -v chromium >/dev/null 2>&1 || want+=(chromium)
  fc-list 2>/dev/null | grep -qi liberation || want+=(fonts-liberation)
fi
if [ "${#want[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${want[*]}. Install them (as root: apt-get install ${want[*]})." >&2
    exit 1
  fi
  echo "Installing Debian packages: ${want[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
fi
