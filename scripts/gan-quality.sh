#!/usr/bin/env bash
# The GAN quality check of README "Training tasks": trains experiments/mnist-cnn.json and
# experiments/mnist-gan.json (or takes the two run ids given), then classifies the 1,000 digits the
# GAN generated with the CNN: at least 90% must be labelled with probability >= 0.9 and every class
# must appear; for a conditional GAN it also reports how often the classifier agrees with the
# requested class. Needs PyTorch 1.13 for Python (Debian's python3-torch) to rebuild the classifier.
#   scripts/gan-quality.sh [CNN_RUN_ID GAN_RUN_ID]
# Runs are recorded in ./mlruns unless MLFLOW_TRACKING_URI names another file store. THREADS=N trains
# both with N libtorch threads instead of the files' 2 (the README's numbers: THREADS=1). Each run's
# wall and CPU time and the machine's load average are printed (the machine may be shared).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
store="${MLFLOW_TRACKING_URI:-./mlruns}"
store="${store#file://}"

run_id_of() { # the run id a `crucible run` logged ("Run <id> finished ...")
  sed -n 's/.*Run \([0-9a-f]\{32\}\) finished.*/\1/p' "$1" | tail -1
}
threads=()
[[ -n "${THREADS:-}" ]] && threads=(--set "training.threads=$THREADS")

if [[ $# -eq 2 ]]; then
  cnn="$1"; gan="$2"
else
  log="$(mktemp)"; times="$(mktemp)"
  for name in mnist-cnn mnist-gan; do
    echo "$name: load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    # The epoch and test lines are shown; the run id is taken from the log.
    /usr/bin/time -o "$times" -f "%e s wall, %U s user + %S s system CPU" \
      dotnet "$CRUCIBLE_ROOT/src/Host/bin/${CRUCIBLE_CONFIGURATION:-Debug}/net10.0/crucible.dll" run "$CRUCIBLE_ROOT/experiments/$name.json" "${threads[@]}" >"$log" 2>&1 \
      || { cat "$log" >&2; exit 1; }
    grep -E "Epoch [0-9]+/|Test |finished in" "$log" || true
    echo "$name: $(cat "$times"), load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    printf -v "${name#mnist-}" '%s' "$(run_id_of "$log")"
  done
  rm -f "$log" "$times"
fi

folder_of() { find "$store" -mindepth 2 -maxdepth 2 -type d -name "$1" | head -1; }
cnn_dir="$(folder_of "$cnn")"; gan_dir="$(folder_of "$gan")"
[[ -n "$cnn_dir" && -n "$gan_dir" ]] || { echo "error: runs $cnn / $gan not found under $store" >&2; exit 2; }
/usr/bin/python3 "$CRUCIBLE_ROOT/scripts/gan_quality.py" "$cnn_dir" "$gan_dir"
