#!/usr/bin/env bash
# `make production`: the production stack of deploy/ on this one machine, in the foreground,
# until Ctrl+C (or SIGTERM), which stops everything and removes it all.
#
#   a throw-away PostgreSQL 15 cluster (passwords over TCP, scram-sha-256), the three roles
#   set up as an installation does (deploy/bin/migrate), two app servers (deploy/bin/web),
#   the worker (deploy/bin/worker), nginx from Debian in front on HTTPS with a self-signed
#   certificate (deploy/nginx/ymateb.conf.template through deploy/bin/render-nginx), fresh
#   secrets in a mode-600 env file, static files collected with hashed names. No demo data.
#
# Every process is started the way its systemd unit starts it: deploy/bin/as loads the same
# env files the units name (here from the stack's etc/ instead of /etc/ymateb) and drops
# from root to an unprivileged user (nobody here, ymateb on a server) before the command.
#
# Settings, all optional: YMATEB_STACK_DIR (an empty folder to use; removed at the end),
# YMATEB_HTTPS_PORT (8443), YMATEB_HTTP_PORT (8080), YMATEB_APP_PORTS ("8001 8002"),
# YMATEB_PG_PORT (54340), YMATEB_WEB_WORKERS (2), YMATEB_STACK_KEEP=1 (keep the folder),
# YMATEB_STACK_KEEP_GOING=1 (a process that ends does not stop the rest: the durability test
# kills processes and restarts some itself).
# When everything answers, it writes $YMATEB_STACK_DIR/ready (tests wait for it), and each
# process's id is in $YMATEB_STACK_DIR/run/NAME.pid (web-PORT, worker). The cluster's port,
# socket folder and addresses are in its postgresql.conf, so `pg_ctl start` alone restarts
# it as it was.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/deploy/bin"
https_port="${YMATEB_HTTPS_PORT:-8443}"
http_port="${YMATEB_HTTP_PORT:-8080}"
app_ports="${YMATEB_APP_PORTS:-8001 8002}"
pg_port="${YMATEB_PG_PORT:-54340}"
dir="${YMATEB_STACK_DIR:-}"
if [ -z "$dir" ]; then dir=$(mktemp -d /tmp/ymateb-production.XXXXXX); fi
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
chmod 755 "$dir"  # the unprivileged processes reach var/; etc/, tls/ and pg/ stay closed
python="$root/.venv/bin/python"

for tool in nginx openssl setpriv; do
  command -v "$tool" >/dev/null || {
    echo "make production needs $tool (scripts/install-system-deps.sh production)" >&2
    exit 1
  }
done
initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
test -n "$initdb" || { echo "make production needs PostgreSQL (Debian postgresql)" >&2; exit 1; }
pgbin=$(dirname "$initdb")

# Who runs what: as root, PostgreSQL as postgres, the app servers and the worker as nobody,
# nginx's workers as nobody (its master keeps root only to read the key and bind). A user
# that cannot run this checkout's Python (a virtualenv made from an interpreter under a
# private folder such as /root) cannot run Ymateb: then the app processes stay root here,
# and the note says so. On a server the virtualenv comes from Debian's python3.11.
can_run() {  # can_run USER: USER runs the virtualenv's Python through a shell, as the units do
  setpriv --reuid="$1" --regid="$(id -g "$1")" --init-groups -- /bin/sh -c "exec '$python' -c ''" 2>/dev/null
}
run_user="" run_group="" pg_user="" admin_user="" as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  pg_user=postgres
  as_pg=(setpriv --reuid=postgres --regid="$(id -g postgres)" --init-groups --)
  if can_run nobody; then
    run_user=nobody
    run_group=$(id -gn nobody)
  else
    echo "Note: nobody cannot run $python; the app servers and the worker run as root." >&2
  fi
  if can_run postgres; then admin_user=postgres; fi
fi

pids=()
stopping=0
cleanup() {
  status=$?
  stopping=1
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 50); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" -eq 0 ] && break
    sleep 0.2
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  if [ -f "$dir/pg/data/postmaster.pid" ]; then
    "${as_pg[@]}" "$pgbin/pg_ctl" -D "$dir/pg/data" -m fast -w stop >/dev/null 2>&1 \
      || "${as_pg[@]}" "$pgbin/pg_ctl" -D "$dir/pg/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  if [ "${YMATEB_STACK_KEEP:-0}" != 1 ]; then rm -rf "$dir"; fi
  echo "Stopped the production stack${YMATEB_STACK_KEEP:+ (kept $dir)}."
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

umask 022
mkdir -p "$dir/etc" "$dir/run" "$dir/pg" "$dir/var/static" "$dir/var/audit-checkpoints" "$dir/var/mail" \
  "$dir/var/backups" "$dir/log" "$dir/nginx/tmp" "$dir/tls"
chmod 700 "$dir/etc" "$dir/tls"
if [ -n "$run_user" ]; then
  chown -R "$run_user:$run_group" "$dir/var"
fi
if [ "$(id -u)" -eq 0 ]; then chown nobody "$dir/nginx/tmp"; fi
if [ -n "$pg_user" ]; then chown "$pg_user" "$dir/pg"; fi
chmod 700 "$dir/pg"

echo "Production stack in $dir"

# --- secrets and configuration: the files /etc/ymateb holds on a server --------------------
secret() { "$python" -c 'import secrets; print(secrets.token_urlsafe(48))'; }
owner_pw=$(secret) app_pw=$(secret) worker_pw=$(secret)
(
  umask 077
  {
    echo "# Throw-away configuration of make production (README 'Configuration (production)')."
    echo "DJANGO_SETTINGS_MODULE=ymateb.config.settings.production"
    echo "YMATEB_OS_USER=$run_user"
    echo "YMATEB_SECRET_KEY=$("$python" -c 'import secrets; print(secrets.token_urlsafe(64))')"
    echo "YMATEB_ALLOWED_HOSTS=127.0.0.1,localhost"
    echo "YMATEB_FIELD_KEYS=$("$python" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')"
    DJANGO_SETTINGS_MODULE=ymateb.config.settings.dev "$root/.venv/bin/ymateb" audit new-keys \
      | grep -E '^YMATEB_AUDIT_(KEYS|SIGNING_KEY)='
    echo "YMATEB_PROXY_COUNT=1"
    echo "YMATEB_VAR_DIR=$dir/var"
    echo "YMATEB_NODE_MODULES=$root/node_modules"
    echo "YMATEB_AUDIT_CHECKPOINT_DIR=$dir/var/audit-checkpoints"
    echo "YMATEB_EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend"
    echo "YMATEB_EMAIL_FILE_PATH=$dir/var/mail"
    echo "YMATEB_EMAIL_FROM=ymateb@localhost"
    echo "YMATEB_WEB_WORKERS=${YMATEB_WEB_WORKERS:-2}"
  } >"$dir/etc/ymateb.env"
  tcp="127.0.0.1:$pg_port/ymateb"
  echo "DATABASE_URL=postgres://ymateb_app:$app_pw@$tcp" >"$dir/etc/db-app.env"
  echo "DATABASE_URL=postgres://ymateb_worker:$worker_pw@$tcp" >"$dir/etc/db-worker.env"
  {
    echo "DATABASE_URL=postgres://ymateb_owner:$owner_pw@$tcp"
    echo "YMATEB_BACKUP_DIR=$dir/var/backups"
  } >"$dir/etc/db-owner.env"
  socket=$(printf '%s' "$dir/pg" | sed 's|/|%2F|g')
  {
    echo "DATABASE_URL=postgres://postgres@$socket:$pg_port/ymateb"
    echo "YMATEB_OS_USER=$admin_user"
    echo "YMATEB_DB_OWNER_PASSWORD=$owner_pw"
    echo "YMATEB_DB_APP_PASSWORD=$app_pw"
    echo "YMATEB_DB_WORKER_PASSWORD=$worker_pw"
  } >"$dir/etc/db-admin.env"
)

export YMATEB_ETC="$dir/etc"

# --- a self-signed certificate --------------------------------------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
  -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
  -keyout "$dir/tls/key.pem" -out "$dir/tls/cert.pem" >/dev/null 2>&1
chmod 600 "$dir/tls/key.pem"

# --- PostgreSQL: superuser by its own socket only, the roles by TCP with passwords ------------
"${as_pg[@]}" "$initdb" -D "$dir/pg/data" -U postgres -E UTF8 --locale=C.UTF-8 \
  --auth-local="$([ -n "$admin_user" ] && echo peer || echo trust)" --auth-host=scram-sha-256 >/dev/null
cat >"$dir/pg/pg_hba.conf" <<EOF
# make production: the superuser only through the cluster's private socket; the app, worker
# and owner roles only over TCP from this machine, with their passwords.
local   all     postgres                                $([ -n "$admin_user" ] && echo peer || echo trust)
host    ymateb  ymateb_app,ymateb_worker,ymateb_owner   127.0.0.1/32   scram-sha-256
EOF
cp "$dir/pg/pg_hba.conf" "$dir/pg/data/pg_hba.conf"
cat >>"$dir/pg/data/postgresql.conf" <<EOF

# make production
port = $pg_port
unix_socket_directories = '$dir/pg'
listen_addresses = '127.0.0.1'
password_encryption = scram-sha-256
EOF
if [ -n "$pg_user" ]; then chown "$pg_user" "$dir/pg/data/pg_hba.conf"; fi
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/log" -w start >/dev/null
"${as_pg[@]}" "$pgbin/psql" -q -X -h "$dir/pg" -p "$pg_port" -U postgres -d postgres \
  -c "CREATE DATABASE ymateb" >/dev/null

# --- build: static files with hashed names; the database roles and migrations ---------------
echo "Collecting static files and migrating (as ymateb_owner)..."
"$bin/ymateb" collectstatic --noinput -v0
"$bin/migrate" >"$dir/log/migrate.log" 2>&1 || {
  cat "$dir/log/migrate.log" >&2
  exit 1
}

# --- the processes, each as its systemd unit starts it ---------------------------------------
for port in $app_ports; do
  "$bin/as" app "$bin/web" "$port" >"$dir/log/web-$port.log" 2>&1 &
  pids+=($!)
  echo $! >"$dir/run/web-$port.pid"
done
"$bin/as" worker "$bin/worker" >"$dir/log/worker.log" 2>&1 &
pids+=($!)
echo $! >"$dir/run/worker.pid"

mkdir -p "$dir/nginx/log"
YMATEB_SERVER_NAME="127.0.0.1 localhost" YMATEB_HTTPS_LISTEN="127.0.0.1:$https_port" \
  YMATEB_HTTP_LISTEN="127.0.0.1:$http_port" YMATEB_APP_PORTS="$app_ports" \
  YMATEB_TLS_CERT="$dir/tls/cert.pem" YMATEB_TLS_KEY="$dir/tls/key.pem" \
  YMATEB_NGINX_LOG_DIR="$dir/nginx/log" "$bin/render-nginx" >"$dir/nginx/ymateb.conf"
cat >"$dir/nginx/nginx.conf" <<EOF
# make production's nginx: Debian's defaults for a server are in /etc/nginx/nginx.conf;
# this one holds only what the stack needs, and includes the rendered site.
$([ "$(id -u)" -eq 0 ] && echo "user nobody $(id -gn nobody);")
worker_processes 2;
daemon off;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/log/error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path $dir/nginx/tmp/body;
    proxy_temp_path $dir/nginx/tmp/proxy;
    fastcgi_temp_path $dir/nginx/tmp/fastcgi;
    uwsgi_temp_path $dir/nginx/tmp/uwsgi;
    scgi_temp_path $dir/nginx/tmp/scgi;
    include $dir/nginx/ymateb.conf;
}
EOF
nginx -t -q -p "$dir/nginx" -c "$dir/nginx/nginx.conf"
nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf" >"$dir/log/nginx.log" 2>&1 &
pids+=($!)

# --- wait until each app server and nginx answer /healthz --------------------------------------
# The app servers first: a request nginx passes to one not yet listening marks it down for
# fail_timeout (10 s) in that nginx worker, which then answers 502 "no live upstreams".
urls=""
for port in $app_ports; do urls+="http://127.0.0.1:$port/healthz "; done
urls+="https://127.0.0.1:$https_port/healthz"
if ! "$python" - $urls <<'EOF'; then
import ssl, sys, time, urllib.request
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
deadline = time.monotonic() + 90
for url in sys.argv[1:]:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5, context=context) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            sys.exit(f"{url} did not answer")
        time.sleep(0.3)
EOF
  tail -n 30 "$dir"/log/*.log >&2
  exit 1
fi
touch "$dir/ready"

cat <<EOF

Ymateb (production settings) is at https://127.0.0.1:$https_port/ (a self-signed
certificate: your browser will warn). No demo data. Create the first admin in another shell:

  sudo YMATEB_ETC=$dir/etc $bin/ymateb --db owner createsuperuser
  sudo YMATEB_ETC=$dir/etc $bin/ymateb enrolment_link ADMIN-EMAIL --base-url https://127.0.0.1:$https_port

open the printed link, sign in and set up your authenticator app. Then the first setting:

  sudo YMATEB_ETC=$dir/etc $bin/ymateb setting_add --local-authority "…" --name "…" \\
       --dsp-email … --dsp-name "…" --base-url https://127.0.0.1:$https_port

Emails (set-up links, alerts) are written to $dir/var/mail/. Logs: $dir/log/, nginx's in
$dir/nginx/log/. Ctrl+C stops everything and removes $dir.
EOF

# Stay in the foreground; if any process ends, stop the rest (unless told to keep going).
set +e
if [ "${YMATEB_STACK_KEEP_GOING:-0}" = 1 ]; then
  while true; do
    sleep 1 &
    wait $!
  done
fi
wait -n "${pids[@]}"
status=$?
if [ "$stopping" -eq 0 ]; then
  echo "A process of the stack ended (status $status); stopping the rest. Logs:" >&2
  tail -n 20 "$dir"/log/*.log >&2
  exit 1
fi
