#!/bin/sh
# Case management at scale (issue 3): 100,000 cases and ~300,000 people from the demo generator,
# then wrk -t2 -c32 on the filtered case list, search by name / address / postcode and the case
# page (random cases), and the time to import 100,000 cases from CSV.
# Usage: bench/cases.sh [SECONDS]   (needs wrk)
set -eu
secs=${1:-10}
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${NESTGUARD_BIN:-$top/nestguard}
work=$(mktemp -d)
trap 'kill $ng_pid 2>/dev/null || true; rm -rf "$work"' EXIT
db=$work/cases.db
start=$(date +%s.%N)
"$bin" --db "$db" demo --cases 110000 > "$work/demo.txt"
echo "demo caseload: $(sqlite3 "$db" 'SELECT count(*) FROM case_file') cases, $(sqlite3 "$db" 'SELECT count(*) FROM person') people" \
	"in $(echo "$(date +%s.%N) - $start" | bc) s"
token=$("$bin" --db "$db" token create --email teamleader@nestguard.example 2>/dev/null)
port=18191
"$bin" --db "$db" serve --listen 127.0.0.1:$port --rate-limit 0 2> "$work/server.log" &
ng_pid=$!
sleep 1
cat > "$work/case.lua" <<'LUA'
math.randomseed(42)
request = function() return wrk.format("GET", "/cases/" .. math.random(1, 100000)) end
LUA
run() { # name path [script]
	if [ -n "${3:-}" ]; then wrk -t2 -c32 -d"${secs}s" --latency -s "$3" -H "Authorization: Bearer $token" "http://127.0.0.1:$port" > "$work/$1.txt"
	else wrk -t2 -c32 -d"${secs}s" --latency -H "Authorization: Bearer $token" "http://127.0.0.1:$port$2" > "$work/$1.txt"; fi
	single=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "http://127.0.0.1:$port${2:-/cases/5000}")
	printf '%-28s %8s req/s  p50 %-9s p99 %-9s alone %6.1f ms\n' "$1" "$(awk '/Requests\/sec/{print $2}' "$work/$1.txt")" \
		"$(awk '$1=="50%"{print $2}' "$work/$1.txt")" "$(awk '$1=="99%"{print $2}' "$work/$1.txt")" "$(echo "$single * 1000" | bc)"
}
echo "wrk -t2 -c32 -d${secs}s on $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg)"
run list_open_high_risk "/cases?status=open&risk=high"
run list_ward_by_reference "/api/v1/cases?area_id=5&sort=reference&order=asc&page=50"
run list_type_active "/api/v1/cases?status=active&type_id=5"
run search_name "/api/v1/cases?q=ashcombe"
run search_address "/api/v1/cases?q=fernlea+grove"
run search_postcode "/api/v1/cases?q=SK3+9ZD"
run case_page "" "$work/case.lua"
kill $ng_pid
wait $ng_pid 2>/dev/null || true
agencies=$(sqlite3 "$db" "SELECT name FROM agency WHERE kind IN ('police', 'housing')" | tr '\n' '\t')
IFS='	'
# shellcheck disable=SC2086
/usr/bin/python3 "$top/bench/cases_csv.py" 100000 $agencies > "$work/import.csv"
unset IFS
"$bin" --db "$work/import.db" demo --cases 0 > /dev/null
start=$(date +%s.%N)
"$bin" --db "$work/import.db" import cases "$work/import.csv"
echo "import of 100,000 cases: $(echo "$(date +%s.%N) - $start" | bc) s"
