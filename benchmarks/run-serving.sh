#!/usr/bin/env bash
# Serving benchmark: trains mnist-mlp (unless MODEL is given; one epoch: the network's shape, not its
# accuracy, sets the cost), serves it with `crucible serve` on each engine with one compute thread,
# and drives it with 1, 8 and 64 concurrent clients posting single-row requests (one 28x28 image in
# raw pixels, MLflow's "inputs" format, from the model's input example): requests/s and p50/p99
# latency. The load generator runs on the same machine; the load average is printed with each table.
# Usage: benchmarks/run-serving.sh [MODEL] [seconds per level]   (MODEL: runs:/ID/model, models:/N/V or a folder)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$CRUCIBLE_ROOT"
crucible_build_release benchmarks/Serving.Benchmarks/Crucible.Serving.Benchmarks.csproj
CRUCIBLE="dotnet $CRUCIBLE_ROOT/src/Host/bin/Release/net10.0/crucible.dll"
work=$(mktemp -d)
server=""
cleanup() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
model="${1:-}"
seconds="${2:-10}"
if [ -z "$model" ]; then
  (cd "$work" && $CRUCIBLE run "$CRUCIBLE_ROOT/experiments/mnist-mlp.json" --threads 1 --device cpu --set training.epochs=1 -q)
  model="$(ls -d "$work"/mlruns/*/*/artifacts/model | head -1)"
fi
# One test image in raw pixel units, from the model's own input example.
python3 -c 'import json,sys; e=json.load(open(sys.argv[1])); print(json.dumps({"inputs": e["inputs"][:1]}))' "$model/input_example.json" > "$work/body.json"
for engine in libtorch onnx; do
  echo "engine: $engine (1 thread), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  $CRUCIBLE serve "$model" --port 0 --engine "$engine" --threads 1 > "$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 300); do grep -q Serving "$work/serve.log" && break; sleep 0.2; done
  url=$(grep -o 'http://[0-9.:]*' "$work/serve.log")
  dotnet benchmarks/Serving.Benchmarks/bin/Release/net10.0/Crucible.Serving.Benchmarks.dll "$url" "$work/body.json" "$seconds" 1 8 64
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
