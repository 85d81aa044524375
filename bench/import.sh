#!/bin/bash
# Benchmark (not a test): import every police.uk street file in ../shared/data/policeuk/street
# with `nestguard import policeuk` and with Python pandas (read_csv + to_sql into SQLite), in
# the same run, alternating, REPEAT times each (default 5); reports the best and the median
# rows/s of each and the ratio. pandas is timed inside its script (read_csv + to_sql only)
# and as a whole process (with the interpreter's start and `import pandas`). nestguard imports
# into a fresh database whose schema was created beforehand (`nestguard migrate`, not timed),
# as in use; pandas creates its table as it goes. The import leaves its pages in the WAL for the
# next writer to checkpoint; the script also times that checkpoint right after it. Results go in docs/benchmarks.md ("police.uk import").
#   bench/import.sh [REPEAT]        (run from anywhere; needs ./nestguard built and python3-pandas)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
repeat=${1:-5}
bin=${NESTGUARD_BIN:-$top/nestguard}
data=${NESTGUARD_SHARED_DATA:-}
for d in "$data" ../shared/data ../../shared/data; do
	[ -n "$d" ] && [ -d "$d/policeuk/street" ] && { data=$d; break; }
done
[ -d "$data/policeuk/street" ] || { echo "no policeuk/street under ../shared/data" >&2; exit 1; }
mapfile -t files < <(ls "$data"/policeuk/street/*/*.csv | sort)
/usr/bin/python3 -c 'import pandas' 2>/dev/null || { echo "needs Debian python3-pandas (/usr/bin/python3)" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/nestguard-bench-import.XXXXXX")
trap 'rm -rf "$work"' EXIT

rows=$(cat "${files[@]}" | wc -l)
rows=$((rows - ${#files[@]}))   # minus one header per file
echo "files: ${#files[@]}, data rows: $rows, bytes: $(cat "${files[@]}" | wc -c)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

now() { date +%s.%N; }
ng=() ngck=() pd=() pdall=()
for i in $(seq "$repeat"); do
	rm -f "$work"/ng.db*
	"$bin" --db "$work/ng.db" migrate > /dev/null   # the schema exists before an import; not timed
	t0=$(now)
	"$bin" --db "$work/ng.db" import policeuk "${files[@]}" > "$work/ng.out"
	t1=$(now)
	sqlite3 "$work/ng.db" 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null   # what the import left to the next writer
	t2=$(now)
	added=$(sed -n 's/^total: .* \([0-9]*\) added.*/\1/p' "$work/ng.out")
	[ "$added" = "$rows" ] || { echo "nestguard added $added rows, expected $rows" >&2; exit 1; }
	ng+=("$(echo "$t1 - $t0" | bc -l)")
	ngck+=("$(echo "$t2 - $t0" | bc -l)")
	t0=$(now)
	read -r prows psec < <(/usr/bin/python3 bench/import_pandas.py "$work/pd.db" "${files[@]}")
	t1=$(now)
	[ "$prows" = "$rows" ] || { echo "pandas read $prows rows, expected $rows" >&2; exit 1; }
	pd+=("$psec")
	pdall+=("$(echo "$t1 - $t0" | bc -l)")
	printf 'run %d: nestguard %.3f s (%.3f s with the checkpoint after it), pandas %.3f s (%.3f s with interpreter start and import pandas)\n' \
		"$i" "${ng[-1]}" "${ngck[-1]}" "$psec" "${pdall[-1]}"
done

stats() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {printf "%s %s\n", a[1], (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
read -r ng_best ng_med < <(stats "${ng[@]}")
read -r nc_best nc_med < <(stats "${ngck[@]}")
read -r pd_best pd_med < <(stats "${pd[@]}")
read -r pa_best pa_med < <(stats "${pdall[@]}")
echo
printf '%-10s best %7.3f s (%8.0f rows/s)   median %7.3f s (%8.0f rows/s)\n' \
	nestguard "$ng_best" "$(echo "$rows / $ng_best" | bc -l)" "$ng_med" "$(echo "$rows / $ng_med" | bc -l)"
printf '%-10s best %7.3f s (%8.0f rows/s)   median %7.3f s (%8.0f rows/s)   (with the checkpoint)\n' \
	nestguard "$nc_best" "$(echo "$rows / $nc_best" | bc -l)" "$nc_med" "$(echo "$rows / $nc_med" | bc -l)"
printf '%-10s best %7.3f s (%8.0f rows/s)   median %7.3f s (%8.0f rows/s)\n' \
	pandas "$pd_best" "$(echo "$rows / $pd_best" | bc -l)" "$pd_med" "$(echo "$rows / $pd_med" | bc -l)"
printf '%-10s best %7.3f s (%8.0f rows/s)   median %7.3f s (%8.0f rows/s)   (whole process)\n' \
	pandas "$pa_best" "$(echo "$rows / $pa_best" | bc -l)" "$pa_med" "$(echo "$rows / $pa_med" | bc -l)"
printf 'ratio pandas / nestguard (medians): %.1fx; with the checkpoint: %.1fx; whole pandas process: %.1fx\n' \
	"$(echo "$pd_med / $ng_med" | bc -l)" "$(echo "$pd_med / $nc_med" | bc -l)" "$(echo "$pa_med / $ng_med" | bc -l)"
