#!/usr/bin/env bash
# Installs what building Crucible needs on a fresh Debian machine. Idempotent: installs only what
# is missing, so running it again costs a second.
#
#   libtorch   Debian's libtorch-dev, unless LIBTORCH (a libtorch root: the official archive or a
#              pip install's site-packages/torch) or Torch_DIR (the folder of TorchConfig.cmake)
#              already points at one; that is how a CUDA build of libtorch 2.x is used.
#   OpenBLAS   libopenblas0-openmp: Debian's libtorch otherwise uses the reference BLAS (4-12x slower).
#   g++, cmake to build the C++ shim.
#   munge, slurmctld, slurmd, slurm-client: a single-node Slurm for the sweep tests (scripts/slurm-local.sh).
#   fontconfig, DejaVu fonts for the text in plots (SkiaSharp through ScottPlot).
#
# apt is called with -o Dir::Cache::archives=<temp dir>: a clean-up hook on these machines deletes
# downloaded packages between dpkg calls, which breaks large installs.
set -euo pipefail

log() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || die "not root and no sudo: install libtorch-dev libopenblas0-openmp g++ cmake by hand"
  SUDO="sudo"
fi

have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

libtorch_from_env() {
  if [ -n "${Torch_DIR:-}" ]; then
    [ -f "$Torch_DIR/TorchConfig.cmake" ] || die "Torch_DIR=$Torch_DIR has no TorchConfig.cmake"
    return 0
  fi
  if [ -n "${LIBTORCH:-}" ]; then
    [ -f "$LIBTORCH/share/cmake/Torch/TorchConfig.cmake" ] || die "LIBTORCH=$LIBTORCH has no share/cmake/Torch/TorchConfig.cmake"
    return 0
  fi
  return 1
}

wanted=()
if libtorch_from_env; then
  log "using libtorch from ${Torch_DIR:-$LIBTORCH}"
else
  have_pkg libtorch-dev || wanted+=(libtorch-dev)
  # torch.distributed on CPU: c10d's Gloo headers include Gloo's own, which Debian ships apart.
  have_pkg libgloo-dev || wanted+=(libgloo-dev)
fi
have_pkg libopenblas0-openmp || wanted+=(libopenblas0-openmp)
# Plots: SkiaSharp's Linux library finds fonts through fontconfig; DejaVu is the font it then uses.
have_pkg libfontconfig1 || wanted+=(libfontconfig1)
have_pkg fonts-dejavu-core || wanted+=(fonts-dejavu-core)
command -v g++ >/dev/null 2>&1 || wanted+=(g++)
command -v cmake >/dev/null 2>&1 || wanted+=(cmake)
# Slurm for the sweep launcher's test: the parts of Debian's slurm-wlm that a single-node cluster
# needs (scripts/slurm-local.sh starts it), and munge for its authentication.
for pkg in munge slurmctld slurmd slurm-client; do have_pkg "$pkg" || wanted+=("$pkg"); done

if [ ${#wanted[@]} -gt 0 ]; then
  log "installing ${wanted[*]}"
  archives=$(mktemp -d /tmp/crucible-apt.XXXXXX)
  mkdir -p "$archives/partial"
  trap 'rm -rf "$archives"' EXIT
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q -o Dir::Cache::archives="$archives" >/dev/null
  $SUDO apt-get install -y -q --no-install-recommends -o Dir::Cache::archives="$archives" "${wanted[@]}" >/dev/null
else
  log "native dependencies already installed"
fi

command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK is not on PATH (https://dot.net): install it, then run this again"
log "ready (dotnet $(dotnet --version))"
