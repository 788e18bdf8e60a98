#!/usr/bin/env bash
# Peak RSS of `mlsec ingest` as the log grows: "under 200 MB whatever the file size". Generated
# lines are piped straight in (no file on disk, so sizes past the disk's free space work too).
# Usage: bench/ingest-rss.sh [--distinct-sources] [--days N] [LINES...]
#   (default 1000000 10000000 40000000). Generator flags (bench/gen-iptables.ts):
#   --distinct-sources gives every line a source of its own: the worst case for memory;
#   --days 1 puts all lines in one day (default 9): with it, every source in one day.
set -euo pipefail
cd "$(dirname "$0")/.."
GEN_FLAGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --distinct-sources) GEN_FLAGS+=("$1"); shift ;;
    --days) GEN_FLAGS+=("$1" "$2"); shift 2 ;;
    *) break ;;
  esac
done
FLAG="${GEN_FLAGS[*]:-}"
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000000 10000000 40000000)
[ -x /usr/bin/time ] || { echo "/usr/bin/time is required (apt-get install time)" >&2; exit 1; }
node packages/core/build-kernel.mjs
node apps/cli/build.mjs
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
printf '%-10s %12s %10s %12s %s\n' lines "peak RSS MB" sources rollups "$FLAG"
for n in "${SIZES[@]}"; do
  npx tsx bench/gen-iptables.ts "$n" /dev/stdout ${GEN_FLAGS[@]+"${GEN_FLAGS[@]}"} |
    /usr/bin/time -f '%M' -o "$OUT/rss" node apps/cli/bin/mlsec.js ingest /dev/stdin --json --reference-date 2026-01-04 >"$OUT/out.json"
  node -e '
    const o = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const rss = Number(require("fs").readFileSync(process.argv[2], "utf8").trim()) / 1024;
    console.log(String(o.lines).padEnd(10), rss.toFixed(0).padStart(12), String(o.sources).padStart(10), String(o.rollups).padStart(12));
  ' "$OUT/out.json" "$OUT/rss"
done
