#!/usr/bin/env bash
# Runs the whole test suite: installs what is missing, builds (the C++ shim included), tests.
# Extra arguments go to `dotnet test` (e.g. --filter FullyQualifiedName~Tracking).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$CRUCIBLE_ROOT"
bash scripts/setup.sh
dotnet build Crucible.slnx -c Release -nologo -clp:NoSummary
dotnet test Crucible.slnx -c Release --no-build -nologo "$@"
