#!/bin/sh
# Evaluation report benchmark (issue 4): the evaluation over N generated cases (default 100,000)
# as HTML, PDF and XLSX, each timed end to end (`nestguard report evaluation`, process start to
# file written), against two peers doing the same aggregation on the same database in the same
# run: the sqlite3 shell running the report's own SQL (`--sql`), and Python pandas (1.5, Debian's
# python3-pandas) loading the tables and aggregating them.
# Also the HTML report as the running web server serves it (page and download, timed with curl).
# Targets: HTML < 100 ms, PDF < 1 s, XLSX < 1 s. Results go into docs/benchmarks.md by hand.
# Usage: bench/evaluation.sh [CASES] [RUNS]      (needs sqlite3, curl and /usr/bin/python3 with pandas)
#   BENCH_DB=FILE keeps the generated database in FILE, and reuses it when it exists.
set -eu
cases=${1:-100000}
runs=${2:-5}
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${NESTGUARD_BIN:-$top/nestguard}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=${BENCH_DB:-$work/bench.db}

# --- data: N cases over ten years, as `nestguard import cases` takes them ----------------------
if [ -s "$db" ]; then
	echo "using the cases in $db"
else
/usr/bin/python3 - "$cases" "$work/cases.csv" <<'PY'
import csv, datetime, random, sys
n, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(4)
wards = ["Bramhall North", "Bramhall South & Woodford", "Bredbury & Woodley", "Bredbury Green & Romiley",
         "Brinnington & Stockport Central", "Cheadle East & Cheadle Hulme North", "Cheadle Hulme South",
         "Cheadle West & Gatley", "Davenport & Cale Green", "Edgeley", "Hazel Grove", "Heald Green", "Heatons North",
         "Heatons South", "Manor", "Marple North", "Marple South & High Lane", "Norbury & Woodsmoor", "Offerton",
         "Reddish North", "Reddish South"]
agencies = ["Greater Manchester Police", "Stockport Homes", "Adult Social Care", "Substance Misuse Service",
            "Probation Service", "Community Mental Health Team", "Fire and Rescue Service", "Self-referral"]
types = ["Cuckooing", "County lines", "Financial", "Sexual", "Modern slavery", "Family"]
outcomes = ["Target hardening", "Wrap-around support", "Arrest", "Conviction", "Community protection warning",
            "Community protection notice", "Warning issued", "Perpetrator excluded", "Partial closure order",
            "Civil injunction", "Referral to substance misuse treatment", "Leaflet drop"]
start = datetime.date(2015, 4, 1)
with open(path, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["Reference", "Referral date", "Referring agency", "Exploitation types", "Area", "Tenure", "Status",
                "Closed date", "Positively resolved", "Stayed in tenancy", "Moved", "Outcomes", "Risk"])
    for i in range(n):
        opened = start + datetime.timedelta(days=rng.randrange(3650))
        closed = rng.random() < 0.8
        closed_on = opened + datetime.timedelta(days=20 + rng.randrange(200)) if closed else None
        if closed_on and closed_on > datetime.date(2025, 12, 31):
            closed_on = datetime.date(2025, 12, 31)
        moved = rng.choice(["No"] * 12 + ["within borough", "out of borough"]) if closed else ""
        stayed = ("Yes" if rng.random() < 0.6 else "No") if closed and moved == "No" else ("No" if closed else "")
        w.writerow(["B-%06d" % i, opened.isoformat(), rng.choice(agencies),
                    "; ".join(sorted(set(["Cuckooing"] + rng.sample(types, rng.randrange(2))))), rng.choice(wards),
                    rng.choice(["Council", "Private rented", "Owner occupied", "Supported"]), "Closed" if closed else "Open",
                    closed_on.isoformat() if closed_on else "", ("Yes" if rng.random() < 0.85 else "No") if closed else "",
                    stayed, moved, "; ".join(rng.sample(outcomes, rng.randrange(4))), rng.choice(["High", "Medium", "Low"])])
PY
"$bin" --db "$db" agency add --name "Stockport Council" --kind council > /dev/null
t0=$(date +%s%N)
"$bin" --db "$db" import cases "$work/cases.csv" --agency "Stockport Council" --create-agencies > /dev/null
t1=$(date +%s%N)
echo "imported $cases cases in $(( (t1 - t0) / 1000000 )) ms"
fi
from=2015-04-01
to=2025-12-31

# "WALL CPU": medians of RUNS runs of a shell command, in ms: elapsed time, and CPU time (user +
# system, which other work on a shared machine does not inflate), from GNU time.
median_ms() {
	i=0; : > "$work/times"
	while [ $i -lt "$runs" ]; do
		/usr/bin/time -f "%e %U %S" -o "$work/one" sh -c "$1" > /dev/null
		tail -n 1 "$work/one" >> "$work/times"; i=$((i + 1))
	done
	med() { sort -n | awk '{v[NR] = $1} END {m = int((NR + 1) / 2); printf "%.0f", NR % 2 ? v[m] : (v[m] + v[m + 1]) / 2}'; }
	printf '%s %s' "$(awk '{print $1 * 1000}' "$work/times" | med)" "$(awk '{print ($2 + $3) * 1000}' "$work/times" | med)"
}

report() { echo "'$bin' --db '$db' report evaluation --from $from --to $to --format $1 -o '$work/out.$1'"; }
for f in html pdf xlsx; do sh -c "$(report $f)"; done   # warm the page cache and the font cache
html=$(median_ms "$(report html)")
pdf=$(median_ms "$(report pdf)")
xlsx=$(median_ms "$(report xlsx)")
csvt=$(median_ms "$(report csv)")

# the same report from the running web server, as users meet it: GET of the report page and of
# its HTML download for the same period, by a caseworker (exact counts, as the command line),
# signed in with an API token. Elapsed time per request as curl sees it (median of RUNS, after
# one warm-up request), and the server's CPU time per request (from /proc, averaged).
if "$bin" --db "$db" user list 2>/dev/null | grep -q "bench-eval@nestguard.example"; then :; else
	"$bin" --db "$db" user add --email bench-eval@nestguard.example --name "Benchmark" --agency "Stockport Council" \
		--role caseworker > /dev/null
fi
token=$("$bin" --db "$db" token create --email bench-eval@nestguard.example --label bench | awk 'length($NF) > 30 {print $NF}' | tail -n 1)
port=${BENCH_PORT:-18290}
"$bin" --db "$db" serve --listen 127.0.0.1:$port --rate-limit 0 2> "$work/server.log" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
i=0
until curl -s -o /dev/null "http://127.0.0.1:$port/signin" || [ $i -ge 50 ]; do sleep 0.1; i=$((i + 1)); done
# "WALL CPU" of RUNS GETs of URL: median elapsed (ms), mean server CPU (ms) per request
served_ms() {
	curl -s -f -o "$work/served.html" -H "Authorization: Bearer $token" "$1" || { echo "GET $1 failed" >&2; exit 1; }
	cpu0=$(awk '{print $14 + $15}' /proc/$server/stat)
	i=0; : > "$work/times"
	while [ $i -lt "$runs" ]; do
		curl -s -f -o "$work/served.html" -w '%{time_total}\n' -H "Authorization: Bearer $token" "$1" >> "$work/times"
		i=$((i + 1))
	done
	cpu1=$(awk '{print $14 + $15}' /proc/$server/stat)
	ticks=$(getconf CLK_TCK)
	printf '%s %s' "$(awk '{print $1 * 1000}' "$work/times" | sort -n | awk '{v[NR] = $1} END {m = int((NR + 1) / 2); printf "%.0f", NR % 2 ? v[m] : (v[m] + v[m + 1]) / 2}')" \
		"$(awk -v a="$cpu0" -v b="$cpu1" -v n="$runs" -v t="$ticks" 'BEGIN {printf "%.0f", (b - a) * 1000 / t / n}')"
}
served_page=$(served_ms "http://127.0.0.1:$port/reports/evaluation?from=$from&to=$to")
served_html=$(served_ms "http://127.0.0.1:$port/reports/evaluation/export?format=html&from=$from&to=$to")
kill $server; wait $server 2>/dev/null || true

# peer 1: the sqlite3 shell running exactly the report's queries
{ echo ".parameter init"; echo ".parameter set ?1 \"'$from'\""; echo ".parameter set ?2 \"'$to'\"";
  "$bin" report evaluation --sql; } > "$work/queries.sql"
sql=$(median_ms "sqlite3 '$db' < '$work/queries.sql'")

# peer 2: pandas loading the tables and doing the same aggregation
cat > "$work/pandas_eval.py" <<'PY'
import sqlite3, sys, pandas as pd
db, start, end = sys.argv[1:4]
con = sqlite3.connect(db)
cases = pd.read_sql_query("SELECT id, opened_on, closed_on, status, positively_resolved, moved, stayed_in_tenancy,"
                          " referring_agency_id, ward_id, neighbourhood_id FROM case_file", con)
types = pd.read_sql_query("SELECT case_id, type_id FROM case_exploitation_type", con)
iv = pd.read_sql_query("SELECT case_id, kind_id, occurred_on FROM case_intervention", con)
groups = pd.read_sql_query("SELECT kind_id, group_code FROM report_outcome_group_kind", con)
agencies = pd.read_sql_query("SELECT id, name FROM agency", con)
loc = pd.read_sql_query("SELECT id, name, ward_id FROM locality", con)
c = cases[(cases.opened_on >= start) & (cases.opened_on <= end)]
closed = (c.status == "closed") & (c.closed_on <= end)
totals = [len(c), closed.sum(), (closed & (c.positively_resolved == 1)).sum(), (closed & (c.moved == "within_borough")).sum(),
          (closed & (c.moved == "out_of_borough")).sum(), (closed & (c.stayed_in_tenancy == 1)).sum()]
months = c.opened_on.str[:7].value_counts().sort_index()
by_agency = c.merge(agencies, left_on="referring_agency_id", right_on="id").groupby("name").size()
by_type = types[types.case_id.isin(c.id)].groupby("type_id").size()
hits = iv[iv.case_id.isin(c.id) & (iv.occurred_on <= end)].merge(groups, on="kind_id", how="left")
outcomes = hits.drop_duplicates(["group_code", "case_id"]).groupby("group_code").size()
by_kind = hits.groupby("kind_id").agg(cases=("case_id", "nunique"), records=("case_id", "size"))
named = c.neighbourhood_id.fillna(c.ward_id)
by_area = named.value_counts()
by_ward = c.ward_id.value_counts()
print(totals, len(months), len(by_agency), len(by_type), len(outcomes), len(by_kind), len(by_area), len(by_ward))
PY
pandas=$(median_ms "/usr/bin/python3 '$work/pandas_eval.py' '$db' $from $to")

cpu() { echo "${1#* }"; }
ratio() { awk -v a="$(cpu "$1")" -v b="$(cpu "$2")" 'BEGIN { printf "%.3f", a / b }'; }
echo
echo "Evaluation over $cases cases, $from to $to; median of $runs runs of the whole process, in ms:"
printf '  %-44s %8s %8s\n' "" "elapsed" "CPU"
row() { printf '  %-44s %8s %8s\n' "$1" "${2% *}" "${2#* }"; }
row "nestguard report evaluation --format html" "$html"
row "nestguard report evaluation --format pdf" "$pdf"
row "nestguard report evaluation --format xlsx" "$xlsx"
row "nestguard report evaluation --format csv" "$csvt"
row "web server: GET /reports/evaluation (page)" "$served_page"
row "web server: GET .../export?format=html" "$served_html"
row "peer: sqlite3 shell, the report's SQL" "$sql"
row "peer: pandas, load + aggregate" "$pandas"
echo "CPU-time ratios: html/sqlite3 $(ratio "$html" "$sql"), html/pandas $(ratio "$html" "$pandas"), pdf/sqlite3 $(ratio "$pdf" "$sql"), xlsx/sqlite3 $(ratio "$xlsx" "$sql")"
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Sizes: html $(wc -c < "$work/out.html") B, pdf $(wc -c < "$work/out.pdf") B, xlsx $(wc -c < "$work/out.xlsx") B"
