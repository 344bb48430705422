# Sourced by the scripts: environment shared by training, tests and CI.
# CRUCIBLE_DATA: where the real datasets live. Defaults to ../shared/data next to the checkout.
CRUCIBLE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -z "${CRUCIBLE_DATA:-}" ] && [ -d "$CRUCIBLE_ROOT/../shared/data" ]; then
  CRUCIBLE_DATA="$(cd "$CRUCIBLE_ROOT/../shared/data" && pwd)"
fi
export CRUCIBLE_ROOT CRUCIBLE_DATA
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Builds the CLI in Release with the built-in plugins (which the host does not reference: they load
# as dropped DLLs do), then any other projects named (a benchmark's client, say). Quiet: only
# errors and warnings are printed.
crucible_build_release() {
  dotnet build "$CRUCIBLE_ROOT/src/Host" -c Release -nologo -clp:NoSummary -v quiet
  # The host build just built the contracts the plugins reference: don't walk them again per plugin.
  local project
  for project in "$CRUCIBLE_ROOT"/plugins/*/*.csproj; do
    dotnet build "$project" -c Release --no-dependencies -nologo -clp:NoSummary -v quiet
  done
  for project in "$@"; do
    dotnet build "$project" -c Release -nologo -clp:NoSummary -v quiet
  done
}
