#!/usr/bin/env bash
# Benchmarks the tracking client's async path: per-call cost of LogMetric on the training thread and
# points per second into the local file store and a fake MLflow server over loopback.
# Usage: benchmarks/run-tracking.sh [points]   (default 1,000,000)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$CRUCIBLE_ROOT"
dotnet build benchmarks/Tracking.Benchmarks/Crucible.Tracking.Benchmarks.csproj -c Release -nologo -clp:NoSummary -v q
dotnet benchmarks/Tracking.Benchmarks/bin/Release/net10.0/Crucible.Tracking.Benchmarks.dll bench "${1:-1000000}"
