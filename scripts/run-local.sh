#!/usr/bin/env bash
# Runs the whole CfSync loop locally without Azure Functions Core Tools: a fresh Azurite, the Cloudflare emulator
# (seeded with the sample tunnels), a local cluster (the dev cluster, unless KUBECONFIG names a real one), the event
# bridge, and the local host running the engine and the watchers. It applies the manifests with kubectl, records the
# tunnel ids the manifests carry in status (what the operator does once it has created a tunnel), waits for every
# tunnel to sync to what `cfsync render` prints for the same manifests, and prints `kubectl get cloudflaresyncstates`.
# Ctrl-C (or SIGTERM) stops everything: the bridge and the host first, then the emulator and the dev cluster, then
# Azurite, each waited for (killed after a bounded wait).
#
#   bash scripts/run-local.sh [--check] [--manifests DIR] [--no-build]
#     --check           smoke test: also checks that the last configuration Cloudflare received for each tunnel is the
#                       render's body byte for byte, with its hash; exits 0, or 1 naming what differs. Everything is
#                       stopped either way.
#     --manifests DIR   apply DIR (or a file) instead of samples/cluster.
#     --no-build        start what the last Release build left (as `dotnet run --no-build`); without a build, it says so.
#
# Environment: CFSYNC_PORT (local host port, default 7071); CFSYNC_EMULATOR_ARGS (more Cloudflare emulator options); CfSync__LocalHost__AccessKey (reuse a key instead of a
# new one per run); CFSYNC_RUN_DIR (an empty folder for this run's state and logs; default a new temp folder);
# KUBECONFIG (a real cluster with CfSync's CRDs installed from infra/crds; without it the dev cluster is started).
# Against the real Cloudflare: CFSYNC_CLOUDFLARE_URL=https://api.cloudflare.com/client/v4/ and CLOUDFLARE_API_TOKEN,
# with --manifests DIR naming your own manifests (the samples' tunnels and ids are made up: never applied there).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

usage() { echo "usage: $0 [--check] [--manifests DIR] [--no-build]" >&2; exit 2; }
check=""; manifests=""; build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --check) check=1 ;;
    --no-build) build="" ;;
    --manifests) [ $# -ge 2 ] || usage; manifests=$2; shift ;;
    *) usage ;;
  esac
  shift
done

if [ -n "${CFSYNC_CLOUDFLARE_URL:-}" ]; then
  [ -n "$manifests" ] || { echo "CFSYNC_CLOUDFLARE_URL is set: samples/cluster names made-up tunnels and is never applied to a real account. Pass --manifests DIR with your own manifests." >&2; exit 2; }
  [ -z "$check" ] || { echo "--check asserts what the Cloudflare emulator holds; run it without CFSYNC_CLOUDFLARE_URL." >&2; exit 2; }
  [ -n "${CLOUDFLARE_API_TOKEN:-}" ] || { echo "CFSYNC_CLOUDFLARE_URL needs CLOUDFLARE_API_TOKEN." >&2; exit 2; }
fi
manifests=${manifests:-samples/cluster}
[ -e "$manifests" ] || { echo "No such manifests folder or file: $manifests" >&2; exit 2; }

host_port=${CFSYNC_PORT:-7071}
if (exec 3<>"/dev/tcp/127.0.0.1/$host_port") 2>/dev/null; then
  echo "Port $host_port is in use (by another run?): stop what holds it, or set CFSYNC_PORT." >&2
  exit 1
fi

# A fresh state per run: Azurite's data lives and dies with the emulator's, so no entity remembers a sync the
# emulator never saw.
run=${CFSYNC_RUN_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/cfsync-local.XXXXXX")}
mkdir -p "$run" && run=$(cd "$run" && pwd)
[ -z "$(ls -A "$run")" ] || { echo "CFSYNC_RUN_DIR=$run is not empty; each run needs a fresh folder." >&2; exit 2; }

host_pid=""; emulator_pid=""; bridge_pid=""; cluster_pid=""
# Waits for a process to exit after SIGTERM, then SIGKILLs it: no stop leaves anything running.
stop_process() {
  local name=$1 pid=$2 limit=$3 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < limit * 5; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  echo "$name (pid $pid) did not stop within ${limit} s; killing it." >&2
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 25; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
}
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  # The bridge and the host need Azurite and the cluster to stop cleanly (without them they retry): they go first.
  if [ -n "$bridge_pid" ]; then stop_process "The event bridge" "$bridge_pid" 20; fi
  if [ -n "$host_pid" ]; then stop_process "The local host" "$host_pid" 30; fi
  if [ -n "$emulator_pid" ]; then stop_process "The Cloudflare emulator" "$emulator_pid" 10; fi
  if [ -n "$cluster_pid" ]; then stop_process "The dev cluster" "$cluster_pid" 10; fi
  scripts/azurite.sh stop "$run/azurite"
  rm -rf "$run/azurite/data"
  echo "Stopped. Logs: $run/"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Children get their own session: a Ctrl-C reaches this script only, which then stops them in order.
detach=(); if command -v setsid >/dev/null; then detach=(setsid); fi
# The log is created here, before the child starts: await_log reads it at once, and sed fails on a missing file.
spawn() {
  local log=$1; shift
  : >"$log"
  ${detach[@]+"${detach[@]}"} "$@" >>"$log" 2>&1 &
  spawned=$!
}

# The end of a log without stack frames, so an exception's message shows.
log_tail() {
  echo "Last lines of $1 (stack frames left out):" >&2
  grep -v '^ *at ' "$1" | tail -n 20 >&2
}

# Fails at once, with the end of its log, when the process has died.
alive_or_report() {
  kill -0 "$2" 2>/dev/null && return 0
  echo "$1 exited at start." >&2
  log_tail "$3"
  exit 1
}

# Waits for a line of a child's log; prints what the sed expression extracts from it.
await_log() {
  local name=$1 pid=$2 log=$3 expression=$4 seconds=$5 found="" i
  for ((i = 0; i < seconds * 5; i++)); do
    alive_or_report "$name" "$pid" "$log"
    found=$(sed -n "$expression" "$log" 2>/dev/null | head -n 1)
    [ -n "$found" ] && { echo "$found"; return 0; }
    sleep 0.2
  done
  echo "$name did not start within $seconds s; see $log" >&2
  return 1
}

# dotnet's build servers, shared by every build of this user, stop on their own when idle.
. scripts/lib/stack-build.sh
bin=$stack_bin
if [ -n "$build" ]; then
  echo "Building the local host, the bridge, the Cloudflare emulator, the dev cluster and the CLI (Release; the first build takes a few minutes)..."
  build_stack "$run/build.log" || exit 1
else
  stack_built || exit 1
fi

echo "Starting Azurite (state in $run/azurite)..."
azurite_env=$(${detach[@]+"${detach[@]}"} scripts/azurite.sh start "$run/azurite")
eval "$azurite_env"

if [ -z "${CFSYNC_CLOUDFLARE_URL:-}" ]; then
  echo "Starting the Cloudflare emulator..."
  # CFSYNC_EMULATOR_ARGS: more emulator options, e.g. another token (scripts/bench-compare.sh's baseline).
  # shellcheck disable=SC2086
  spawn "$run/emulator.log" dotnet "src/CfSync.Cloudflare.Emulator/$bin/CfSync.Cloudflare.Emulator.dll" --port 0 ${CFSYNC_EMULATOR_ARGS:-}
  emulator_pid=$spawned
  echo "$emulator_pid" >"$run/emulator.pid"
  emulator=$(await_log "The Cloudflare emulator" "$emulator_pid" "$run/emulator.log" 's|^Cloudflare emulator: API \(http://[^ ]*\)client/v4/ .*|\1|p' 60)
  curl -sf -X POST -H 'Content-Type: application/json' --data-binary @samples/emulator-seed.json "${emulator}__emulator/seed" >/dev/null
  export CFSYNC_CLOUDFLARE_URL="${emulator}client/v4/" CLOUDFLARE_API_TOKEN=emulator-token
  echo "Cloudflare emulator: $CFSYNC_CLOUDFLARE_URL (seeded with samples/emulator-seed.json; journal: ${emulator}__emulator/journal)"
fi

# kubectl with a cache of its own: the dev cluster's port changes every run.
k() { kubectl --cache-dir "$run/kube-cache" "$@"; }

if [ -z "${KUBECONFIG:-}" ]; then
  echo "Starting the dev cluster (a local Kubernetes API for development, not for production)..."
  spawn "$run/cluster.log" dotnet "src/CfSync.Kubernetes.DevCluster/$bin/CfSync.Kubernetes.DevCluster.dll" --port 0 --kubeconfig "$run/kubeconfig"
  cluster_pid=$spawned
  echo "$cluster_pid" >"$run/cluster.pid"
  await_log "The dev cluster" "$cluster_pid" "$run/cluster.log" 's|^CfSync dev cluster (not for production) listening on \(.*\)$|\1|p' 60 >/dev/null
  export KUBECONFIG="$run/kubeconfig"
  echo "Dev cluster: KUBECONFIG=$KUBECONFIG"
else
  echo "Cluster: the current context of KUBECONFIG=$KUBECONFIG"
fi

key=${CfSync__LocalHost__AccessKey:-$(node -p "require('crypto').randomBytes(32).toString('base64url')")}
api="http://127.0.0.1:$host_port/api"
echo "Starting the local host (the engine and the watchers)..."
CfSync__LocalHost__AccessKey="$key" Cloudflare__BaseUrl="$CFSYNC_CLOUDFLARE_URL" ASPNETCORE_URLS="http://127.0.0.1:$host_port" \
  spawn "$run/localhost.log" dotnet "src/CfSync.LocalHost/$bin/CfSync.LocalHost.dll"
host_pid=$spawned
echo "$host_pid" >"$run/localhost.pid"
ready=""
for _ in $(seq 1 600); do
  alive_or_report "The local host" "$host_pid" "$run/localhost.log"
  # A 404 problem for a resource nobody registered: the host (not whatever else) answers, and the key works.
  [ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 -H "x-functions-key: $key" "$api/resources/TunnelConfiguration/none")" = 404 ] && { ready=1; break; }
  sleep 0.2
done
[ -n "$ready" ] || { echo "The local host did not answer within 120 s; see $run/localhost.log" >&2; exit 1; }

echo "Starting the event bridge..."
CfSync__Bridge__Port=0 spawn "$run/bridge.log" dotnet "src/CfSync.Bridge/$bin/CfSync.Bridge.dll"
bridge_pid=$spawned
echo "$bridge_pid" >"$run/bridge.pid"

echo "Applying $manifests with kubectl..."
if ! k apply -R -f "$manifests" >"$run/apply.log" 2>&1; then
  echo "kubectl apply -f $manifests failed:" >&2
  cat "$run/apply.log" >&2
  exit 1
fi
sed 's/^/  /' "$run/apply.log"
# kubectl drops status on create (a subresource): record the tunnel ids the manifests carry, as the operator does.
k create --dry-run=client -R -f "$manifests" \
  -o jsonpath='{.kind}{"\t"}{.metadata.namespace}{"\t"}{.metadata.name}{"\t"}{.status}{"\n"}' >"$run/objects.tsv"
awk -F'\t' '($1 == "Tunnel" || $1 == "ClusterTunnel") && $4 != "" { print tolower($1) "\t" ($2 == "" ? "-" : $2) "\t" $3 "\t{\"status\":" $4 "}" }' \
  "$run/objects.tsv" >"$run/statuses.tsv"
while IFS=$'\t' read -r kind namespace name patch; do
  scope=(); [ "$namespace" = - ] || scope=(-n "$namespace")
  k patch "$kind" "$name" "${scope[@]}" --subresource=status --type=merge -p "$patch" >/dev/null
  echo "  $kind $name: status recorded"
done <"$run/statuses.tsv"

# What the engine must end with: the render of the same manifests (exit 1 only says a source is rejected).
render_code=0
dotnet "src/CfSync.Cli/$bin/cfsync.dll" render "$manifests" >"$run/render.json" || render_code=$?
[ "$render_code" -le 1 ] || { echo "cfsync render $manifests failed (exit $render_code)" >&2; exit 1; }
tunnels=$(node -e 'for (const r of require(process.argv[1]).resources) if (r.resourceType === "TunnelConfiguration" && !r.cloudflareId.startsWith("pending:")) console.log(`${r.cloudflareId} ${r.configHash}`)' "$run/render.json")
[ -n "$tunnels" ] || { echo "$manifests names no tunnel with an id: nothing to sync." >&2; exit 1; }

echo "Waiting for the tunnels to sync..."
while read -r tunnel hash; do
  state=none
  for _ in $(seq 1 240); do
    state=$(k get cloudflaresyncstates "tunnelconfiguration-$tunnel" -o jsonpath='{.status.syncStatus} {.status.configHash}' 2>/dev/null || echo none)
    [ "$state" = "Synced $hash" ] && break
    sleep 0.5
  done
  [ "$state" = "Synced $hash" ] || { echo "local run check failed: TunnelConfiguration/$tunnel did not sync to the render's $hash (CloudflareSyncState: '$state'); see $run/localhost.log" >&2; exit 1; }
  if [ -n "$check" ]; then
    # The last configuration Cloudflare received must be the render's body, byte for byte (the emulator's journal).
    curl -sf "${CFSYNC_CLOUDFLARE_URL%client/v4/}__emulator/journal" >"$run/journal.json"
    held=$(node -e '
      const crypto = require("crypto");
      const [render, journal] = process.argv.slice(1, 3).map(f => require(f));
      const tunnel = process.argv[3];
      const desired = render.resources.find(r => r.resourceType === "TunnelConfiguration" && r.cloudflareId === tunnel);
      const entries = Array.isArray(journal) ? journal : journal.entries;
      const puts = entries.filter(e => e.method === "PUT" && e.status === 200 && e.path.endsWith(`/cfd_tunnel/${tunnel}/configurations`));
      const body = puts.length ? puts[puts.length - 1].request_body : null;
      const hash = body === null ? null : "sha256:" + crypto.createHash("sha256").update(body, "utf8").digest("hex");
      console.log(body === JSON.stringify(desired.desired) && hash === desired.configHash
        ? `holds the render byte for byte (${desired.desired.config.ingress.length} ingress rules, ${hash})` : "differs");
    ' "$run/render.json" "$run/journal.json" "$tunnel")
    echo "TunnelConfiguration/$tunnel: Synced; Cloudflare $held"
    [ "$held" != differs ] || { echo "local run check failed: what Cloudflare received for $tunnel differs from the render (see $run/render.json, $run/journal.json)" >&2; exit 1; }
  fi
done <<<"$tunnels"

# Every other resource the render names (the tunnels' DNS records, DNS records, Access apps, routes, Gateway rules)
# must reach Synced at the render's hash too: none may stay Failed or Pending.
echo "Waiting for every other resource to sync..."
synced=""
for _ in $(seq 1 240); do
  k get cloudflaresyncstates -o jsonpath='{range .items[*]}{.spec.resourceType}/{.spec.cloudflareId}{"\t"}{.status.syncStatus}{"\t"}{.status.configHash}{"\n"}{end}' >"$run/states.tsv" 2>/dev/null || true
  waiting=$(node -e '
    const fs = require("fs");
    const render = require(process.argv[1]);
    const states = new Map(fs.readFileSync(process.argv[2], "utf8").split("\n").filter(Boolean).map(l => l.split("\t")).map(([id, status, hash]) => [id, `${status} ${hash}`]));
    for (const r of render.resources) {
      if (r.cloudflareId.startsWith("pending:") || r.configHash === undefined) continue;
      const id = `${r.resourceType}/${r.cloudflareId}`;
      if (states.get(id) !== `Synced ${r.configHash}`) console.log(`${id} (${states.get(id) ?? "no CloudflareSyncState yet"})`);
    }' "$run/render.json" "$run/states.tsv")
  [ -z "$waiting" ] && { synced=1; break; }
  sleep 0.5
done
[ -n "$synced" ] || { echo "local run check failed: these resources did not sync to the render's hash: $waiting; see $run/localhost.log" >&2; exit 1; }
k get cloudflaresyncstates
if [ -n "$check" ]; then
  # Every record of every tunnel's DNS resource is a CNAME to its tunnel in Cloudflare, with an ownership record.
  auth=(-H "Authorization: Bearer $CLOUDFLARE_API_TOKEN")
  curl -sf "${auth[@]}" "${CFSYNC_CLOUDFLARE_URL}zones?per_page=50" >"$run/zones.json"
  : >"$run/records.jsonl"
  for zone in $(node -e 'for (const z of require(process.argv[1]).result) console.log(z.id)' "$run/zones.json"); do
    curl -sf "${auth[@]}" "${CFSYNC_CLOUDFLARE_URL}zones/$zone/dns_records?per_page=5000" >>"$run/records.jsonl"
    echo >>"$run/records.jsonl"
  done
  dns=$(node -e '
    const fs = require("fs");
    const render = require(process.argv[1]);
    const records = fs.readFileSync(process.argv[2], "utf8").split("\n").filter(Boolean).flatMap(l => JSON.parse(l).result);
    let count = 0, missing = [];
    for (const r of render.resources.filter(r => r.resourceType === "TunnelDnsRecords" && r.desired)) {
      for (const want of r.desired.records) {
        count++;
        const cname = records.find(x => x.type === "CNAME" && x.name === want.name && x.content === `${r.cloudflareId}.cfargotunnel.com`);
        const owned = records.find(x => x.type === "TXT" && x.name === `cname-${want.name.replace(/^\*\./, "_wildcard.")}` && x.content.includes("heritage=cfsync"));
        if (!cname || !owned) missing.push(want.name);
      }
    }
    console.log(missing.length ? `missing: ${missing.join(", ")}` : `${count} tunnel hostnames have their CNAME and ownership record`);
  ' "$run/render.json" "$run/records.jsonl")
  echo "DNS: $dns"
  case "$dns" in missing:*) echo "local run check failed: DNS records $dns (see $run/records.jsonl)" >&2; exit 1 ;; esac
fi

cat <<INFO

CfSync runs locally (logs in $run/). The cluster: KUBECONFIG=$KUBECONFIG kubectl get cloudflaresyncstates
Apply, edit or delete manifests with kubectl: the bridge and the watchers carry every change to Cloudflare.
The local host's API: $api, access key: $key
Every call needs it, as a function key: header x-functions-key, or ?code=. For example:
  curl -H "x-functions-key: $key" $api/resources/TunnelConfiguration/<tunnel id>
  curl -X POST -H "x-functions-key: $key" "$api/resources/TunnelConfiguration/<tunnel id>/sync?force=true"
INFO

if [ -n "$check" ]; then
  echo "local run check passed"
  exit 0
fi

echo "Press Ctrl-C to stop."
# The sleep is waited for with the wait builtin, which a trapped signal interrupts at once; a Ctrl-C that met a
# foreground sleep being started went unanswered once in CI.
while kill -0 "$host_pid" 2>/dev/null && kill -0 "$bridge_pid" 2>/dev/null; do sleep 1 & wait $!; done
if ! kill -0 "$host_pid" 2>/dev/null; then echo "The local host exited on its own." >&2; log_tail "$run/localhost.log"; fi
if ! kill -0 "$bridge_pid" 2>/dev/null; then echo "The event bridge exited on its own." >&2; log_tail "$run/bridge.log"; fi
exit 1
