#!/usr/bin/env bash
# Runs CfSync locally without Azure Functions Core Tools: builds the local host and the Cloudflare emulator, starts
# a fresh Azurite, the emulator (seeded with the sample tunnels) and the local host, posts samples/cluster, and prints
# the access key with curl examples. Ctrl-C (or SIGTERM) stops everything: the host first, then the emulator, then
# Azurite, each waited for (killed after a bounded wait).
#
#   bash scripts/run-local.sh [--check] [--manifests DIR]
#     --check           smoke test: exit 0 once every posted tunnel is Synced and the emulator holds exactly the
#                       configuration its entity reports; exit 1 otherwise. Everything is stopped either way.
#     --manifests DIR   post DIR (or a file) instead of samples/cluster.
#
# Environment: CFSYNC_PORT (local host port, default 7071); CfSync__LocalHost__AccessKey (reuse a key instead of a
# new one per run); CFSYNC_RUN_DIR (an empty folder for this run's state and logs; default a new temp folder).
# Against the real Cloudflare: CFSYNC_CLOUDFLARE_URL=https://api.cloudflare.com/client/v4/ and CLOUDFLARE_API_TOKEN,
# with --manifests DIR naming your own manifests (the samples' tunnels and ids are made up: never posted there).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

usage() { echo "usage: $0 [--check] [--manifests DIR]" >&2; exit 2; }
check=""; manifests=""
while [ $# -gt 0 ]; do
  case "$1" in
    --check) check=1 ;;
    --manifests) [ $# -ge 2 ] || usage; manifests=$2; shift ;;
    *) usage ;;
  esac
  shift
done

if [ -n "${CFSYNC_CLOUDFLARE_URL:-}" ]; then
  [ -n "$manifests" ] || { echo "CFSYNC_CLOUDFLARE_URL is set: samples/cluster names made-up tunnels and is never posted to a real account. Pass --manifests DIR with your own manifests." >&2; exit 2; }
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

host_pid=""; emulator_pid=""
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
  # The host needs Azurite to stop cleanly (without it, it retries its partition table forever): hosts first.
  if [ -n "$host_pid" ]; then stop_process "The local host" "$host_pid" 30; fi
  if [ -n "$emulator_pid" ]; then stop_process "The Cloudflare emulator" "$emulator_pid" 10; fi
  if [ -f "$run/azurite/azurite.pid" ]; then stop_process Azurite "$(cat "$run/azurite/azurite.pid")" 10; fi
  rm -rf "$run/azurite/data"
  echo "Stopped. Logs: $run/"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Children get their own session: a Ctrl-C reaches this script only, which then stops them in order.
detach=(); if command -v setsid >/dev/null; then detach=(setsid); fi
spawn() {
  local log=$1; shift
  ${detach[@]+"${detach[@]}"} "$@" >"$log" 2>&1 &
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

# dotnet's build servers, shared by every build of this user, stop on their own when idle.
echo "Building the local host and the Cloudflare emulator (Release; the first build takes a minute or two)..."
for project in src/CfSync.LocalHost src/CfSync.Cloudflare.Emulator; do
  if ! dotnet build "$project" -c Release -nologo -v quiet -clp:NoSummary >>"$run/build.log" 2>&1; then
    echo "Building $project failed:" >&2
    grep -E ': error ' "$run/build.log" | sort -u >&2 || tail -n 30 "$run/build.log" >&2
    exit 1
  fi
done
bin=bin/Release/net10.0 # the target framework of Directory.Build.props

echo "Starting Azurite (state in $run/azurite)..."
azurite_env=$(${detach[@]+"${detach[@]}"} scripts/azurite.sh start "$run/azurite")
eval "$azurite_env"

if [ -z "${CFSYNC_CLOUDFLARE_URL:-}" ]; then
  echo "Starting the Cloudflare emulator..."
  spawn "$run/emulator.log" dotnet "src/CfSync.Cloudflare.Emulator/$bin/CfSync.Cloudflare.Emulator.dll" --port 0
  emulator_pid=$spawned
  echo "$emulator_pid" >"$run/emulator.pid"
  emulator=""
  for _ in $(seq 1 300); do
    alive_or_report "The Cloudflare emulator" "$emulator_pid" "$run/emulator.log"
    emulator=$(sed -n 's|^Cloudflare emulator: API \(http://[^ ]*\)client/v4/ .*|\1|p' "$run/emulator.log")
    [ -n "$emulator" ] && break
    sleep 0.2
  done
  [ -n "$emulator" ] || { echo "The Cloudflare emulator did not start within 60 s; see $run/emulator.log" >&2; exit 1; }
  curl -sf -X POST -H 'Content-Type: application/json' --data-binary @samples/emulator-seed.json "${emulator}__emulator/seed" >/dev/null
  export CFSYNC_CLOUDFLARE_URL="${emulator}client/v4/" CLOUDFLARE_API_TOKEN=emulator-token
  echo "Cloudflare emulator: $CFSYNC_CLOUDFLARE_URL (seeded with samples/emulator-seed.json; journal: ${emulator}__emulator/journal)"
fi

key=${CfSync__LocalHost__AccessKey:-$(node -p "require('crypto').randomBytes(32).toString('base64url')")}
api="http://127.0.0.1:$host_port/api"
echo "Starting the local host..."
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

# One request, so the whole set is checked before anything is applied; problems' lines refer to manifests.yaml.
find "$manifests" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) -print0 | LC_ALL=C sort -z |
  while IFS= read -r -d '' file; do cat "$file"; printf '\n---\n'; done >"$run/manifests.yaml"
code=$(curl -s -o "$run/intake.json" -w '%{http_code}' -X POST -H "x-functions-key: $key" -H 'Content-Type: application/yaml' \
  --data-binary @"$run/manifests.yaml" "$api/manifests")
if [ "$code" != 200 ]; then
  echo "Posting $manifests was refused ($code; lines refer to $run/manifests.yaml):" >&2
  cat "$run/intake.json" >&2; echo >&2
  exit 1
fi
echo "Posted $manifests: $(cat "$run/intake.json")"
# "Type escaped-id" per resource the intake signalled.
resources=$(node -e 'for (const r of require(process.argv[1]).resources) console.log(`${r.resourceType} ${encodeURIComponent(r.cloudflareId)}`)' "$run/intake.json")

cat <<EOF

CfSync local host: $api (logs in $run/)
Access key: $key
Every call needs it, as a function key: header x-functions-key, or ?code=. For example:
  curl -H "x-functions-key: $key" $api/resources/TunnelConfiguration/<tunnel id>
  curl -X POST -H "x-functions-key: $key" "$api/resources/TunnelConfiguration/<tunnel id>/sync?force=true"
  curl -X POST -H "x-functions-key: $key" -H 'Content-Type: application/yaml' --data-binary @my.yaml $api/manifests
Entity state of each resource posted:
EOF
while read -r type id; do [ -n "$type" ] && echo "  curl -H \"x-functions-key: $key\" $api/resources/$type/$id"; done <<<"$resources"

if [ -n "$check" ]; then
  tunnels=$(awk '$1 == "TunnelConfiguration" { print $2 }' <<<"$resources")
  [ -n "$tunnels" ] || { echo "local run check failed: $manifests names no tunnel" >&2; exit 1; }
  for tunnel in $tunnels; do
    status=none
    for _ in $(seq 1 240); do
      curl -s -H "x-functions-key: $key" "$api/resources/TunnelConfiguration/$tunnel" >"$run/state.json" || true
      status=$(node -e 'try { const s = require(process.argv[1]); console.log(`${s.syncStatus} ${s.lastAppliedHash === s.configHash}`) } catch { console.log("none") }' "$run/state.json")
      [ "$status" = "Synced true" ] && break
      sleep 0.5
    done
    [ "$status" = "Synced true" ] || { echo "local run check failed: TunnelConfiguration/$tunnel is '$status'; see $run/localhost.log" >&2; exit 1; }
    # What the emulator holds, through its Cloudflare API, must be what the entity says it applied.
    account=$(node -p 'require(process.argv[1]).scope.accountId' "$run/state.json")
    curl -sf -H "Authorization: Bearer $CLOUDFLARE_API_TOKEN" "${CFSYNC_CLOUDFLARE_URL}accounts/$account/cfd_tunnel/$tunnel/configurations" >"$run/cloudflare.json"
    held=$(node -e '
      const sorted = v => Array.isArray(v) ? v.map(sorted) : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map(k => [k, sorted(v[k])])) : v;
      const [state, cloudflare] = process.argv.slice(1).map(f => require(f));
      const held = cloudflare.result, desired = state.desired.config;
      const same = JSON.stringify(sorted(held.config)) === JSON.stringify(sorted(desired));
      console.log(same && held.version > 0 ? `holds it (version ${held.version}, ${desired.ingress.length} ingress rules)` : "differs");
    ' "$run/state.json" "$run/cloudflare.json")
    echo "TunnelConfiguration/$tunnel: Synced; the emulator $held"
    [ "$held" != differs ] || { echo "local run check failed: the emulator's configuration of $tunnel differs from the entity's (see $run/state.json, $run/cloudflare.json)" >&2; exit 1; }
  done
  exit 0
fi

echo "Press Ctrl-C to stop."
wait "$host_pid" || true
echo "The local host exited on its own." >&2
log_tail "$run/localhost.log"
exit 1
