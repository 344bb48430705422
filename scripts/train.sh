#!/usr/bin/env bash
# Trains an experiment (by default experiments/mnist-mlp.json) and records it in the local
# MLflow store ./mlruns. Extra arguments go to `crucible run` (e.g. --set training.epochs=1).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$CRUCIBLE_ROOT"
bash scripts/setup.sh
experiment="${1:-experiments/mnist-mlp.json}"
[ $# -gt 0 ] && shift
# The host does not reference the built-in plugins (they load as dropped DLLs do): build them too.
for project in src/Host plugins/*/*.csproj; do
  dotnet build "$project" -c Release -nologo -clp:NoSummary -v quiet
done
dotnet src/Host/bin/Release/net10.0/crucible.dll run "$experiment" "$@"
