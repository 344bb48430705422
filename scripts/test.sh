#!/usr/bin/env bash
# Runs the whole test suite: installs what is missing, builds (the C++ shim included), tests.
# Extra arguments go to `dotnet test` (e.g. --filter FullyQualifiedName~Tracking).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$CRUCIBLE_ROOT"
bash scripts/setup.sh
dotnet build Crucible.slnx -c Release -nologo -clp:NoSummary
dotnet test Crucible.slnx -c Release --no-build -nologo "$@"
# As a user would: pack, install the tool and the templates, build a plugin outside the repository
# against the packages, install it and train with it (scripts/package-proof.sh says each step;
# CRUCIBLE_SKIP_PACKAGE_PROOF=1 leaves it out, e.g. with a test filter).
[ "${CRUCIBLE_SKIP_PACKAGE_PROOF:-}" = 1 ] || bash scripts/package-proof.sh
