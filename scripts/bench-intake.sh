#!/usr/bin/env bash
# Measures the Kubernetes intake under load (bench/CfSync.Intake.Benchmarks): starts the whole local loop with
# scripts/run-local.sh (its own run folder and a free port), runs the benchmark against it, then stops run-local.sh
# (SIGTERM, waited for), whatever happens.
#
#   bash scripts/bench-intake.sh [benchmark arguments, e.g. --rates 10,100 --seconds 30]
#
# Exit status: the benchmark's (0; 1 when a create was refused or a change did not reach Cloudflare within --settle
# seconds; 2 for bad arguments), or 1 when the stack did not start.
# Output (figures, queue-depth and bridge series as CSV, the stack's logs): CFSYNC_BENCH_DIR, default a new temp folder.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. scripts/lib/wait-for-line.sh
. scripts/lib/stack-build.sh

out=${CFSYNC_BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/cfsync-bench-intake.XXXXXX")}
mkdir -p "$out" && out=$(cd "$out" && pwd)
stack="$out/stack" # run-local.sh's CFSYNC_RUN_DIR: logs, pid files, kubeconfig

echo "Building the benchmark (Release)..."
: >"$out/build.log"
build_projects "$out/build.log" bench/CfSync.Intake.Benchmarks || exit 1

port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
local_pid=""
stop_stack() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$local_pid" ] && kill -0 "$local_pid" 2>/dev/null; then
    echo "Stopping the local stack..."
    kill -TERM "$local_pid" 2>/dev/null || true
    wait "$local_pid" 2>/dev/null || true
  fi
  echo "Output: $out/"
  exit "$status"
}
trap stop_stack EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "Starting the local stack (scripts/run-local.sh, port $port, run folder $stack)..."
CFSYNC_RUN_DIR="$stack" CFSYNC_PORT="$port" bash scripts/run-local.sh >"$out/run-local.log" 2>&1 &
local_pid=$!
wait_for_line run-local.sh "$local_pid" "$out/run-local.log" '^Press Ctrl-C to stop\.$' 900 || exit 1

# What run-local.sh does not print is read from its run folder: the emulator's URL from its output, the storage
# connection from the bridge's environment (run-local.sh exports Azurite's), the bridge's free port from its sockets.
emulator=$(sed -n 's|^Cloudflare emulator: \(http://[^ ]*\)client/v4/ .*|\1|p' "$out/run-local.log" | head -n 1)
bridge_pid=$(cat "$stack/bridge.pid")
storage=$(tr '\0' '\n' <"/proc/$bridge_pid/environ" | sed -n 's/^CFSYNC_STORAGE_CONNECTION=//p')
bridge_port=$(ss -Hltnp 2>/dev/null | awk -v pid="pid=$bridge_pid," 'index($0, pid) { split($4, a, ":"); print a[length(a)]; exit }')
[ -n "$emulator" ] && [ -n "$storage" ] && [ -n "$bridge_port" ] \
  || { echo "Could not find the emulator URL ('$emulator'), the storage connection or the bridge's port ('$bridge_port') in $stack" >&2; exit 1; }

echo "Running the benchmark (load average: $(cut -d' ' -f1-3 /proc/loadavg))..."
KUBECONFIG="$stack/kubeconfig" CFSYNC_STORAGE_CONNECTION="$storage" \
  dotnet bench/CfSync.Intake.Benchmarks/bin/Release/net10.0/CfSync.Intake.Benchmarks.dll \
  --emulator "$emulator" --bridge "http://127.0.0.1:$bridge_port/metrics" --out "$out" "$@"
