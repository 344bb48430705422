#!/usr/bin/env bash
# Streaming vs in-memory data: one epoch of mnist-mlp (1 libtorch thread, no validation) with the idx
# dataset in memory and with dataset.streaming (memory-mapped, read by the trainer's loader) with 0, 1
# and 2 loader workers. Each configuration runs ROUNDS times (default 3), interleaved, so a load
# change on the machine hits every configuration alike; the best epoch of each is reported with its
# ratio to the in-memory path. It measures wall time: note how loaded the machine was.
# Usage: benchmarks/run-streaming.sh [EXPERIMENT] (default experiments/mnist-mlp.json)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$CRUCIBLE_ROOT"
crucible_build_release
host=src/Host/bin/Release/net10.0/crucible.dll
work=$(mktemp -d /tmp/crucible-streaming-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
experiment=$(realpath "${1:-experiments/mnist-mlp.json}")
rounds=${ROUNDS:-3}
export CRUCIBLE_CACHE="$work/cache"

rate() { sed -n 's/.*Epoch 1\/1 .*(\([0-9.]*\) s, \([0-9]*\) samples\/s).*/\2/p' "$1" | tail -1; }

configs=("memory" "streaming workers=0" "streaming workers=1" "streaming workers=2")
declare -A best
for round in $(seq 1 "$rounds"); do
  for config in "${configs[@]}"; do
    args=(run "$experiment" --set training.epochs=1 --set training.validationSplit=0 --threads 1 --tracking-uri "$work/mlruns")
    if [[ $config == streaming* ]]; then
      args+=(--set dataset.streaming=true --set "training.workers=${config##*=}")
    fi
    log="$work/run.log"
    (cd "$work" && CRUCIBLE_NO_PROGRESS=1 dotnet "$CRUCIBLE_ROOT/$host" "${args[@]}" > "$log" 2>&1) || { cat "$log"; exit 1; }
    r=$(rate "$log")
    echo "round $round: $config: $r samples/s"
    if [ -z "${best[$config]:-}" ] || [ "$r" -gt "${best[$config]}" ]; then best[$config]=$r; fi
  done
done
printf '\n%-22s %12s %8s\n' data "samples/s" ratio
for config in "${configs[@]}"; do
  printf '%-22s %12s %8s\n' "$config" "${best[$config]}" "$(awk "BEGIN{printf \"%.2f\", ${best[$config]}/${best[memory]}}")"
done
