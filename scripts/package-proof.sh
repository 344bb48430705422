#!/usr/bin/env bash
# The packaging proof, done as a user would on a fresh machine (run by scripts/test.sh, so by CI):
#  1. scripts/pack.sh packs every package into a local folder feed, plus Crucible.Abstractions and
#     Crucible.Torch at an older minor and at the next major (fixture versions for the version rule);
#  2. the crucible .NET tool is installed from that feed into a temporary tool path, the templates
#     into a temporary template hive;
#  3. `dotnet new crucible-plugin` creates a plugin in a temporary folder outside the repository; it
#     builds against the packed packages through the folder feed with a fresh NuGet packages folder,
#     and its output holds only the plugin's own files; its test passes;
#  4. `crucible plugins install` installs it, `crucible run` trains its experiment (building the shim
#     for this machine's libtorch into an empty cache on first use) and the run is recorded FINISHED;
#  5. a plugin built against the older minor loads; one built against the next major is reported
#     and skipped, and `crucible plugins install` refuses it;
#  6. `dotnet new crucible-experiment` writes an experiment that `crucible validate` accepts.
# Everything lives under one temporary folder, removed at the end (kept with CRUCIBLE_KEEP_PROOF=1).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$CRUCIBLE_ROOT"
start=$(date +%s)
step() { printf 'package-proof: %s\n' "$*"; }
fail() { printf 'package-proof: FAILED: %s\n' "$*" >&2; exit 1; }

work=$(mktemp -d /tmp/crucible-proof.XXXXXX)
case "$work" in "$CRUCIBLE_ROOT"/*) fail "the temporary folder $work is inside the repository" ;; esac
cleanup() { if [ "${CRUCIBLE_KEEP_PROOF:-}" = 1 ]; then step "kept $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)
IFS=. read -r major minor _ <<< "$version"
older="$major.$(( minor > 0 ? minor - 1 : 0 )).9"
[ "$minor" -gt 0 ] || older=""
next="$(( major + 1 )).0.0"
feed="$work/feed"

step "packing $version (and the contracts at ${older:+$older and }$next)"
bash scripts/pack.sh "$version" -o "$feed"
[ -z "$older" ] || bash scripts/pack.sh "$older" -o "$feed" --contracts-only
bash scripts/pack.sh "$next" -o "$feed" --contracts-only

# A user's machine: NuGet's own sources for everything else, the local feed for Crucible's packages
# (source mapping, so a package of the same name elsewhere is never taken), a fresh packages folder,
# an empty per-user cache and plugin folder, templates in their own hive.
export NUGET_PACKAGES="$work/nuget-packages"
export CRUCIBLE_CACHE="$work/cache"
export XDG_DATA_HOME="$work/data"
unset CRUCIBLE_PLUGINS MLFLOW_TRACKING_URI MLFLOW_EXPERIMENT_NAME
# Every source the user's NuGet configuration has serves everything else.
sources=$(cd "$work" && dotnet nuget list source | sed -n 's/^ *[0-9][0-9]*\.  *\(.*\) \[Enabled\]$/\1/p')
[ -n "$sources" ] || fail "no enabled NuGet source is configured (dotnet nuget list source)"
{
  echo '<?xml version="1.0" encoding="utf-8"?>'
  echo '<configuration>'
  echo "  <packageSources><add key=\"crucible-local\" value=\"$feed\" /></packageSources>"
  echo '  <packageSourceMapping>'
  echo '    <packageSource key="crucible-local"><package pattern="Crucible" /><package pattern="Crucible.*" /></packageSource>'
  while IFS= read -r source; do
    echo "    <packageSource key=\"$source\"><package pattern=\"*\" /></packageSource>"
  done <<< "$sources"
  echo '  </packageSourceMapping>'
  echo '</configuration>'
} > "$work/nuget.config"
hive=(--debug:custom-hive "$work/templates")

step "installing the crucible tool into $work/tools"
dotnet tool install Crucible --version "$version" --tool-path "$work/tools" --configfile "$work/nuget.config"
crucible="$work/tools/crucible"
dotnet new install "$feed/Crucible.Templates.$version.nupkg" "${hive[@]}"

cd "$work"
step "dotnet new crucible-plugin -n Quadratic"
dotnet new crucible-plugin -n Quadratic "${hive[@]}"
dotnet build Quadratic/src/Quadratic -c Release -nologo -clp:NoSummary
output="Quadratic/src/Quadratic/bin/Release/net10.0"
files=$(cd "$output" && ls | sort | tr '\n' ' ')
[ "$files" = "Quadratic.deps.json Quadratic.dll Quadratic.pdb Quadratic.runtimeconfig.json Quadratic.xml " ] \
  || fail "the plugin's output holds more than its own files: $files"

step "crucible plugins install $output"
"$crucible" plugins install "$output"
[ -f "$XDG_DATA_HOME/crucible/plugins/Quadratic/Quadratic.dll" ] || fail "plugins install did not put Quadratic into the user's plugin folder"

step "crucible run Quadratic/experiment.json (first use: builds the shim)"
"$crucible" run Quadratic/experiment.json 2>&1 | tee "$work/run.log"
run_id=$(sed -n 's/.*Run \([0-9a-f]\{32\}\) finished.*/\1/p' "$work/run.log" | tail -n 1)
[ -n "$run_id" ] || fail "the run did not finish"
meta=$(ls mlruns/*/"$run_id"/meta.yaml)
grep -qx "status: 3" "$meta" || fail "run $run_id is not recorded FINISHED: $(cat "$meta")"
grep -qx "quadratic" mlruns/*/"$run_id"/params/model.name || fail "run $run_id did not use the quadratic model"
ls "$CRUCIBLE_CACHE"/native/*/libcrucible_torch.so > /dev/null || fail "no shim was built into the cache"
r2=$(tail -n 1 mlruns/*/"$run_id"/metrics/test_r2 | cut -d' ' -f2)
awk -v r2="$r2" 'BEGIN { exit !(r2 > 0.9) }' || fail "the plugin's model did not learn XOR (test_r2 $r2)"
step "run $run_id recorded FINISHED with the plugin's model (test_r2 $r2)"

step "dotnet test Quadratic (the template's test, on the cached shim)"
dotnet test Quadratic/Quadratic.slnx -nologo

step "versions: a plugin built against $older loads, one built against $next is skipped"
mkdir -p dropped
for plugin in ${older:+OlderMinor:$older} NextMajor:$next; do
  name=${plugin%%:*}; against=${plugin#*:}
  dotnet new crucible-plugin -n "$name" --CrucibleVersion "$against" "${hive[@]}" > /dev/null
  dotnet build "$name/src/$name" -c Release -nologo -clp:NoSummary -v:q
  cp -r "$name/src/$name/bin/Release/net10.0" "dropped/$name"
done
"$crucible" plugins --plugins dropped > plugins.txt 2>&1 || { cat plugins.txt; fail "crucible plugins failed"; }
grep -E "olderminor  \[|NextMajor.dll" plugins.txt || true
if [ -n "$older" ]; then
  grep -q "olderminor  \[model\]" plugins.txt || fail "the plugin built against $older was not loaded"
fi
grep -q "NextMajor.dll: was built against Crucible.Abstractions $next, but this host provides $version" plugins.txt \
  || fail "the plugin built against $next was not reported"
if "$crucible" plugins install dropped/NextMajor > install.txt 2>&1; then fail "plugins install accepted a plugin built against $next"; fi
grep -q "built against Crucible.Abstractions $next" install.txt || { cat install.txt; fail "plugins install did not say why"; }

step "dotnet new crucible-experiment"
dotnet new crucible-experiment -n xor-quadratic --model quadratic "${hive[@]}" > /dev/null
grep -q '"name": "quadratic"' xor-quadratic.json || fail "the experiment template did not name the model"
"$crucible" validate xor-quadratic.json

step "passed in $(( $(date +%s) - start ))s"
