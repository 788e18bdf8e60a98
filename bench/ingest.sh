#!/usr/bin/env bash
# Ingestion benchmark: `mlsec ingest` against mawk extracting only SRC= and counting distinct
# values, on the same generated netfilter file, side by side, taking turns. Best of RUNS
# wall-clock times (the machine is shared; the best run is the least disturbed one), peak RSS from
# /usr/bin/time -v. Usage: bench/ingest.sh [LINES=1000000] [RUNS=3] [STAMPS=bsd|rfc3339]
# Peak RSS "whatever the file size": bench/ingest.sh 5000000 1 and bench/ingest.sh 10000000 1
# (the generator writes ~250 MB per million lines into bench/out/, which git ignores).
set -euo pipefail
cd "$(dirname "$0")/.."

LINES="${1:-1000000}"
RUNS="${2:-3}"
STAMPS="${3:-bsd}"
OUT=bench/out
FILE="$OUT/iptables-$LINES.log"
[ "$STAMPS" = bsd ] || FILE="$OUT/iptables-$STAMPS-$LINES.log"
mkdir -p "$OUT"
command -v mawk >/dev/null || { echo "mawk is required (apt-get install mawk)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is required (apt-get install time)" >&2; exit 1; }

if [ ! -s "$FILE" ]; then
  echo "generating $LINES lines into $FILE ..." >&2
  npx tsx bench/gen-iptables.ts "$LINES" "$FILE" "$STAMPS"
fi
cat "$FILE" >/dev/null # page cache: both tools read from memory
node packages/core/build-kernel.mjs # the WebAssembly netfilter kernel, fresh
node apps/cli/build.mjs # the CLI bundle, so neither tsx nor a stale bundle is timed

MAWK_PROG='match($0, /SRC=[^ ]+/) { s[substr($0, RSTART + 4, RLENGTH - 4)] = 1 } END { n = 0; for (k in s) n++; print n }'

# once NAME CMD... -> appends "wall user sys rss_kb" to $OUT/NAME.times, output to $OUT/NAME.out
once() {
  local name="$1"
  shift
  /usr/bin/time -v -o "$OUT/$name.time" "$@" >"$OUT/$name.out"
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = (n == 3) ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2] }
    /User time/ { user = $2 } /System time/ { sys = $2 } /Maximum resident/ { rss = $2 }
    END { print wall, user, sys, rss }' "$OUT/$name.time" >>"$OUT/$name.times"
}

# The two tools take turns, run by run: this machine's speed drifts by up to a quarter within
# minutes, and all of one tool's runs before all of the other's compared two different machines.
: >"$OUT/mawk.times"
: >"$OUT/mlsec.times"
for _ in $(seq "$RUNS"); do
  once mawk mawk "$MAWK_PROG" "$FILE"
  once mlsec node apps/cli/bin/mlsec.js ingest "$FILE" --json --reference-date 2026-01-04
done

MAWK_SOURCES=$(cat "$OUT/mawk.out")
MLSEC_SOURCES=$(node -e 'const o = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(o.sources)' "$OUT/mlsec.out")
MLSEC_EVENTS=$(node -e 'const o = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(o.events)' "$OUT/mlsec.out")

echo
echo "file: $FILE ($LINES lines, $(du -h "$FILE" | cut -f1)); best of $RUNS runs; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %9s %9s %9s %12s %14s %10s\n' tool "wall s" "user s" "sys s" "peak RSS MB" "lines/s (wall)" sources
for name in mawk mlsec; do
  sources=$([ "$name" = mawk ] && echo "$MAWK_SOURCES" || echo "$MLSEC_SOURCES")
  sort -n "$OUT/$name.times" | head -1 | awk -v n="$name" -v lines="$LINES" -v src="$sources" \
    '{ printf "%-8s %9.2f %9.2f %9.2f %12.0f %14.0f %10s\n", n, $1, $2, $3, $4 / 1024, lines / $1, src }'
done
best() { sort -n "$OUT/$1.times" | head -1 | cut -d' ' -f1; }
awk -v m="$(best mawk)" -v s="$(best mlsec)" 'BEGIN { printf "speed-up of mlsec ingest over mawk (wall): %.2fx\n", m / s }'
# CPU seconds (user + sys) of the best run: fairer than wall time while others share the cores.
cpu() { sort -n "$OUT/$1.times" | head -1 | awk '{ print $2 + $3 }'; }
awk -v m="$(cpu mawk)" -v s="$(cpu mlsec)" 'BEGIN { printf "speed-up of mlsec ingest over mawk (CPU): %.2fx\n", m / s }'
# Run by run (they took turns): the median of mawk's time over mlsec's, less sensitive to drift.
paste -d' ' "$OUT/mawk.times" "$OUT/mlsec.times" | awk '{ print $1 / $5 }' | sort -n |
  awk '{ r[NR] = $1 } END { printf "speed-up, median of %d paired runs (wall): %.2fx\n", NR, (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2 }'
[ "$MAWK_SOURCES" = "$MLSEC_SOURCES" ] || { echo "MISMATCH: mawk counted $MAWK_SOURCES sources, mlsec $MLSEC_SOURCES" >&2; exit 1; }
[ "$MLSEC_EVENTS" = "$LINES" ] || { echo "MISMATCH: mlsec made $MLSEC_EVENTS events from $LINES lines" >&2; exit 1; }
