#!/usr/bin/env bash
# Training benchmark: the same libsvm file (ROWS x FEATURES, RBF, fixed C and gamma) through
# `mlsec train --folds 10` and Debian's native `svm-train -v 10`, alternating in one run.
#   bench/train.sh [RUNS=3] [ROWS=8000] [FEATURES=8]
# Wall times include process start (node + tsx for mlsec). Results go to stdout; copy them into
# docs/benchmarks.md with the machine description printed first.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
ROWS=${2:-8000}
FEATURES=${3:-8}
C=1
GAMMA=$(node -e "console.log(1/${FEATURES})")
mkdir -p bench/out
DATA=bench/out/train-${ROWS}x${FEATURES}.libsvm
[ -f "$DATA" ] || npx tsx bench/gen-libsvm.ts "$DATA" "$ROWS" "$FEATURES" 1
command -v svm-train >/dev/null || { echo "svm-train not found: apt-get install libsvm-tools" >&2; exit 1; }

echo "# machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'), $(free -h | awk '/^Mem:/{print $2}') RAM, node $(node --version), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# data: $DATA ($ROWS rows x $FEATURES features), RBF, C=$C, gamma=$GAMMA, 10 folds"

TIMES=bench/out/train-time.txt
# Wall and CPU (user + sys) seconds: on a shared machine CPU seconds say what the work cost
# whatever else was running; wall time is the target.
timed() { /usr/bin/time -o "$TIMES" -f "%e %U %S" "$@"; }
wallcpu() { awk '{printf "wall %6.2fs  cpu %6.2fs", $1, $2 + $3}' "$TIMES"; }

run_native() { # $1 = extra flags
  local out
  out=$(timed svm-train -q $1 -v 10 -c "$C" -g "$GAMMA" "$DATA")
  printf '%-36s %s  accuracy %s\n' "svm-train -v 10 $1" "$(wallcpu)" "$(echo "$out" | sed -n 's/.*Accuracy = //p')"
}
run_mlsec() { # $1 = extra flags
  local out
  out=$(timed node apps/cli/bin/mlsec.js train --libsvm "$DATA" --folds 10 --c "$C" --gamma "$GAMMA" --json $1)
  printf '%-36s %s  accuracy %s  (in-process %s ms, AUC %s)\n' "mlsec train --folds 10 $1" "$(wallcpu)" \
    "$(node -e "const r=JSON.parse(process.argv[1]);console.log((100*r.cvAccuracy).toFixed(3)+'%')" "$out")" \
    "$(node -e "console.log(JSON.parse(process.argv[1]).ms)" "$out")" \
      "$(node -e "console.log(JSON.parse(process.argv[1]).auc.toFixed(4))" "$out")"
}

for i in $(seq 1 "$RUNS"); do
  echo "## run $i"
  run_native ""
  run_mlsec ""
  run_mlsec "--cv-only"
  run_native "-h 0"
done
