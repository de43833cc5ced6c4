#!/usr/bin/env bash
# Tests scripts/run-local.sh as a newcomer meets it: --check passes, and every way a run ends (the end of --check,
# SIGTERM, Ctrl-C, a child that dies at start) leaves no process of that run behind; a build error is printed; a busy
# port and posting the samples to a real Cloudflare are refused. Each run gets its own folder (CFSYNC_RUN_DIR) and a
# free port. The --check case builds, as a newcomer's first run does; the runs after it start that build (--no-build).
# Prints "run-local: N passed, N failed" and exits non-zero when any case failed.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work=$(mktemp -d "${TMPDIR:-/tmp}/cfsync-test-run-local.XXXXXX")
passed=0; failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

# Passes when nothing of the run is alive: its host, emulator and Azurite (by their pid files) and anything naming
# its folder. Otherwise fails, and kills what was left so the next case (and CI) starts clean.
nothing_left() {
  local label=$1 run=$2 pid_file pid left=()
  for pid_file in "$run"/*.pid "$run"/azurite/*.pid; do
    [ -f "$pid_file" ] || continue
    pid=$(cat "$pid_file")
    if kill -0 "$pid" 2>/dev/null; then left+=("$(basename "$pid_file" .pid):$pid"); fi
  done
  for pid in $(pgrep -f "$run"); do left+=("pid:$pid"); done
  if [ ${#left[@]} -eq 0 ]; then pass "$label"; return; fi
  fail "$label" "left running: ${left[*]}"
  for pid in "${left[@]}"; do kill -KILL "${pid#*:}" 2>/dev/null; done
}

# Runs run-local.sh in the background in its own process group (as a terminal would), until it prints $2.
start_run() {
  local name=$1 ready=$2
  run="$work/$name"; mkdir -p "$run"
  set -m
  CFSYNC_RUN_DIR="$run" CFSYNC_PORT=$(free_port) bash scripts/run-local.sh --no-build >"$work/$name.out" 2>&1 &
  script_pid=$!
  set +m
  for _ in $(seq 1 1800); do
    grep -qs "$ready" "$work/$name.out" && return 0
    kill -0 "$script_pid" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}

# Waits (bounded) for the script to exit.
await_exit() {
  for _ in $(seq 1 450); do
    if ! kill -0 "$script_pid" 2>/dev/null; then wait "$script_pid"; return 0; fi
    sleep 0.2
  done
  kill -KILL -- "-$script_pid" 2>/dev/null
  return 1
}

case_check_passes_and_leaves_nothing() {
  local run="$work/check"; mkdir -p "$run"
  CFSYNC_RUN_DIR="$run" CFSYNC_PORT=$(free_port) bash scripts/run-local.sh --check >"$work/check.out" 2>&1
  local code=$?
  if [ "$code" = 0 ] && grep -q "Cloudflare holds the render byte for byte" "$work/check.out"; then
    pass "--check passes: kubectl apply reaches Cloudflare, byte for byte the render"
  else
    fail "--check" "exit $code ($(tail -n 5 "$work/check.out" | tr '\n' ' '))"
  fi
  nothing_left "the end of --check leaves nothing running" "$run"
}

case_signal_stops_everything() {
  local signal=$1 label=$2
  if ! start_run "$signal" "Press Ctrl-C"; then
    fail "$label" "the run did not come up ($(tail -n 5 "$work/$signal.out" | tr '\n' ' '))"
    kill -TERM "$script_pid" 2>/dev/null; await_exit; nothing_left "$label leaves nothing running" "$run"; return
  fi
  if [ "$signal" = INT ]; then kill -INT -- "-$script_pid"; else kill -TERM "$script_pid"; fi
  await_exit || fail "$label" "run-local.sh did not exit within 90 s"
  nothing_left "$label stops everything" "$run"
}

case_child_dying_at_start_is_reported() {
  local run="$work/dies"; mkdir -p "$run"
  # An invalid setting makes the host's options validation fail at start.
  CfSync__Sync__MaxAttempts=0 CFSYNC_RUN_DIR="$run" CFSYNC_PORT=$(free_port) bash scripts/run-local.sh --check --no-build >"$work/dies.out" 2>&1
  local code=$?
  if [ "$code" = 1 ] && grep -q "The local host exited at start" "$work/dies.out" && grep -q "MaxAttempts must be at least 1" "$work/dies.out"; then
    pass "a host dying at start is reported with its log"
  else
    fail "host dying at start" "exit $code ($(tail -n 5 "$work/dies.out" | tr '\n' ' '))"
  fi
  nothing_left "a host dying at start leaves nothing running" "$run"
}

case_busy_port_is_an_error() {
  local port; port=$(free_port)
  node -e "require('net').createServer().listen($port,'127.0.0.1')" &
  local holder=$!
  for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  CFSYNC_RUN_DIR="$work/busy" CFSYNC_PORT=$port bash scripts/run-local.sh --check --no-build >"$work/busy.out" 2>&1
  local code=$?
  kill "$holder"; wait "$holder" 2>/dev/null
  [ "$code" = 1 ] && grep -q "Port $port is in use" "$work/busy.out" && pass "a busy port is an error" || fail "busy port" "exit $code: $(cat "$work/busy.out")"
}

case_samples_never_go_to_a_real_account() {
  CFSYNC_CLOUDFLARE_URL=https://api.cloudflare.com/client/v4/ CLOUDFLARE_API_TOKEN=unused CFSYNC_RUN_DIR="$work/real" \
    bash scripts/run-local.sh >"$work/real.out" 2>&1
  local code=$?
  [ "$code" = 2 ] && grep -q -- "--manifests DIR" "$work/real.out" && [ ! -e "$work/real" ] \
    && pass "samples are refused against a real Cloudflare" || fail "real Cloudflare" "exit $code: $(cat "$work/real.out")"
}

case_build_error_is_printed() {
  # A dotnet whose build fails as a compile error does: the error must reach the user, and nothing start.
  mkdir -p "$work/fakebin"
  printf '#!/bin/sh\necho "/src/X.cs(1,1): error CS1002: ; expected [X.csproj]"\nexit 1\n' >"$work/fakebin/dotnet"
  chmod +x "$work/fakebin/dotnet"
  PATH="$work/fakebin:$PATH" CFSYNC_RUN_DIR="$work/build" CFSYNC_PORT=$(free_port) bash scripts/run-local.sh >"$work/build.out" 2>&1
  local code=$?
  [ "$code" = 1 ] && grep -q "Building src/CfSync.LocalHost failed" "$work/build.out" && grep -q "error CS1002" "$work/build.out" \
    && [ ! -e "$work/build/azurite" ] && pass "a build error is printed and nothing starts" || fail "build error" "exit $code: $(cat "$work/build.out")"
}

case_samples_never_go_to_a_real_account
case_build_error_is_printed
case_busy_port_is_an_error
case_check_passes_and_leaves_nothing
case_signal_stops_everything TERM "SIGTERM"
case_signal_stops_everything INT "Ctrl-C (SIGINT to the process group)"
case_child_dying_at_start_is_reported

echo "run-local: $passed passed, $failed failed"
[ "$failed" = 0 ] && rm -rf "$work"
[ "$failed" = 0 ]
