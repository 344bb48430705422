#!/usr/bin/env bash
# Packs the binding's tests for a GPU machine that has no .NET SDK: a self-contained publish of
# tests/DeviceRunner (which runs Crucible.Torch.Tests by reflection with torch's default device set)
# into .device/runner.tgz. On the GPU machine, from the repository root:
#
#   T=$(python3 -c 'import torch,os;print(os.path.dirname(torch.__file__))')
#   cmake -S src/Torch/native -B /tmp/shim -DTorch_DIR=$T/share/cmake/Torch && cmake --build /tmp/shim -j
#   mkdir -p /tmp/runner && tar xzf .device/runner.tgz -C /tmp/runner
#   cp /tmp/shim/libcrucible_torch.so /tmp/runner/ && /tmp/runner/crucible-device-runner cuda
#
# The shim is rebuilt there against that machine's libtorch (2.x with CUDA); the one built here
# links Debian's CPU libtorch 1.13.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$CRUCIBLE_ROOT"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet publish tests/DeviceRunner -c Release -r linux-x64 --self-contained -nologo -o "$out" >/dev/null
mkdir -p .device
tar czf .device/runner.tgz -C "$out" .
echo "device-publish: $(du -h .device/runner.tgz | cut -f1) in .device/runner.tgz"
