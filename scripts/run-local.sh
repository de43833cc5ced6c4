#!/usr/bin/env bash
# Starts CfSync locally without Azure Functions Core Tools: the pinned Azurite, the Cloudflare emulator (seeded with
# the sample tunnels), and the local host (the engine on the Durable Task Framework + Azure Storage provider), then
# posts samples/cluster to it. With --check it waits until both sample tunnels are synced, prints them and exits.
# Point it at the real Cloudflare instead with CFSYNC_CLOUDFLARE_URL and CLOUDFLARE_API_TOKEN set.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
check=""; [ "${1:-}" = "--check" ] && check=1
state="$root/.azurite"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  scripts/azurite.sh stop "$state"
}
trap cleanup EXIT

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
wait_http() { for _ in $(seq 1 300); do curl -s -o /dev/null "$1" && return 0; sleep 0.2; done; echo "$1 did not answer" >&2; return 1; }

eval "$(scripts/azurite.sh start "$state")"
for project in src/CfSync.LocalHost src/CfSync.Cloudflare.Emulator; do dotnet build -c Release "$project" -v quiet -nologo >/dev/null; done

if [ -z "${CFSYNC_CLOUDFLARE_URL:-}" ]; then
  emulator_port=$(free_port)
  dotnet run -c Release --no-build --project src/CfSync.Cloudflare.Emulator -- --port "$emulator_port" >"$state/emulator.log" 2>&1 &
  pids+=($!)
  wait_http "http://127.0.0.1:$emulator_port/__emulator/journal"
  curl -sf -X POST -H 'Content-Type: application/json' --data-binary @samples/emulator-seed.json "http://127.0.0.1:$emulator_port/__emulator/seed" >/dev/null
  export CFSYNC_CLOUDFLARE_URL="http://127.0.0.1:$emulator_port/client/v4/"
  export CLOUDFLARE_API_TOKEN=emulator-token
  echo "Cloudflare emulator: $CFSYNC_CLOUDFLARE_URL (journal: http://127.0.0.1:$emulator_port/__emulator/journal)"
fi

host_port=${CFSYNC_PORT:-7071}
Cloudflare__BaseUrl="$CFSYNC_CLOUDFLARE_URL" ASPNETCORE_URLS="http://127.0.0.1:$host_port" \
  dotnet run -c Release --no-build --project src/CfSync.LocalHost >"$state/localhost.log" 2>&1 &
pids+=($!)
api="http://127.0.0.1:$host_port/api"
wait_http "$api/resources/TunnelConfiguration/none"

manifests=$(for f in samples/cluster/*.yaml; do cat "$f"; printf '\n---\n'; done)
echo "Posted samples/cluster: $(curl -sf -X POST --data-binary "$manifests" "$api/manifests")"
echo "CfSync local host: $api (logs in $state/). Entity state:"
for tunnel in 6ff42ae2-765d-4adf-8112-31c55c1551ef 2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d; do
  echo "  curl $api/resources/TunnelConfiguration/$tunnel"
done

if [ -n "$check" ]; then
  for tunnel in 6ff42ae2-765d-4adf-8112-31c55c1551ef 2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d; do
    for _ in $(seq 1 120); do
      status=$(curl -s "$api/resources/TunnelConfiguration/$tunnel" | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{try{const j=JSON.parse(s);const st=j.syncStatus??j.SyncStatus, a=j.lastAppliedHash??j.LastAppliedHash, c=j.configHash??j.ConfigHash;console.log(st+' '+(a===c))}catch{console.log('none')}})")
      [ "$status" = "Synced true" ] && break
      sleep 0.5
    done
    echo "TunnelConfiguration/$tunnel: $status"
    [ "$status" = "Synced true" ] || { echo "local run check failed; see $state/localhost.log" >&2; exit 1; }
  done
  exit 0
fi
echo "Press Ctrl-C to stop."
wait
