# Sourced by the scripts: environment shared by training, tests and CI.
# CRUCIBLE_DATA: where the real datasets live. Defaults to ../shared/data next to the checkout.
CRUCIBLE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -z "${CRUCIBLE_DATA:-}" ] && [ -d "$CRUCIBLE_ROOT/../shared/data" ]; then
  CRUCIBLE_DATA="$(cd "$CRUCIBLE_ROOT/../shared/data" && pwd)"
fi
export CRUCIBLE_ROOT CRUCIBLE_DATA
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
