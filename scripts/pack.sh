#!/usr/bin/env bash
# Packs what plugin authors and users install, all with one version, into artifacts/packages/:
#   Crucible.Abstractions, Crucible.Torch   the assemblies a plugin compiles against, with XML docs
#                                           (the native shim is the host's at run time)
#   Crucible.Templates                      dotnet new crucible-plugin, dotnet new crucible-experiment
#   Crucible                                the `crucible` .NET tool, built-in plugins included; it
#                                           builds the shim for the user's libtorch on first use
#
#   scripts/pack.sh [VERSION] [-o DIR] [--contracts-only]
#
# VERSION defaults to Directory.Build.props' <Version>. --contracts-only packs the two contract
# packages alone, built apart under artifacts/build/VERSION so the source build stays as it is
# (the packaging proof packs an older minor and another major this way).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$CRUCIBLE_ROOT"

version=""
out="$CRUCIBLE_ROOT/artifacts/packages"
contracts_only=false
while [ $# -gt 0 ]; do
  case "$1" in
    -o) out="$2"; shift 2 ;;
    --contracts-only) contracts_only=true; shift ;;
    -*) echo "pack: unknown option $1 (usage: scripts/pack.sh [VERSION] [-o DIR] [--contracts-only])" >&2; exit 2 ;;
    *) version="$1"; shift ;;
  esac
done
default_version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)
version=${version:-$default_version}
mkdir -p "$out"
out=$(cd "$out" && pwd)

msbuild=(-c Release -nologo -clp:NoSummary -m:1 -nodeReuse:false "-p:Version=$version")
if $contracts_only; then
  msbuild+=(--artifacts-path "$CRUCIBLE_ROOT/artifacts/build/$version")
fi

echo "pack: $version into $out"
dotnet pack src/Torch "${msbuild[@]}" -o "$out"
dotnet pack src/Abstractions "${msbuild[@]}" -o "$out"
if ! $contracts_only; then
  # The tool carries the built-in plugins: each plugin project copies itself into the host's plugins/.
  for project in plugins/*/*.csproj; do
    dotnet build "$project" "${msbuild[@]}"
  done
  dotnet pack src/Host "${msbuild[@]}" -o "$out"
  # The plugin template builds against this version by default.
  stage="$CRUCIBLE_ROOT/artifacts/obj/templates"
  rm -rf "$stage" && mkdir -p "$stage" && cp -r templates/. "$stage/"
  grep -rl CRUCIBLE_PACKAGE_VERSION "$stage/content" | xargs sed -i "s/CRUCIBLE_PACKAGE_VERSION/$version/g"
  dotnet pack "$stage/Crucible.Templates.csproj" "${msbuild[@]}" -o "$out"
fi
ls -1 "$out" | grep -F ".$version.nupkg" | sed 's/^/pack: /'
