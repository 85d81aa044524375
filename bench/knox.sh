#!/bin/bash
# Knox benchmark: nestguard on the 45,319 Chicago burglaries (4 distance x 3 time bands, 999
# permutations; target under 30 s on 2 cores), then nestguard and a plain R implementation of the
# same algorithm (bench/knox.R) on the first N events, which R's dist() can hold, and their ratio.
# usage: bench/knox.sh [N]   (default 20000; needs ../shared/data and Rscript)
set -euo pipefail
cd "$(dirname "$0")/.."
NG=${NESTGUARD:-./nestguard}
DATA=${NESTGUARD_SHARED_DATA:-../shared/data}/nearrepeat/chicago_burglary_2014_2017.csv
N=${1:-20000}
DB=0,0.1,200,400,600
TB=0,7,14,21
[ -x "$NG" ] || { echo "build nestguard first (make)"; exit 1; }
[ -r "$DATA" ] || { echo "missing $DATA"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }
knox() { "$NG" analyse knox --points "$1" --x x --y y --date date_single --date-format %d/%m/%Y \
	--distance-bands $DB --time-bands $TB --iterations 999 --metric manhattan --seed 1; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load average: $(cut -d" " -f1-3 /proc/loadavg)"
echo "== nestguard, all $(($(wc -l < "$DATA") - 1)) events, 999 permutations"
best=
for run in 1 2 3; do
	t0=$(now); knox "$DATA" > "$tmp/full.csv"; t1=$(now)
	s=$(echo "$t1 - $t0" | bc -l)
	printf 'run %d: %.2f s\n' $run "$s"
	if [ -z "$best" ] || [ "$(echo "$s < $best" | bc -l)" = 1 ]; then best=$s; fi
done
printf 'nestguard full data: best of 3 %.2f s (target < 30 s)\n' "$best"
cat "$tmp/full.csv"

echo "== subset: first $N events, 999 permutations"
head -n $((N + 1)) "$DATA" > "$tmp/subset.csv"
t0=$(now); knox "$tmp/subset.csv" > "$tmp/subset-ng.csv"; t1=$(now)
ng=$(echo "$t1 - $t0" | bc -l)
printf 'nestguard: %.3f s\n' "$ng"
echo "nestguard observed: $(/usr/bin/python3 -c 'import csv,sys; print(" ".join(r["observed"] for r in csv.DictReader(open(sys.argv[1]))))' "$tmp/subset-ng.csv")"
if ! command -v Rscript >/dev/null; then echo "Rscript not installed: no R comparison"; exit 0; fi
Rscript bench/knox.R "$tmp/subset.csv" "$N" 999 manhattan $DB $TB | tee "$tmp/r.out"
r=$(sed -n 's/^R_SECONDS //p' "$tmp/r.out")
printf 'ratio R / nestguard on %d events: %.1fx (R %.2f s, nestguard %.3f s)\n' "$N" "$(echo "$r / $ng" | bc -l)" "$r" "$ng"
