#!/bin/sh
# Case management at scale (issue 3): 100,000 cases and ~300,000 people from the demo generator,
# then wrk -t2 -c32 on the filtered case list, search by name / address / postcode and the case
# page (random cases), and the time to import 100,000 cases from CSV.
# Beside each list and search: the server's CPU time per request under that load, and the peer,
# the same query's core (capped count and the page's ids) run by the sqlite3 shell alone, on a
# warm cache: what SQLite itself needs.
# Usage: bench/cases.sh [SECONDS]   (needs wrk and sqlite3)
#   SKIP_IMPORT=1 bench/cases.sh     only the web measurements, not the import
#   CASES_DB=FILE bench/cases.sh    work on a copy of FILE (a database this script built before:
#                                   keep one with KEEP_DB=FILE) instead of building the caseload
set -eu
secs=${1:-10}
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${NESTGUARD_BIN:-$top/nestguard}
work=$(mktemp -d)
ng_pid=
trap 'if [ -n "$ng_pid" ]; then kill $ng_pid 2>/dev/null || true; fi; rm -rf "$work"' EXIT
db=$work/cases.db
start=$(date +%s.%N)
if [ -n "${CASES_DB:-}" ]; then
	cp "$CASES_DB" "$db"
	# the field encryption keys (notes, risk reasons ...) live beside the database
	if [ -f "$CASES_DB.key" ]; then cp "$CASES_DB.key" "$db.key"; fi
	"$bin" --db "$db" migrate > /dev/null
	echo "caseload copied from $CASES_DB"
else
	"$bin" --db "$db" demo --cases 110000 > "$work/demo.txt"
	echo "demo caseload built in $(echo "$(date +%s.%N) - $start" | bc) s"
	if [ -n "${KEEP_DB:-}" ]; then
		sqlite3 "$db" "VACUUM INTO '$KEEP_DB'"
		if [ -f "$db.key" ]; then cp "$db.key" "$KEEP_DB.key"; fi
	fi
fi
echo "$(sqlite3 "$db" 'SELECT count(*) FROM case_file') cases, $(sqlite3 "$db" 'SELECT count(*) FROM person') people"
agency=$(sqlite3 "$db" "SELECT agency_id FROM user WHERE email = 'teamleader@nestguard.example'")
token=$("$bin" --db "$db" token create --email teamleader@nestguard.example 2>/dev/null)
port=18191
"$bin" --db "$db" serve --listen 127.0.0.1:$port --rate-limit 0 2> "$work/server.log" &
ng_pid=$!
sleep 1
cat > "$work/case.lua" <<'LUA'
math.randomseed(42)
request = function() return wrk.format("GET", "/cases/" .. math.random(1, 100000)) end
LUA
cpu_ticks() { awk '{print $14 + $15}' "/proc/$ng_pid/stat"; }
# peer SQL...: milliseconds of CPU the sqlite3 shell needs for the statements, warm cache (the
# statements are run 200 times in one shell; the shell's own start is measured apart and taken off)
peer() {
	printf 'PRAGMA cache_size=-65536;\n' > "$work/peer.sql"
	i=0
	while [ $i -lt 200 ]; do printf '%s;\n' "$@" >> "$work/peer.sql"; i=$((i + 1)); done
	printf 'PRAGMA cache_size=-65536;\n' > "$work/peer0.sql"
	t=$( { /usr/bin/time -f '%U %S' sqlite3 "$db" < "$work/peer.sql" > /dev/null; } 2>&1 | tail -1)
	t0=$( { /usr/bin/time -f '%U %S' sqlite3 "$db" < "$work/peer0.sql" > /dev/null; } 2>&1 | tail -1)
	echo "$t $t0" | awk '{ printf "%.2f", (($1 + $2) - ($3 + $4)) * 1000 / 200 }'
}
run() { # name path [script] [peer SQL...]
	name=$1 path=$2 script=${3:-}
	shift 3
	c0=$(cpu_ticks)
	if [ -n "$script" ]; then wrk -t2 -c32 -d"${secs}s" --latency -s "$script" -H "Authorization: Bearer $token" "http://127.0.0.1:$port" > "$work/$name.txt"
	else wrk -t2 -c32 -d"${secs}s" --latency -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path" > "$work/$name.txt"; fi
	c1=$(cpu_ticks)
	requests=$(awk '/requests in/{print $1}' "$work/$name.txt")
	single=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "http://127.0.0.1:$port${path:-/cases/5000}")
	sqlite_ms=-
	if [ $# -gt 0 ]; then sqlite_ms=$(peer "$@"); fi
	printf '%-24s %8s req/s  p50 %-9s p99 %-9s alone %6.1f ms  server cpu %5.2f ms/req  sqlite3 shell %5s ms\n' "$name" \
		"$(awk '/Requests\/sec/{print $2}' "$work/$name.txt")" "$(awk '$1=="50%"{print $2}' "$work/$name.txt")" \
		"$(awk '$1=="99%"{print $2}' "$work/$name.txt")" "$(echo "$single * 1000" | bc)" \
		"$(echo "($c1 - $c0) * 1000 / $(getconf CLK_TCK) / $requests" | bc -l)" "$sqlite_ms"
}
# The peers' SQL is the core of what the model runs for the same request (model/case_list.c):
# the count capped at 1,000 (or the page's end) and the ids of the page, both from the indexes.
a="agency_id = $agency"
page="ORDER BY opened_on DESC, id DESC LIMIT 25"
echo "wrk -t2 -c32 -d${secs}s on $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg)"
run list_open_high_risk "/cases?status=open&risk=high" "" \
	"SELECT count(*) FROM (SELECT 1 FROM case_file WHERE $a AND status = 'open' AND risk_level = 'high' LIMIT 1001)" \
	"SELECT id FROM case_file WHERE $a AND status = 'open' AND risk_level = 'high' $page"
run list_ward_by_reference "/api/v1/cases?area_id=5&sort=reference&order=asc&page=50" "" \
	"SELECT count(*) FROM (SELECT 1 FROM case_file WHERE $a AND ward_id = 5 LIMIT 1251)" \
	"SELECT id FROM case_file WHERE $a AND ward_id = 5 ORDER BY reference, id LIMIT 25 OFFSET 1225"
run list_type_active "/api/v1/cases?status=active&type_id=5" "" \
	"SELECT count(*) FROM (SELECT 1 FROM case_file WHERE $a AND status IN ('open', 'closure_requested') AND (type_mask & 32) <> 0 LIMIT 1001)" \
	"SELECT id FROM case_file WHERE $a AND status IN ('open', 'closure_requested') AND (type_mask & 32) <> 0 $page"
run search_name "/api/v1/cases?q=ashcombe" "" \
	"SELECT count(*) FROM (SELECT DISTINCT case_id FROM case_search WHERE term >= 'ashcombe' AND term < 'ashcombe~' AND $a LIMIT 1001)" \
	"SELECT id FROM case_file WHERE $a AND +id IN (SELECT case_id FROM case_search WHERE term >= 'ashcombe' AND term < 'ashcombe~') $page"
run search_address "/api/v1/cases?q=fernlea+grove" "" \
	"SELECT count(*) FROM (SELECT DISTINCT t.case_id FROM case_search t WHERE t.term >= 'fernlea' AND t.term < 'fernlea~' AND t.$a AND +t.case_id IN (SELECT case_id FROM case_search WHERE term >= 'grove' AND term < 'grove~') LIMIT 1001)" \
	"SELECT id FROM case_file WHERE $a AND +id IN (SELECT case_id FROM case_search WHERE term >= 'fernlea' AND term < 'fernlea~') AND +id IN (SELECT case_id FROM case_search WHERE term >= 'grove' AND term < 'grove~') $page"
run search_postcode "/api/v1/cases?q=SK3+9ZD" "" \
	"SELECT count(*) FROM (SELECT DISTINCT case_id FROM case_search WHERE term >= 'sk39zd' AND term < 'sk39zd~' AND $a LIMIT 1001)" \
	"SELECT id FROM case_file WHERE $a AND id IN (SELECT case_id FROM case_search WHERE term >= 'sk39zd' AND term < 'sk39zd~') $page"
run case_page "" "$work/case.lua"
kill $ng_pid
wait $ng_pid 2>/dev/null || true
ng_pid=
if [ -n "${SKIP_IMPORT:-}" ]; then exit 0; fi
agencies=$(sqlite3 "$db" "SELECT name FROM agency WHERE kind IN ('police', 'housing')" | tr '\n' '\t')
IFS='	'
# shellcheck disable=SC2086
/usr/bin/python3 "$top/bench/cases_csv.py" 100000 $agencies > "$work/import.csv"
unset IFS
"$bin" --db "$work/import.db" demo --cases 0 > /dev/null
start=$(date +%s.%N)
"$bin" --db "$work/import.db" import cases "$work/import.csv"
echo "import of 100,000 cases: $(echo "$(date +%s.%N) - $start" | bc) s"
