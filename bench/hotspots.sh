#!/bin/bash
# Hot spot benchmark: quartic KDE and Gi* on the 9,646 Stockport burglaries (tests/data) at 50 m
# cells, nestguard against spatstat and spdep (bench/hotspots.R). nestguard is timed end to end
# (process start, reading the CSV, writing every cell as CSV); R only for its computation.
# usage: bench/hotspots.sh [CELL [BANDWIDTH [RADIUS]]]   (defaults 50, 250, 75 = 3x3 block)
set -euo pipefail
cd "$(dirname "$0")/.."
NG=${NESTGUARD:-./nestguard}
CELL=${1:-50}; H=${2:-250}; RADIUS=${3:-75}
[ -x "$NG" ] || { echo "build nestguard first (make)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now() { date +%s.%N; }
best() {  # best of 3 wall-clock seconds of "$@" > $OUT
	local b= s t0 t1
	for run in 1 2 3; do
		t0=$(now); "$@" > "$OUT"; t1=$(now)
		s=$(echo "$t1 - $t0" | bc -l)
		if [ -z "$b" ] || [ "$(echo "$s < $b" | bc -l)" = 1 ]; then b=$s; fi
	done
	echo "$b"
}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load average: $(cut -d" " -f1-3 /proc/loadavg)"
"$NG" analyse project --points tests/data/stockport_burglary.csv --x Longitude --y Latitude > "$tmp/points.csv"
echo "points: $(($(wc -l < "$tmp/points.csv") - 1)) Stockport burglaries, cell $CELL m, bandwidth $H m, Gi* radius $RADIUS m"
OUT=$tmp/kde.csv ng_kde=$(best "$NG" analyse kde --points "$tmp/points.csv" --x x --y y --cell "$CELL" --bandwidth "$H")
OUT=$tmp/gi.csv ng_gi=$(best "$NG" analyse gistar --points "$tmp/points.csv" --x x --y y --cell "$CELL" --neighbourhood "$RADIUS")
printf 'nestguard KDE: %.3f s (%d cells)\nnestguard Gi*: %.3f s (%d cells)\n' "$ng_kde" $(($(wc -l < "$tmp/kde.csv") - 1)) \
	"$ng_gi" $(($(wc -l < "$tmp/gi.csv") - 1))
if ! command -v Rscript >/dev/null; then echo "Rscript not installed: no R comparison"; exit 0; fi
Rscript bench/hotspots.R "$tmp/points.csv" "$CELL" "$H" "$RADIUS" "$tmp/kde.csv" "$tmp/gi.csv" | tee "$tmp/r.out"
r_kde=$(sed -n 's/^R_KDE //p' "$tmp/r.out"); r_gi=$(sed -n 's/^R_GI //p' "$tmp/r.out")
printf 'ratio KDE: %.1fx faster than spatstat\nratio Gi*: %.1fx faster than spdep\n' \
	"$(echo "$r_kde / $ng_kde" | bc -l)" "$(echo "$r_gi / $ng_gi" | bc -l)"
