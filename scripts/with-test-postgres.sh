#!/usr/bin/env bash
# Runs a command with DATABASE_URL pointing at a throw-away PostgreSQL cluster,
# then stops the cluster and removes it. The command's exit status is kept.
set -euo pipefail
initdb=$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)
pgbin=$(dirname "$initdb")
port="${YMATEB_TEST_PG_PORT:-54329}"
dir=$(mktemp -d /tmp/ymateb-test-pg.XXXXXX)
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$dir"
  as_pg=(runuser -u postgres --)
fi
cleanup() {
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
"${as_pg[@]}" "$initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
export DATABASE_URL="postgres://postgres@127.0.0.1:$port/ymateb"
set +e
"$@"
status=$?
set -e
exit $status
