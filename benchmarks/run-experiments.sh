#!/usr/bin/env bash
# Whole-process time, system time and peak resident memory of `crucible run` on mnist-mlp and
# mnist-cnn (one epoch) and xor (its 3,000 epochs of 4 samples: one epoch would time only the
# start-up), each next to its PyTorch peer in benchmarks/torch_peer.py (Debian's python3-torch,
# the same libtorch and OpenBLAS), with 1 libtorch thread. Measured with /usr/bin/time -v.
#   benchmarks/run-experiments.sh [repeats] [experiment...]   (default: 1; mnist-mlp mnist-cnn xor)
# Prints one line per run and a table of the best of the repeats with Crucible/PyTorch ratios.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$CRUCIBLE_ROOT"
repeats="${1:-1}"
[ $# -gt 0 ] && shift
experiments=("$@")
[ ${#experiments[@]} -gt 0 ] || experiments=(mnist-mlp mnist-cnn xor)
: "${CRUCIBLE_DATA:?set CRUCIBLE_DATA to the folder holding mnist/}"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "needs Debian's python3-torch (apt-get install python3-torch)" >&2; exit 1; }

host=src/Host/bin/Release/net10.0/crucible.dll
[ -n "${CRUCIBLE_NO_BUILD:-}" ] || crucible_build_release

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

epochs_of() { if [ "$1" = xor ]; then echo 3000; else echo 1; fi; }

# measure NAME SIDE COMMAND...: runs it under /usr/bin/time -v in a fresh folder, prints "wall user sys rss_mib".
measure() {
  local name=$1 side=$2
  shift 2
  local dir="$work/$name-$side"
  rm -rf "$dir" && mkdir -p "$dir"
  if ! (cd "$dir" && /usr/bin/time -v -o "$dir/time.txt" "$@" >"$dir/out.txt" 2>&1); then
    echo "$name ($side) failed:" >&2
    tail -20 "$dir/out.txt" >&2
    exit 1
  fi
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = (n == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2] }
    /User time/ { user = $2 }
    /System time/ { sys = $2 }
    /Maximum resident set size/ { rss = $2 / 1024 }
    END { printf "%.2f %.2f %.2f %.0f\n", wall, user, sys, rss }' "$dir/time.txt"
}

printf '%-10s %-8s %8s %8s %8s %9s\n' experiment side wall_s user_s sys_s peak_MiB
declare -A best
for name in "${experiments[@]}"; do
  epochs=$(epochs_of "$name")
  for ((r = 1; r <= repeats; r++)); do
    for side in crucible pytorch; do
      if [ "$side" = crucible ]; then
        result=$(measure "$name" "$side" dotnet "$CRUCIBLE_ROOT/$host" run "$CRUCIBLE_ROOT/experiments/$name.json" \
          --threads 1 --set "training.epochs=$epochs" --set training.device=cpu --quiet)
      else
        result=$(measure "$name" "$side" /usr/bin/python3 "$CRUCIBLE_ROOT/benchmarks/torch_peer.py" "$name" 1 "$epochs")
      fi
      printf '%-10s %-8s %8s %8s %8s %9s\n' "$name" "$side" $result
      key="$name/$side"
      if [ -z "${best[$key]:-}" ] || awk -v a="$result" -v b="${best[$key]}" 'BEGIN { split(a, x, " "); split(b, y, " "); exit !(x[1] < y[1]) }'; then
        best[$key]=$result
      fi
    done
  done
done

echo
echo "best of $repeats, 1 thread, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
printf '| %-9s | %-16s | %-16s | %-16s |\n' experiment "time (ratio)" "sys time (ratio)" "peak RSS (ratio)"
printf '| %-9s | %-16s | %-16s | %-16s |\n' --- --- --- ---
for name in "${experiments[@]}"; do
  read -r cw _ cs cr <<<"${best[$name/crucible]}"
  read -r pw _ ps pr <<<"${best[$name/pytorch]}"
  awk -v n="$name" -v cw="$cw" -v pw="$pw" -v cs="$cs" -v ps="$ps" -v cr="$cr" -v pr="$pr" 'BEGIN {
    printf "| %-9s | %5.1f s / %5.1f s (%.2fx) | %4.1f s / %4.1f s (%.2fx) | %4d / %4d MiB (%.2fx) |\n",
      n, cw, pw, cw / pw, cs, ps, (ps > 0 ? cs / ps : 0), cr, pr, cr / pr }'
done
