#!/usr/bin/env bash
# Trains an experiment (by default experiments/mnist-mlp.json) and records it in the local
# MLflow store ./mlruns. Extra arguments go to `crucible run` (e.g. --set training.epochs=1).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$CRUCIBLE_ROOT"
bash scripts/setup.sh
experiment="${1:-experiments/mnist-mlp.json}"
[ $# -gt 0 ] && shift
dotnet run --project src/Host -c Release -- run "$experiment" "$@"
