#!/usr/bin/env bash
# Data-parallel throughput: one epoch of mnist-mlp and mnist-cnn in one process with 1 libtorch
# thread, then as 2 ranks (crucible run --nproc 2, 1 thread each) with the same per-rank batch, on
# this machine. Prints training samples/s of each (rank 0's epoch line counts the whole split, which
# the group trained together) and rank 0's gradient all-reduce time per step.
# Run it on a quiet machine: it measures wall time. Usage: benchmarks/run-ddp.sh [EXPERIMENT...]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$CRUCIBLE_ROOT"
crucible_build_release
host=src/Host/bin/Release/net10.0/crucible.dll
work=$(mktemp -d /tmp/crucible-ddp-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
experiments=("$@")
[ ${#experiments[@]} -gt 0 ] || experiments=(experiments/mnist-mlp.json experiments/mnist-cnn.json)

rate() { sed -n 's/.*Epoch 1\/1 .*(\([0-9.]*\) s, \([0-9]*\) samples\/s).*/\1 \2/p' "$1" | tail -1; }

printf '%-16s %8s %12s %12s %9s %16s\n' experiment ranks "epoch s" "samples/s" speedup "all-reduce ms"
for experiment in "${experiments[@]}"; do
  name=$(basename "$experiment" .json)
  common=(run "$(realpath "$experiment")" --set training.epochs=1 --set training.validationSplit=0 --threads 1 --tracking-uri "$work/mlruns-$name")
  (cd "$work" && CRUCIBLE_NO_PROGRESS=1 dotnet "$CRUCIBLE_ROOT/$host" "${common[@]}" > "$work/$name-1.log" 2>&1)
  read -r s1 r1 < <(rate "$work/$name-1.log")
  (cd "$work" && CRUCIBLE_NO_PROGRESS=1 dotnet "$CRUCIBLE_ROOT/$host" "${common[@]}" --nproc 2 > "$work/$name-2.log" 2>&1)
  read -r s2 r2 < <(rate "$work/$name-2.log")
  ms=$(sed -n 's/.*all-reduces, \([0-9.]*\) ms per step.*/\1/p' "$work/$name-2.log" | tail -1)
  printf '%-16s %8s %12s %12s %9s %16s\n' "$name" 1 "$s1" "$r1" "1.00" "-"
  printf '%-16s %8s %12s %12s %9s %16s\n' "$name" 2 "$s2" "$r2" "$(awk "BEGIN{printf \"%.2f\", $r2/$r1}")" "$ms"
done
