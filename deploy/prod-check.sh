#!/usr/bin/env bash
# `make prod-check`: the production shape of deploy/ on this machine, end to end, in under five minutes.
# nginx (deploy/nginx-site.conf) terminates TLS in front of supervisor (deploy/supervisor-openhour.conf) running
# gunicorn (deploy/gunicorn.conf.py), the worker, the timers and payouts, with DEBUG=false on a fresh PostgreSQL
# database (127.0.0.1:5432, user postgres) and Redis (127.0.0.1:6379, or a private one when none runs there).
# The deploy files are used as shipped, with only their paths, ports and user changed; a short journey then goes
# through nginx over HTTPS, and through Caddy (deploy/Caddyfile) when it is installed. Installs nginx and
# supervisor from Debian when missing, listens on free loopback ports only, and removes everything it made.
# Prints PASS/FAIL per step; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY="$ROOT/.venv/bin/python"
PG=(-h 127.0.0.1 -p 5432 -U postgres)
REDIS_DB=11  # a database of its own in the shared Redis, for sessions and rate-limit counters
STARTED=$SECONDS
WAIT=${PROD_CHECK_WAIT:-45}  # seconds any one thing may take to happen

RESULTS=()
FAILED=0
note() { echo "      $*"; }
pass() { echo "PASS  $*"; RESULTS+=("PASS  $*"); }
fail() { echo "FAIL  $*"; RESULTS+=("FAIL  $*"); FAILED=1; }
skip() { echo "SKIP  $*"; RESULTS+=("SKIP  $*"); }
# wait_for SECONDS COMMAND...: true as soon as the command succeeds, false when the time is up.
wait_for() {
  local until=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < until)) || return 1
    sleep 0.5
  done
}

TMP=$(mktemp -d /tmp/openhour-prod-check.XXXXXX)
chmod 755 "$TMP"  # nginx's workers (nobody) read the static files and the certificate's folder
DB="openhour_prod_check_$$"
DB_RESTORED="${DB}_restored"
POLICY_RC_MADE=""

cleanup() {
  local code=$?
  trap - EXIT INT TERM
  if [ -S "$TMP/supervisor/supervisor.sock" ]; then
    supervisorctl -c "$TMP/supervisor/supervisord.conf" shutdown >/dev/null 2>&1
    local pid
    pid=$(cat "$TMP/supervisor/supervisord.pid" 2>/dev/null)
    if [ -n "$pid" ] && ! wait_for 40 bash -c "! kill -0 $pid 2>/dev/null"; then
      kill -KILL "$pid" 2>/dev/null
    fi
  fi
  [ -f "$TMP/nginx/nginx.pid" ] && kill "$(cat "$TMP/nginx/nginx.pid")" 2>/dev/null
  [ -f "$TMP/redis/redis.pid" ] && kill "$(cat "$TMP/redis/redis.pid")" 2>/dev/null
  [ -f "$TMP/caddy/caddy.pid" ] && kill "$(cat "$TMP/caddy/caddy.pid")" 2>/dev/null
  dropdb "${PG[@]}" --if-exists --force "$DB" 2>/dev/null
  dropdb "${PG[@]}" --if-exists --force "$DB_RESTORED" 2>/dev/null
  [ -n "$POLICY_RC_MADE" ] && rm -f /usr/sbin/policy-rc.d
  if ((FAILED)) || ((code)); then
    for log in "$TMP"/log/*.log; do
      [ -s "$log" ] && { echo "--- last lines of $(basename "$log")"; tail -n 15 "$log"; }
    done
  fi
  rm -rf "$TMP"
  echo
  echo "prod-check summary ($((SECONDS - STARTED)) s):"
  printf '  %s\n' "${RESULTS[@]}"
  if ((FAILED)) || ((code)); then
    echo "prod-check: FAIL"
    exit 1
  fi
  echo "prod-check: PASS"
  exit 0
}
trap cleanup EXIT
trap 'fail "interrupted"; exit 1' INT TERM

# ---- Tools --------------------------------------------------------------------------------------------------
export PATH="$PATH:/usr/sbin:/sbin"
missing=()
command -v nginx >/dev/null || missing+=(nginx)
command -v supervisord >/dev/null || missing+=(supervisor)
command -v openssl >/dev/null || missing+=(openssl)
command -v curl >/dev/null || missing+=(curl)
command -v psql >/dev/null || missing+=(postgresql-client)
REDIS_PORT=6379
PRIVATE_REDIS=""
# None running (or PROD_CHECK_PRIVATE_REDIS=1): a private one on a free port.
if [ -n "${PROD_CHECK_PRIVATE_REDIS:-}" ] || ! (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
  PRIVATE_REDIS=1
  command -v redis-server >/dev/null || missing+=(redis-server)
fi
if ((${#missing[@]})); then
  echo "Installing ${missing[*]} from Debian"
  if [ ! -e /usr/sbin/policy-rc.d ]; then  # install only: no nginx or supervisord started on this machine's ports
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && POLICY_RC_MADE=1
  fi
  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; then
    pass "installed ${missing[*]}"
  else
    fail "could not install ${missing[*]}"
    exit 1
  fi
fi
[ -x "$PY" ] || { python3 -m uv sync --frozen --quiet || { fail "uv sync"; exit 1; }; }

(exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null || { fail "PostgreSQL listening on 127.0.0.1:5432"; exit 1; }

# ---- The environment: free loopback ports, a fresh database, a generated key ----------------------------------
read -r APP_PORT HTTP_PORT HTTPS_PORT FREE_PORT CADDY_HTTP_PORT CADDY_PORT < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(6)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))')
# The visitor comes from another loopback address than nginx's own 127.0.0.1, fresh each run (limits count per
# address), so the address openhour records shows whose it is.
CLIENT_IP="127.$((RANDOM % 200 + 20)).$((RANDOM % 250 + 1)).$((RANDOM % 250 + 2))"
BASE="https://127.0.0.1:$HTTPS_PORT"
FORGED="203.0.113.66"
mkdir -p "$TMP"/{var,log,tls,nginx,supervisor,acme,redis,deploy}
chmod 755 "$TMP"/{var,tls,deploy}
# The proxies' workers read the maintenance page; a checkout in a private folder (mode 0700) is closed to them.
cp deploy/maintenance.html "$TMP/deploy/" && chmod 644 "$TMP/deploy/maintenance.html"
if [ -n "$PRIVATE_REDIS" ]; then
  REDIS_PORT=$FREE_PORT
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --save '' --appendonly no --dir "$TMP/redis" \
    --pidfile "$TMP/redis/redis.pid" --logfile "$TMP/log/redis.log" || { fail "start a private Redis"; exit 1; }
  wait_for 10 bash -c "(exec 3<>/dev/tcp/127.0.0.1/$REDIS_PORT) 2>/dev/null" || { fail "a private Redis on $REDIS_PORT"; exit 1; }
fi
# Start from an empty Redis database: counters an earlier run left there (per-account limits, keyed by ids that a
# fresh database hands out again) would otherwise refuse this run's new accounts.
"$PY" -c 'import redis, sys; redis.Redis(port=int(sys.argv[1]), db=int(sys.argv[2])).flushdb()' "$REDIS_PORT" "$REDIS_DB" ||
  { fail "empty Redis database $REDIS_DB"; exit 1; }

createdb "${PG[@]}" "$DB" || { fail "create database $DB"; exit 1; }
METRICS_TOKEN=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
cat >"$TMP/openhour.env" <<EOF
DEBUG=false
SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')
SITE_URL=$BASE
VAR_DIR=$TMP/var
DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB
REDIS_URL=redis://127.0.0.1:$REDIS_PORT/$REDIS_DB
TRUSTED_PROXIES=127.0.0.1
PRIVATE_FILES_SERVE=x-accel
GUNICORN_BIND=127.0.0.1:$APP_PORT
WEB_CONCURRENCY=2
PROMETHEUS_MULTIPROC_DIR=$TMP/var/metrics
METRICS_TOKEN=$METRICS_TOKEN
HEALTH_STALE_SECONDS=40
EOF
export OPENHOUR_ENV_FILE="$TMP/openhour.env"
manage() { "$ROOT/deploy/run-with-env" "$PY" manage.py "$@"; }
note "ports: gunicorn $APP_PORT, nginx http $HTTP_PORT / https $HTTPS_PORT, Redis $REDIS_PORT; visitor $CLIENT_IP; database $DB"

if manage migrate --noinput >"$TMP/log/migrate.log" 2>&1 && manage collectstatic --noinput >>"$TMP/log/migrate.log" 2>&1; then
  pass "migrate and collectstatic with DEBUG=false ($(grep -c 'Applying' "$TMP/log/migrate.log") migrations)"
else
  fail "migrate and collectstatic"
  exit 1
fi

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
  -keyout "$TMP/tls/privkey.pem" -out "$TMP/tls/fullchain.pem" >/dev/null 2>&1 || { fail "self-signed certificate"; exit 1; }

# ---- supervisor with deploy/supervisor-openhour.conf ---------------------------------------------------------
sed -e "s#/etc/openhour/openhour.env#$TMP/openhour.env#g" -e "s#/var/log/openhour/#$TMP/log/#g" \
  -e "s#/srv/openhour/#$ROOT/#g" -e "s#/srv/openhour\$#$ROOT#" -e "s#^user=openhour\$#user=$(id -un)#" \
  deploy/supervisor-openhour.conf >"$TMP/supervisor/openhour.conf"
cat >"$TMP/supervisor/supervisord.conf" <<EOF
[unix_http_server]
file=$TMP/supervisor/supervisor.sock
chmod=0700
[supervisord]
logfile=$TMP/log/supervisord.log
pidfile=$TMP/supervisor/supervisord.pid
childlogdir=$TMP/log
user=$(id -un)
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
[supervisorctl]
serverurl=unix://$TMP/supervisor/supervisor.sock
[include]
files=$TMP/supervisor/openhour.conf
EOF
ctl() { supervisorctl -c "$TMP/supervisor/supervisord.conf" "$@"; }
all_running() { [ "$(ctl status 2>/dev/null | grep -c ' RUNNING ')" = 4 ]; }
supervisord -c "$TMP/supervisor/supervisord.conf" || { fail "start supervisord"; exit 1; }
if wait_for "$WAIT" all_running; then
  pass "supervisor runs $(ctl status | awk '{print $1}' | sed 's/openhour://' | paste -sd, -) (deploy/supervisor-openhour.conf)"
else
  ctl status
  fail "supervisor runs web, worker, timers, payouts"
  exit 1
fi

# ---- nginx with deploy/nginx-site.conf ---------------------------------------------------------------------
sed -e "s#listen 80;#listen 127.0.0.1:$HTTP_PORT;#" -e "s#listen 443 ssl http2;#listen 127.0.0.1:$HTTPS_PORT ssl http2;#" \
  -e '/listen \[::\]/d' -e "s#server 127.0.0.1:8000;#server 127.0.0.1:$APP_PORT;#" \
  -e "s#/etc/ssl/openhour/#$TMP/tls/#g" -e "s#/var/log/nginx/#$TMP/log/#g" -e "s#/var/www/letsencrypt#$TMP/acme#g" \
  -e "s#/srv/openhour/var/#$TMP/var/#g" -e "s#/srv/openhour/deploy#$TMP/deploy#g" -e "s#/srv/openhour/#$ROOT/#g" \
  deploy/nginx-site.conf >"$TMP/nginx/openhour.conf"
if grep -vE '^\s*#' "$TMP/nginx/openhour.conf" | grep -E '/srv/openhour|/etc/ssl/openhour|listen (80|443)|:8000;'; then
  fail "deploy/nginx-site.conf has paths or ports this check does not know how to move"
  exit 1
fi
cat >"$TMP/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $TMP/nginx/nginx.pid;
error_log $TMP/log/nginx-main.error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log off;
    client_body_temp_path $TMP/nginx/body;
    proxy_temp_path $TMP/nginx/proxy;
    fastcgi_temp_path $TMP/nginx/fastcgi;
    uwsgi_temp_path $TMP/nginx/uwsgi;
    scgi_temp_path $TMP/nginx/scgi;
    include $TMP/nginx/openhour.conf;
}
EOF
if nginx -t -q -c "$TMP/nginx/nginx.conf" -p "$TMP/nginx" 2>"$TMP/log/nginx-t.log" && nginx -c "$TMP/nginx/nginx.conf" -p "$TMP/nginx"; then
  pass "nginx -t and start with deploy/nginx-site.conf ($(nginx -v 2>&1 | sed 's/.*: //'))"
else
  cat "$TMP/log/nginx-t.log"
  fail "nginx -t and start with deploy/nginx-site.conf"
  exit 1
fi

# ---- The journey, through nginx over HTTPS ---------------------------------------------------------------------
CURL=(curl -sS --max-time 20 --cacert "$TMP/tls/fullchain.pem" --interface "$CLIENT_IP")
MAIL="$TMP/var/mail"
mails() { find "$MAIL" -name '*.eml' 2>/dev/null | wc -l; }
mails_at_least() { (($(mails) >= $1)); }
sql() { psql "${PG[@]}" -d "${2:-$DB}" -Atc "$1"; }

healthy() { [ "$("${CURL[@]}" -o "$TMP/body" -w '%{http_code}' "$BASE/healthz")" = 200 ]; }
if wait_for "$WAIT" healthy && grep -q '"status": *"ok"' "$TMP/body"; then
  pass "GET /healthz over HTTPS through nginx: 200 $(cat "$TMP/body")"
else
  fail "GET /healthz over HTTPS through nginx"
fi

read -r code location < <("${CURL[@]}" -o /dev/null -w '%{http_code} %{redirect_url}\n' "http://127.0.0.1:$HTTP_PORT/projects?page=2")
if [ "$code" = 301 ] && [[ $location == https://127.0.0.1/projects\?page=2 ]]; then
  pass "plain HTTP is redirected to HTTPS ($code to $location)"
else
  fail "plain HTTP is redirected to HTTPS (got $code $location)"
fi

code=$("${CURL[@]}" -D "$TMP/headers" -o "$TMP/body" -w '%{http_code}' "$BASE/")
if [ "$code" = 200 ] && grep -qi '^strict-transport-security: max-age=' "$TMP/headers" && grep -q '</html>' "$TMP/body" &&
  grep -qiE '^x-request-id: [0-9a-f]{32}' "$TMP/headers"; then
  pass "the home page: 200 with HSTS (openhour believed nginx's X-Forwarded-Proto) and nginx's X-Request-ID"
else
  fail "the home page (got $code)"
fi

static=$(python3 -c 'import json, sys; paths = json.load(open(sys.argv[1]))["paths"]
print("/static/" + next(v for k, v in sorted(paths.items()) if k.endswith(".css")))' "$TMP/var/static/staticfiles.json")
code=$("${CURL[@]}" -H 'Accept-Encoding: gzip' -D "$TMP/headers" -o /dev/null -w '%{http_code}' "$BASE$static")
if [ "$code" = 200 ] && grep -qi '^cache-control: .*immutable' "$TMP/headers" && grep -qi '^content-encoding: gzip' "$TMP/headers" &&
  ! grep -q "GET /static/" "$TMP/log/web.log"; then
  pass "static file served by nginx from STATIC_ROOT, gzipped and immutable, never reaching gunicorn ($static)"
else
  fail "static file served by nginx ($static: $code)"
fi

mkdir -p "$TMP/var/private" && echo "not for everyone" >"$TMP/var/private/probe.txt"
code=$("${CURL[@]}" -o "$TMP/body" -w '%{http_code}' "$BASE/_private/probe.txt")
if [ "$code" = 404 ] && ! grep -q "not for everyone" "$TMP/body"; then
  pass "private files have no public address: GET /_private/probe.txt is 404 (nginx's internal location)"
else
  fail "private files have no public address (GET /_private/probe.txt: $code)"
fi

# Sign up through the API with a forged X-Forwarded-For; the verification e-mail lands in VAR_DIR/mail.
EMAIL="prod-check-$$@example.com"
PASSWORD="Long-enough-$RANDOM-passphrase"
before=$(mails)
code=$("${CURL[@]}" -o "$TMP/body" -w '%{http_code}' -H 'Content-Type: application/json' -H "X-Forwarded-For: $FORGED" \
  --data "{\"email\": \"$EMAIL\", \"password\": \"$PASSWORD\", \"name\": \"Petra Check\", \"role\": \"client\"}" \
  "$BASE/api/v1/auth/signup")
if [ "$code" = 201 ] && wait_for "$WAIT" mails_at_least $((before + 1)); then
  pass "POST /api/v1/auth/signup: 201, and the verification e-mail was written to $MAIL"
else
  fail "POST /api/v1/auth/signup and its verification e-mail (got $code: $(head -c 300 "$TMP/body"))"
fi
mail_text() { "$PY" -c 'import email, sys
from email import policy
for name in sys.argv[1:]:
    message = email.message_from_binary_file(open(name, "rb"), policy=policy.default)
    print(message["To"], message["Subject"])
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            print(part.get_content())' "$@"; }
key=$(mail_text $(grep -l "$EMAIL" "$MAIL"/*.eml 2>/dev/null) | grep -o 'confirm-email/[^/ ]*/' | head -1 | cut -d/ -f2)
code=$("${CURL[@]}" -o "$TMP/body" -w '%{http_code}' -H 'Content-Type: application/json' --data "{\"key\": \"$key\"}" \
  "$BASE/api/v1/auth/verify-email")
if [ -n "$key" ] && [ "$code" = 200 ] && grep -q '"email_verified": *true' "$TMP/body"; then
  pass "POST /api/v1/auth/verify-email with the key from the e-mail: 200, verified"
else
  fail "verify the e-mail address with the key from the e-mail (key '$key', got $code)"
fi

recorded=$(sql "SELECT string_agg(DISTINCT host(r.ip), ',') FROM integrity_accessrecord r JOIN accounts_user u ON u.id = r.user_id WHERE u.email = '$EMAIL'")
if [ "$recorded" = "$CLIENT_IP" ]; then
  pass "the sign-up was recorded from $recorded, the address nginx saw; the forged X-Forwarded-For $FORGED was not believed"
else
  fail "the address recorded for the sign-up is '$recorded', not the visitor's $CLIENT_IP (forged: $FORGED)"
fi

# ---- The worker, killed: mail queued meanwhile goes out once supervisor has it back --------------------------
sign_in() {  # a fresh cookie jar is a browser never seen before: the account holder is e-mailed, through the queue
  local jar="$TMP/jar.$1" token
  token=$("${CURL[@]}" -c "$jar" "$BASE/accounts/login/" | sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p' | head -1)
  [ "$("${CURL[@]}" -b "$jar" -c "$jar" -o /dev/null -w '%{http_code}' -H "Referer: $BASE/accounts/login/" \
    -H "X-Forwarded-For: $FORGED" --data-urlencode "csrfmiddlewaretoken=$token" --data-urlencode "login=$EMAIL" \
    --data-urlencode "password=$PASSWORD" -A "prod-check browser $1" "$BASE/accounts/login/")" = 302 ]
}
worker_pid() { ctl pid openhour:worker 2>/dev/null; }
old_pid=$(worker_pid)
before=$(mails)
kill -KILL "$old_pid"
if sign_in one && sign_in two; then
  # supervisor respawns the worker at once, but it takes tasks only once Django has started, seconds later.
  queued=$(sql "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'READY'")
  pass "worker killed with SIGKILL (pid $old_pid); two sign-ins from new browsers queued their e-mails ($queued still waiting in the queue)"
else
  fail "sign in through the login page while the worker is down"
fi
worker_back() { local pid; pid=$(worker_pid); [ -n "$pid" ] && [ "$pid" != 0 ] && [ "$pid" != "$old_pid" ] && ctl status openhour:worker | grep -q RUNNING; }
if wait_for "$WAIT" worker_back; then
  pass "supervisor started the worker again (pid $old_pid -> $(worker_pid))"
else
  fail "supervisor started the worker again ($(ctl status openhour:worker))"
fi
if wait_for "$WAIT" mails_at_least $((before + 2)) && sleep 3 && (($(mails) == before + 2)); then
  pass "the e-mails queued while the worker was down were sent, once each ($(($(mails) - before)) new in $MAIL)"
else
  fail "the e-mails queued while the worker was down were sent ($(($(mails) - before)) of 2)"
fi
notice=$(mail_text $(grep -l "$EMAIL" "$MAIL"/*.eml) | grep -o 'Address: [0-9a-f.:]*[0-9a-f]' | sort -u | paste -sd, -)
if [ "$notice" = "Address: $CLIENT_IP" ]; then
  pass "the sign-in notice names the visitor's address ($notice), not the forged $FORGED nor nginx's 127.0.0.1"
else
  fail "the sign-in notice names '$notice', not the visitor's $CLIENT_IP"
fi

# ---- A private file: openhour checks who asks, nginx sends the bytes (X-Accel-Redirect) -------------------------
field() { python3 -c 'import json, sys
value = json.load(sys.stdin)
for key in sys.argv[1:]:
    value = value[int(key) if isinstance(value, list) else key]
print(value)' "$@" 2>/dev/null; }
api() { "${CURL[@]}" -H 'Content-Type: application/json' "$@"; }
fred=$(api --data "{\"email\": \"fred-$EMAIL\", \"password\": \"$PASSWORD\", \"name\": \"Fred Files\", \"role\": \"freelancer\"}" \
  "$BASE/api/v1/auth/signup" | field username)
token=$(api --data "{\"email\": \"$EMAIL\", \"password\": \"$PASSWORD\", \"label\": \"prod-check\"}" "$BASE/api/v1/auth/tokens" | field token)
printf 'The brief for Fred, %s\n' "$RANDOM$RANDOM" >"$TMP/brief.txt"
upload=$("${CURL[@]}" -H "Authorization: Bearer $token" -F "file=@$TMP/brief.txt;type=text/plain" "$BASE/api/v1/uploads" | field id)
conversation=$(api -H "Authorization: Bearer $token" --data "{\"to\": \"$fred\", \"text\": \"Hello Fred\"}" \
  "$BASE/api/v1/conversations" | field id)
attachment=$(api -H "Authorization: Bearer $token" --data "{\"text\": \"The brief\", \"attachments\": [\"$upload\"]}" \
  "$BASE/api/v1/conversations/$conversation/messages" | field attachments 0 url)
code=$("${CURL[@]}" -b "$TMP/jar.one" -D "$TMP/headers" -o "$TMP/body" -w '%{http_code}' "$BASE$attachment")
stranger=$("${CURL[@]}" -o /dev/null -w '%{http_code}' "$BASE$attachment")
if [ -n "$attachment" ] && [ "$code" = 200 ] && cmp -s "$TMP/body" "$TMP/brief.txt" &&
  grep -qi '^content-disposition: attachment; filename="brief.txt"' "$TMP/headers" &&
  grep -qi '^x-content-type-options: nosniff' "$TMP/headers" && [ "$stranger" = 302 ]; then
  pass "a message attachment ($attachment) reaches its sender as a download, sent by nginx through X-Accel-Redirect; signed out: $stranger to sign in"
else
  fail "a message attachment through X-Accel-Redirect (url '$attachment', got $code, signed out $stranger)"
fi

# A card payment into the client's wallet, so the backup drill below has money to restore and a ledger to check.
code=$("${CURL[@]}" -o "$TMP/body" -w '%{http_code}' -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
  -H "Idempotency-Key: prod-check-deposit-$$" --data '{"amount": {"amount": 25000, "currency": "GBP"}, "card_token": "tok_visa"}' "$BASE/api/v1/wallet/deposits")
available=$(api -H "Authorization: Bearer $token" "$BASE/api/v1/wallet" | field balances 0 available amount)
if [[ "$code" == 20[01] ]] && [ "$available" = 25000 ]; then
  pass "POST /api/v1/wallet/deposits with the sandbox card: $code; GET /api/v1/wallet shows £250.00 available"
else
  fail "a deposit through the API (got $code: $(head -c 300 "$TMP/body"); available '$available')"
fi

# ---- The same through Caddy (deploy/Caddyfile), when it is installed ------------------------------------------
if command -v caddy >/dev/null; then
  mkdir -p "$TMP/caddy"
  {
    printf '{\n\tadmin off\n\tdefault_bind 127.0.0.1\n\thttp_port %s\n\thttps_port %s\n\tskip_install_trust\n}\n' \
      "$CADDY_HTTP_PORT" "$CADDY_PORT"
    sed -e "s#^market.example.com {#https://127.0.0.1:$CADDY_PORT {#" -e "s#127.0.0.1:8000#127.0.0.1:$APP_PORT#" \
      -e "s#/etc/ssl/openhour/#$TMP/tls/#g" -e "s#/var/log/caddy/#$TMP/log/caddy-#g" \
      -e "s#/srv/openhour/var/#$TMP/var/#g" -e "s#/srv/openhour/var\$#$TMP/var#" -e "s#/srv/openhour/deploy#$TMP/deploy#g" \
      -e "s#/srv/openhour/#$ROOT/#g" \
      deploy/Caddyfile
  } >"$TMP/caddy/Caddyfile"
  (export XDG_DATA_HOME="$TMP/caddy" XDG_CONFIG_HOME="$TMP/caddy" && cd "$TMP/caddy" &&
    exec caddy run --adapter caddyfile --config "$TMP/caddy/Caddyfile" >"$TMP/log/caddy.log" 2>&1) &
  echo $! >"$TMP/caddy/caddy.pid"
  CADDY_VISITOR="127.$((RANDOM % 200 + 20)).$((RANDOM % 250 + 1)).$((RANDOM % 250 + 2))"
  VIA_CADDY=(curl -sS --max-time 20 --cacert "$TMP/tls/fullchain.pem" --interface "$CADDY_VISITOR")
  CADDY="https://127.0.0.1:$CADDY_PORT"
  caddy_up() { [ "$("${VIA_CADDY[@]}" -o /dev/null -w '%{http_code}' "$CADDY/healthz" 2>/dev/null)" = 200 ]; }
  if wait_for "$WAIT" caddy_up; then
    static_code=$("${VIA_CADDY[@]}" -H 'Accept-Encoding: gzip' -D "$TMP/headers" -o /dev/null -w '%{http_code}' "$CADDY$static?caddy")
    private_code=$("${VIA_CADDY[@]}" -o /dev/null -w '%{http_code}' "$CADDY/_private/probe.txt")
    download=$("${VIA_CADDY[@]}" -b "$TMP/jar.one" -D "$TMP/caddy/headers" -o "$TMP/caddy/body" -w '%{http_code}' "$CADDY$attachment")
    code=$("${VIA_CADDY[@]}" -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -H "X-Forwarded-For: $FORGED" \
      --data "{\"email\": \"caddy-$EMAIL\", \"password\": \"$PASSWORD\", \"name\": \"Carl Caddy\", \"role\": \"freelancer\"}" \
      "$CADDY/api/v1/auth/signup")
    recorded=$(sql "SELECT string_agg(DISTINCT host(r.ip), ',') FROM integrity_accessrecord r JOIN accounts_user u ON u.id = r.user_id WHERE u.email = 'caddy-$EMAIL'")
    touch "$TMP/var/maintenance.flag"
    closed=$("${VIA_CADDY[@]}" -o "$TMP/body" -w '%{http_code}' "$CADDY/contracts")
    rm -f "$TMP/var/maintenance.flag"
    if [ "$static_code" = 200 ] && grep -qi '^cache-control: .*immutable' "$TMP/headers" && ! grep -q "caddy" <(grep "GET /static/" "$TMP/log/web.log") &&
      [ "$private_code" = 404 ] && [ "$code" = 201 ] && [ "$recorded" = "$CADDY_VISITOR" ] && [ "$closed" = 503 ] &&
      [ "$download" = 200 ] && cmp -s "$TMP/caddy/body" "$TMP/brief.txt" && grep -qi '^content-disposition: attachment' "$TMP/caddy/headers" &&
      grep -q 'We are updating the marketplace' "$TMP/body"; then
      pass "Caddy with deploy/Caddyfile: /healthz, static files itself, the attachment through X-Accel-Redirect, no /_private/, sign-up recorded from $recorded despite the forged header, maintenance 503"
    else
      fail "Caddy with deploy/Caddyfile (static $static_code, attachment $download, private $private_code, sign-up $code from '$recorded' not $CADDY_VISITOR, maintenance $closed)"
    fi
  else
    fail "Caddy with deploy/Caddyfile answers /healthz"
  fi
else
  skip "Caddy: not installed (deploy/Caddyfile is checked by the tests when it is)"
fi

# ---- Metrics, added up over the web workers ----------------------------------------------------------------
logged=$(grep -c '" [1-5][0-9][0-9] ' "$TMP/log/web.log")  # requests gunicorn answered so far, whichever worker
anonymous=$("${CURL[@]}" -o /dev/null -w '%{http_code}' "$BASE/metrics")
code=$("${CURL[@]}" -o "$TMP/body" -w '%{http_code}' -H "Authorization: Bearer $METRICS_TOKEN" "$BASE/metrics")
answered=$(awk '/^openhour_http_requests_total\{/ {sum += $NF} END {print sum + 0}' "$TMP/body")
if [ "$anonymous" = 404 ] && [ "$code" = 200 ] && ((${answered%.*} >= logged)); then
  pass "/metrics: 404 to a stranger; with METRICS_TOKEN, all $answered requests the web workers answered are counted"
else
  fail "/metrics (stranger $anonymous, with the token $code, $answered requests counted of $logged answered)"
fi

# ---- The operators' status check: 200 while every part answers, 503 naming the timers once they stop ---------
status() { "${CURL[@]}" -o "$TMP/status.json" -w '%{http_code}' -H "Authorization: Bearer $METRICS_TOKEN" "$BASE/operations/status.json"; }
down_parts() { python3 -c 'import json, sys; print(",".join(c["name"] for c in json.load(open(sys.argv[1]))["checks"] if not c["ok"]))' "$TMP/status.json"; }
answers() { [ "$(status)" = 200 ]; }
only_timers_stale() { [ "$(status)" = 503 ] && [ "$(down_parts)" = timers ]; }
if wait_for "$WAIT" answers; then
  pass "/operations/status.json: database, cache, storage, mail, the queue and the worker's and timers' heartbeats all answer"
  ctl stop openhour:timers >/dev/null
  if wait_for 60 only_timers_stale; then
    pass "with the timers stopped, the status check answers 503 and names them (HEALTH_STALE_SECONDS=40)"
  else
    fail "status check after stopping the timers: $(status), down: $(down_parts)"
  fi
  ctl start openhour:timers >/dev/null
  wait_for "$WAIT" answers || fail "status check after starting the timers again: down: $(down_parts)"
else
  fail "/operations/status.json answers 200 (down: $(down_parts))"
fi

# ---- Maintenance page ------------------------------------------------------------------------------------------
touch "$TMP/var/maintenance.flag"
code=$("${CURL[@]}" -D "$TMP/headers" -o "$TMP/body" -w '%{http_code}' "$BASE/contracts")
rm -f "$TMP/var/maintenance.flag"
if [ "$code" = 503 ] && grep -q 'We are updating the marketplace' "$TMP/body" && grep -qi '^retry-after: 300' "$TMP/headers" && healthy; then
  pass "with var/maintenance.flag every address answers 503 with deploy/maintenance.html; without it the site is back"
else
  fail "maintenance page (got $code)"
fi

# ---- Django's deployment checks in this environment ----------------------------------------------------------
if manage check --deploy --fail-level WARNING >"$TMP/log/check.log" 2>&1; then
  pass "manage.py check --deploy --fail-level WARNING: $(tail -1 "$TMP/log/check.log")"
else
  cat "$TMP/log/check.log"
  fail "manage.py check --deploy --fail-level WARNING"
fi

# ---- Backup and restore drill (when manage.py backup exists) -------------------------------------------------
if manage help backup >/dev/null 2>&1; then
  tables=(accounts_user account_emailaddress integrity_accessrecord messaging_notification money_account money_transfer)
  counts() { local t; for t in "${tables[@]}"; do printf '%s=%s ' "$t" "$(sql "SELECT count(*) FROM $t" "$1")"; done; }
  mkdir -p "$TMP/backups" "$TMP/var-restored"
  folder=$(manage backup --to "$TMP/backups" 2>"$TMP/log/backup.log" | tail -n 1)
  # The restore goes to a fresh install: an empty database and files folder of its own.
  sed -e "s#^DATABASE_URL=.*#DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB_RESTORED#" \
    -e "s#^VAR_DIR=.*#VAR_DIR=$TMP/var-restored#" "$TMP/openhour.env" >"$TMP/restored.env"
  restored() { OPENHOUR_ENV_FILE="$TMP/restored.env" "$ROOT/deploy/run-with-env" "$PY" manage.py "$@"; }
  if [ -n "$folder" ] && [ -d "$folder" ] && createdb "${PG[@]}" "$DB_RESTORED" &&
    restored restore "$folder" >>"$TMP/log/backup.log" 2>&1; then
    pass "backup to $(basename "$folder") and restore into a fresh database"
    if restored ledger_check >>"$TMP/log/backup.log" 2>&1; then
      pass "ledger_check on the restored database"
    else
      fail "ledger_check on the restored database"
    fi
    if [ "$(counts "$DB")" = "$(counts "$DB_RESTORED")" ]; then
      pass "restored row counts match: $(counts "$DB_RESTORED")"
    else
      fail "restored row counts differ: $(counts "$DB") vs $(counts "$DB_RESTORED")"
    fi
  else
    fail "backup and restore into a fresh database (folder '$folder')"
  fi
else
  skip "backup/restore drill: this version has no manage.py backup"
fi
