#!/usr/bin/env bash
# Runs the engine benchmark (bench/CfSync.Engine.Benchmarks) on the pinned Azurite. Usage: scripts/bench-engine.sh [scenario]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
state=$(mktemp -d)
eval "$(scripts/azurite.sh start "$state")"
trap 'scripts/azurite.sh stop "$state"' EXIT
dotnet run -c Release --project bench/CfSync.Engine.Benchmarks -- "${1:-all}"
