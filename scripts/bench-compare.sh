#!/usr/bin/env bash
# Issue 14's comparison: CfSync against the seed's direct-call controllers, in one run on one Cloudflare emulator.
# Starts the whole local loop with scripts/run-local.sh (Azurite, the emulator with a second token for the baseline,
# the dev cluster, the bridge, the local host), a second dev cluster that only the baseline's controllers watch, runs
# bench/CfSync.Comparison.Benchmarks against both, then stops everything it started (SIGTERM, waited for).
#
#   bash scripts/bench-compare.sh [--smoke] [--only FAMILY,...] [--report DIR]
#     --smoke       small loads and short runs (CI): checks the harness end to end; the report goes to the output folder.
#     --only        some of the families (chaos, race, burst, scale, sustained), to look into one; not a report's run.
#     --report DIR  where report.md and the charts go (default docs/benchmarks; with --smoke or --only the output folder).
#
# Exit status: 0; 1 when a check failed (CfSync lost a rule, saw a 429 or did not converge) or the stack did not
# start; 2 for bad arguments. Output (results.json, logs): CFSYNC_BENCH_DIR, default a new temp folder.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. scripts/lib/wait-for-line.sh
. scripts/lib/stack-build.sh

smoke=""; only=""; report=""
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1 ;;
    --only) [ $# -ge 2 ] || { echo "--only needs a family list" >&2; exit 2; }; only=$2; shift ;;
    --report) [ $# -ge 2 ] || { echo "--report needs a folder" >&2; exit 2; }; report=$2; shift ;;
    *) echo "usage: $0 [--smoke] [--only FAMILY,...] [--report DIR]" >&2; exit 2 ;;
  esac
  shift
done

out=${CFSYNC_BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/cfsync-bench-compare.XXXXXX")}
mkdir -p "$out" && out=$(cd "$out" && pwd)
stack="$out/stack"
if [ -z "$report" ]; then report=$([ -n "$smoke$only" ] && echo "$out/report" || echo "$root/docs/benchmarks"); fi
mkdir -p "$report" && report=$(cd "$report" && pwd)
# The baseline calls with tokens of its own, a fresh one per run: Cloudflare counts requests per token.
baseline_tokens=$(seq -s, -f 'cfsync-baseline-%g' 1 8)

# Everything is built before the clock starts: the report times the run, not the builds.
echo "Building the harness and the stack (Release)..."
: >"$out/build.log"
build_projects "$out/build.log" bench/CfSync.Comparison.Benchmarks "${stack_projects[@]}" || exit 1

port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
local_pid=""; baseline_cluster_pid=""; harness_pid=""
stop_all() {
  local status=$?
  trap - EXIT INT TERM
  for pid in $harness_pid $baseline_cluster_pid $local_pid; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  echo "Output: $out/"
  exit "$status"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start=$(date +%s)
# The baseline's dev cluster starts beside the stack: neither waits for the other.
echo "Starting the local stack (scripts/run-local.sh, port $port, run folder $stack) and the baseline's dev cluster..."
dotnet src/CfSync.Kubernetes.DevCluster/bin/Release/net10.0/CfSync.Kubernetes.DevCluster.dll --port 0 \
  --kubeconfig "$out/baseline-kubeconfig" >"$out/baseline-cluster.log" 2>&1 &
baseline_cluster_pid=$!
# The bridge resyncs hourly, not every 10 minutes: a resync re-signals every object the run made (some 2,200), which
# kept the engine busy for many minutes of the scenarios after it; the scenarios measure changes, not the safety net.
# A failed change message is tried again after 5 s, not the listener's 30 s: the poison fault's five attempts then end
# while the other faults run, instead of holding the run for 2.5 minutes (the full run has 15 minutes in all).
CfSync__Bridge__ResyncPeriod=01:00:00 CfSync__LocalHost__ChangeListener__VisibilityTimeout=00:00:05 \
CFSYNC_RUN_DIR="$stack" CFSYNC_PORT="$port" CFSYNC_EMULATOR_ARGS="$(sed 's/^/--token /; s/,/ --token /g' <<<"$baseline_tokens")" \
  bash scripts/run-local.sh --no-build >"$out/run-local.log" 2>&1 &
local_pid=$!
wait_for_line "The baseline's dev cluster" "$baseline_cluster_pid" "$out/baseline-cluster.log" 'listening on' 60 || exit 1
wait_for_line run-local.sh "$local_pid" "$out/run-local.log" '^Press Ctrl-C to stop\.$' 900 || exit 1

# What run-local.sh does not print is read from its run folder, as scripts/bench-intake.sh does.
emulator=$(sed -n 's|^Cloudflare emulator: \(http://[^ ]*\)client/v4/ .*|\1|p' "$out/run-local.log" | head -n 1)
storage=$(tr '\0' '\n' <"/proc/$(cat "$stack/bridge.pid")/environ" | sed -n 's/^CFSYNC_STORAGE_CONNECTION=//p')
[ -n "$emulator" ] && [ -n "$storage" ] || { echo "Could not find the emulator URL or the storage connection in $stack" >&2; exit 1; }

echo "Running the comparison (load average: $(cut -d' ' -f1-3 /proc/loadavg))..."
command="bash scripts/bench-compare.sh${smoke:+ --smoke}${only:+ --only $only}"
# In the background and waited for: a signal interrupts `wait` at once (not after the harness), and stop_all stops it.
dotnet bench/CfSync.Comparison.Benchmarks/bin/Release/net10.0/CfSync.Comparison.Benchmarks.dll \
  --emulator "$emulator" --kubeconfig "$stack/kubeconfig" --baseline-kubeconfig "$out/baseline-kubeconfig" \
  --baseline-tokens "$baseline_tokens" --storage "$storage" --run-dir "$stack" --out "$out" --report "$report" \
  --command "$command" --started "$start" ${smoke:+--smoke} ${only:+--only "$only"} &
harness_pid=$!
wait "$harness_pid"
