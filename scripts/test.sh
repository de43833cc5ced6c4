#!/usr/bin/env bash
# Runs every test: starts the pinned Azurite unless CFSYNC_STORAGE_CONNECTION already points at one, runs
# `dotnet test` over the solution, then scripts/test-run-local.sh (the local run as a newcomer meets it), prints one
# summary line over both, stops what it started. Arguments go to `dotnet test` (e.g. --filter), and then only it runs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
results="$root/artifacts/test-results"
rm -rf "$results"
started=""
if [ -z "${CFSYNC_STORAGE_CONNECTION:-}" ]; then
  state=$(mktemp -d)
  eval "$(scripts/azurite.sh start "$state")"
  started="$state"
fi
cleanup() { [ -n "$started" ] && scripts/azurite.sh stop "$started"; }
trap cleanup EXIT

status=0
dotnet test CfSyncFunctions.sln -c Release --logger trx --results-directory "$results" "$@" || status=$?

# One plain closing line over every test project, read from the TRX counters.
passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
if [ $# -eq 0 ]; then
  script_out=$(bash scripts/test-run-local.sh 2>&1) || status=1
  echo "$script_out"
  line=$(grep -E '^run-local: [0-9]+ passed, [0-9]+ failed$' <<<"$script_out" | tail -n 1)
  p=$(sed -n 's/^run-local: \([0-9]*\) passed.*/\1/p' <<<"$line"); f=$(sed -n 's/.* \([0-9]*\) failed$/\1/p' <<<"$line")
  [ -n "$line" ] || { echo "scripts/test-run-local.sh printed no summary" >&2; status=1; }
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
fi

echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$files" -eq 0 ] || [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"
