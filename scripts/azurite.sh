#!/usr/bin/env bash
# Starts the pinned Azurite (package.json) on free loopback ports and prints the environment that points
# CfSync at it. Usage: eval "$(scripts/azurite.sh start DIR)"; scripts/azurite.sh stop DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cmd=${1:?start|stop}
dir=${2:-$root/.azurite}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

case "$cmd" in
  start)
    if [ ! -x "$root/node_modules/.bin/azurite" ]; then
      (cd "$root" && npm ci --no-audit --no-fund --loglevel=error >&2)
    fi
    mkdir -p "$dir/data"
    blob=$(free_port); queue=$(free_port); table=$(free_port)
    # --skipApiVersionCheck: current Azure SDKs are newer than Azurite knows; --disableTelemetry: no internet here.
    "$root/node_modules/.bin/azurite" --silent --skipApiVersionCheck --disableTelemetry \
      --location "$dir/data" --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
      --blobPort "$blob" --queuePort "$queue" --tablePort "$table" >"$dir/azurite.log" 2>&1 &
    echo $! >"$dir/azurite.pid"
    for port in "$blob" "$queue" "$table"; do
      for _ in $(seq 1 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
        sleep 0.1
      done
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "Azurite did not open port $port; see $dir/azurite.log" >&2; exit 1; }
    done
    # The well-known Azurite development account key (public, documented by Microsoft; not a secret).
    key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
    conn="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
    echo "export CFSYNC_STORAGE_CONNECTION='$conn'"
    echo "export AzureWebJobsStorage='$conn'"
    ;;
  stop)
    if [ -f "$dir/azurite.pid" ]; then
      pid=$(cat "$dir/azurite.pid")
      kill "$pid" 2>/dev/null || true
      # Azurite closes its services for a few seconds after SIGTERM: wait, so nothing outlives the caller.
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
      rm -f "$dir/azurite.pid"
    fi
    ;;
  *) echo "usage: $0 start|stop [DIR]" >&2; exit 2 ;;
esac
