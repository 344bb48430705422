#!/usr/bin/env bash
# One epoch over an image folder of at least 2 GB on disk, read lazily by the image-folder dataset,
# for training.workers = 0, 1 and 2: peak resident memory of the whole `crucible run` process
# (/usr/bin/time -v) and the epoch's samples/s (the trainer's epoch line). 1 libtorch thread.
#   benchmarks/run-image-folder.sh [FOLDER]   (default /tmp/crucible-image-folder-bench)
# The folder is generated once if missing (benchmarks/make-image-folder.sh: Fashion-MNIST upscaled to
# 320x320 colour PNGs, 22 a class, each written 3 times, the two extra copies shifted, mirrored,
# tinted and speckled with noise so they hardly compress; encoding is slow on a loaded machine, so
# each of those 660 files is then copied 21 times under new names: about 14,500 files, 2.1 GB);
# delete it afterwards.
# CRUCIBLE_HOST=path/to/crucible.dll CRUCIBLE_NO_BUILD=1 measures another build (e.g. Debug).
# The run decodes each PNG, scales it to 32x32 and trains a small CNN on it (batch 64).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
root="$CRUCIBLE_ROOT"
folder="${1:-/tmp/crucible-image-folder-bench}"
: "${CRUCIBLE_DATA:?set CRUCIBLE_DATA to the folder holding fashion-mnist/}"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
if [ ! -d "$folder/train" ]; then
  "$root/benchmarks/make-image-folder.sh" "$folder" 22 0 --source "$CRUCIBLE_DATA/fashion-mnist" --size 320 --copies 3 --rgb
  (cd "$folder/train" && for r in $(seq 1 21); do for f in */*-0?.png; do cp "$f" "${f%.png}-r$r.png"; done; done)
fi
echo "dataset: $(find "$folder" -type f | wc -l) files, $(du -sb "$folder" | cut -f1) bytes"

host="${CRUCIBLE_HOST:-$root/src/Host/bin/Release/net10.0/crucible.dll}"
[ -n "${CRUCIBLE_NO_BUILD:-}" ] || crucible_build_release

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/experiment.json" <<JSON
{
  "dataset": { "name": "image-folder", "directory": "$folder", "channels": 3, "resize": [32, 32] },
  "model": { "name": "cnn", "blocks": [ { "filters": 8, "kernel": 3, "pool": 2 }, { "filters": 16, "kernel": 3, "pool": 2 } ], "hidden": [32] },
  "loss": { "name": "cross-entropy" },
  "optimizer": { "name": "adam", "lr": 0.001 },
  "metrics": [ { "name": "accuracy" } ],
  "training": { "epochs": 1, "batchSize": 64, "seed": 42, "threads": 1, "device": "cpu" },
  "tracking": { "experimentName": "image-folder-bench", "systemMetrics": false }
}
JSON

printf '%-8s %10s %12s %9s\n' workers samples_s peak_MiB wall_s
for workers in 0 1 2; do
  dir="$work/w$workers"
  mkdir -p "$dir"
  (cd "$dir" && /usr/bin/time -v -o time.txt dotnet "$host" run "$work/experiment.json" --set "training.workers=$workers" -v >out.txt 2>&1) \
    || { tail -20 "$dir/out.txt" >&2; exit 1; }
  rate=$(grep -oE '[0-9]+ samples/s' "$dir/out.txt" | tail -1 | cut -d' ' -f1)
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$dir/time.txt")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); printf "%.0f", (n == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2] }' "$dir/time.txt")
  printf '%-8s %10s %12s %9s\n' "$workers" "$rate" "$rss" "$wall"
done
