#!/usr/bin/env bash
# Trains the MNIST and Fashion-MNIST experiments (too slow for the test suite) through the CLI and
# prints, for each, the test accuracy and the speed the run recorded: seconds per epoch and training
# samples per second (the mean over its epochs, read from the run's log artifact crucible.log) and
# the whole run's time. Runs are recorded in ./mlruns (or --tracking-uri / MLFLOW_TRACKING_URI).
#
#   scripts/train-mnist.sh                       # mnist-mlp, mnist-cnn, fashion-mnist-cnn
#   scripts/train-mnist.sh mnist-cnn             # only these experiments (names under experiments/)
#   scripts/train-mnist.sh -- --set training.epochs=1   # extra arguments after -- go to `crucible run`
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$CRUCIBLE_ROOT"

experiments=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do experiments+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
[ ${#experiments[@]} -eq 0 ] && experiments=(mnist-mlp mnist-cnn fashion-mnist-cnn)

bash scripts/setup.sh
crucible_build_release
crucible=(dotnet run --project src/Host -c Release --no-build --)

summary=()
for name in "${experiments[@]}"; do
  file="experiments/$name.json"
  [ -f "$file" ] || { echo "train-mnist: no experiment $file" >&2; exit 2; }
  echo "== $name"
  output="$(mktemp)"
  "${crucible[@]}" run "$file" "$@" 2>&1 | tee "$output"
  status=${PIPESTATUS[0]}
  [ "$status" -eq 0 ] || { echo "train-mnist: $name failed (exit $status)" >&2; exit "$status"; }
  # "Run <id> started in experiment '<name>' (file:///.../mlruns) on cpu"
  read -r run_id store < <(sed -nE "s#.*Run ([0-9a-f]{32}) started in experiment '.*' \(file://([^)]*)\).*#\1 \2#p" "$output" | head -1)
  seconds="$(sed -nE 's/.*Run [0-9a-f]{32} finished in ([0-9.]+) s.*/\1/p' "$output" | tail -1)"
  rm -f "$output"
  [ -n "$run_id" ] || { echo "train-mnist: no local run id in the output of $name (a remote tracking URI is not read back)" >&2; exit 1; }
  run_dir="$(find "$store" -mindepth 2 -maxdepth 2 -type d -name "$run_id" | head -1)"
  # Metric files hold "<timestamp> <value> <step>" lines; the test metric is logged once.
  accuracy="$(awk 'END { print $2 }' "$run_dir/metrics/test_accuracy")"
  # Epoch lines of the recorded log end with "(<seconds> s, <samples> samples/s)".
  read -r epochs per_epoch per_second < <(sed -nE 's/.* Epoch [0-9]+\/[0-9]+ .*\(([0-9.]+) s, ([0-9.]+) samples\/s\)$/\1 \2/p' "$run_dir/artifacts/crucible.log" \
    | awk '{ s += $1; r += $2; n++ } END { if (n) printf "%d %.1f %.0f\n", n, s / n, r / n; else print "0 - -" }')
  summary+=("$(printf '%-20s %8.2f%% %7s %10s %12s %9s  %s' "$name" "$(awk -v a="$accuracy" 'BEGIN { print a * 100 }')" "$epochs" "$per_epoch" "$per_second" "$seconds" "$run_id")")
done

echo
printf '%-20s %9s %7s %10s %12s %9s  %s\n' experiment "test acc" epochs "s/epoch" "samples/s" "total s" run
printf '%s\n' "${summary[@]}"
