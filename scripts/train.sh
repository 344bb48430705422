#!/usr/bin/env bash
# Trains an experiment (by default experiments/mnist-mlp.json) and records it in the local
# MLflow store ./mlruns. Extra arguments go to `crucible run` (e.g. --set training.epochs=1).
#
# The host and the built-in plugins (which the host does not reference: they load as dropped DLLs
# do) are built only when a source file is newer than the last build of this script, so a rerun
# starts training at once. CRUCIBLE_REBUILD=1 forces the build.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$CRUCIBLE_ROOT"
bash scripts/setup.sh
# The first argument is the experiment unless it is an option (`scripts/train.sh --set training.epochs=1`).
experiment=experiments/mnist-mlp.json
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then experiment=$1; shift; fi

host=src/Host/bin/Release/net10.0/crucible.dll
stamp=src/Host/bin/Release/net10.0/.train-build-stamp

# What the build reads: every tracked or new (not ignored) file of the projects, plus the shared MSBuild files.
sources() {
  git ls-files -z --cached --others --exclude-standard -- src plugins Directory.Build.props Directory.Packages.props global.json 2>/dev/null
}

up_to_date() {
  [ -z "${CRUCIBLE_REBUILD:-}" ] && [ -f "$host" ] && [ -f "$stamp" ] && git rev-parse --is-inside-work-tree >/dev/null 2>&1 || return 1
  # Any source newer than the stamp (or a source list that changed, e.g. a deleted file) means a build.
  [ "$(sources | tr '\0' '\n' | sort | sha1sum)" = "$(sed -n 1p "$stamp")" ] || return 1
  [ -z "$(sources | xargs -0 -r find 2>/dev/null -maxdepth 0 -newer "$stamp" -print -quit)" ]
}

if up_to_date; then
  echo "train: build is up to date (CRUCIBLE_REBUILD=1 forces it)"
else
  crucible_build_release
  sources | tr '\0' '\n' | sort | sha1sum > "$stamp"
fi
dotnet "$host" run "$experiment" "$@"
