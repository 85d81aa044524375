#!/bin/sh
# HTTP benchmark (issue 2): wrk with 32 connections on this machine against
#  (a) an embedded static asset, nestguard vs nginx serving the same file (the peer), and
#  (b) an authenticated page view that writes its audit row (GET /account).
# Usage: bench/http.sh [SECONDS]   (needs wrk and nginx-light from Debian)
set -eu
secs=${1:-10}
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${NESTGUARD_BIN:-$top/nestguard}
work=$(mktemp -d)
trap 'kill $ng_pid $nginx_pid 2>/dev/null || true; rm -rf "$work"' EXIT
db=$work/bench.db
"$bin" --db "$db" demo > "$work/demo.txt"
pass=$(awk '$1=="caseworker@nestguard.example"{print $2}' "$work/demo.txt")
port=18181
"$bin" --db "$db" serve --listen 127.0.0.1:$port --rate-limit 0 ${SERVE_ARGS:-} 2> "$work/server.log" &
ng_pid=$!
sleep 1

# sign in once and keep the session cookie for wrk
jar=$work/cookies
csrf=$(curl -s -c "$jar" http://127.0.0.1:$port/signin | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -1)
curl -s -b "$jar" -c "$jar" -o /dev/null -d "csrf_token=$csrf&email=caseworker%40nestguard.example&password=$pass&next=/" http://127.0.0.1:$port/signin
cookie=$(awk '$6=="__Host-nestguard"{print $7}' "$jar")
[ -n "$cookie" ] || { echo "sign-in failed" >&2; exit 1; }

# nginx serving the same stylesheet bytes
mkdir -p "$work/www" "$work/nginx"
curl -s -o "$work/www/nestguard.css" http://127.0.0.1:$port/assets/nestguard.css
cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server { listen 127.0.0.1:18182; root $work/www; etag on; }
}
CONF
chmod -R a+rX "$work"
/usr/sbin/nginx -c "$work/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
sleep 0.5

run() { # name url [header]
	if [ -n "${3:-}" ]; then wrk -t2 -c32 -d"${secs}s" --latency -H "$3" "$2" > "$work/$1.txt"
	else wrk -t2 -c32 -d"${secs}s" --latency "$2" > "$work/$1.txt"; fi
	rps=$(awk '/Requests\/sec/{print $2}' "$work/$1.txt")
	p50=$(awk '$1=="50%"{print $2}' "$work/$1.txt")
	p99=$(awk '$1=="99%"{print $2}' "$work/$1.txt")
	errs=$(awk '/Non-2xx|Socket errors/{print}' "$work/$1.txt" | tr '\n' ' ')
	printf '%-34s %10s req/s  p50 %-8s p99 %-8s %s\n' "$1" "$rps" "$p50" "$p99" "${errs:-no errors}"
	eval "rps_$1=$rps"
}
echo "wrk -t2 -c32 -d${secs}s on $(nproc) cores"
run asset_nestguard http://127.0.0.1:$port/assets/nestguard.css
run asset_nginx http://127.0.0.1:18182/nestguard.css
run page_account_audited http://127.0.0.1:$port/account "Cookie: __Host-nestguard=$cookie"
run api_me_not_audited http://127.0.0.1:$port/api/v1/me "Cookie: __Host-nestguard=$cookie"
rss=$(awk '/VmRSS/{print $2}' /proc/$ng_pid/status)
hwm=$(awk '/VmHWM/{print $2}' /proc/$ng_pid/status)
audits=$("$bin" --db "$db" audit list --last 1 | awk '{print $1}')
echo "static asset ratio nestguard/nginx: $(echo "$rps_asset_nestguard $rps_asset_nginx" | awk '{printf "%.2f", $1/$2}')"
echo "nestguard resident memory after the run: $((rss / 1024)) MB (peak $((hwm / 1024)) MB); audit rows written: $audits"
"$bin" --db "$db" audit verify
