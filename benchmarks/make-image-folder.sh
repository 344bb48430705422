#!/usr/bin/env bash
# Writes an image folder (train/<class>/, test/<class>/ of PNG files) from the MNIST-style IDX files:
#   benchmarks/make-image-folder.sh OUT [TRAIN_PER_CLASS] [TEST_PER_CLASS] [generator options...]
# e.g. `benchmarks/make-image-folder.sh /tmp/digits-png 200 50` for experiments/image-folder-digits.json.
# The source is $CRUCIBLE_DATA/mnist unless the options name another (--source DIR); the generator's
# options (--size, --copies, --rgb, --format, --class-names, --seed) are listed in
# benchmarks/ImageFolder.Benchmarks/Program.cs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:?usage: make-image-folder.sh OUT [TRAIN_PER_CLASS] [TEST_PER_CLASS] [options...]}"
train="${2:-200}"
test="${3:-50}"
shift $(( $# < 3 ? $# : 3 ))
: "${CRUCIBLE_DATA:?set CRUCIBLE_DATA to the folder holding mnist/}"
generator="$root/benchmarks/ImageFolder.Benchmarks/bin/Release/net10.0/Crucible.ImageFolder.Benchmarks.dll"
dotnet build "$root/benchmarks/ImageFolder.Benchmarks" -c Release -nologo -v:q -clp:NoSummary >/dev/null
source_args=(--source "$CRUCIBLE_DATA/mnist")
for arg in "$@"; do [ "$arg" = --source ] && source_args=(); done
dotnet "$generator" "${source_args[@]}" --out "$out" --train-per-class "$train" --test-per-class "$test" "$@"
