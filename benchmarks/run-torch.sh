#!/usr/bin/env bash
# Per-op overhead and one MLP training step (784-512-10, batch 64, SGD) in Crucible's binding and in
# PyTorch (Debian's python3-torch, the same libtorch) on this machine, and their ratio.
#   benchmarks/run-torch.sh [threads]      (default 1)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$CRUCIBLE_ROOT"
threads="${1:-1}"
dotnet build benchmarks/Torch.Benchmarks -c Release -nologo -v:q -clp:NoSummary >/dev/null
crucible=$(dotnet benchmarks/Torch.Benchmarks/bin/Release/net10.0/Crucible.Torch.Benchmarks.dll "$threads")
pytorch=$(/usr/bin/python3 benchmarks/torch_peer.py "$threads")
echo "threads=$threads"
printf '%-14s %12s %12s %8s\n' measure crucible pytorch ratio
join <(echo "$crucible" | sort) <(echo "$pytorch" | sort) |
  awk '{ printf "%-14s %9.2f %-2s %9.2f %-2s %7.2fx\n", $1, $2, $3, $4, $5, $2 / $4 }'
