# Sourced by the scripts that start a long-running process and wait for it to say it is ready.
#
#   wait_for_line NAME PID LOG PATTERN SECONDS
# Returns 0 once LOG has a line matching the extended regex PATTERN; 1 (saying why, with LOG's tail) when PID exits
# first or SECONDS pass.
wait_for_line() {
  local name=$1 pid=$2 log=$3 pattern=$4 seconds=$5 i
  for ((i = 0; i < seconds * 5; i++)); do
    grep -qE -- "$pattern" "$log" 2>/dev/null && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name exited before it was ready:" >&2
      tail -n 30 "$log" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "$name was not ready within $seconds s; see $log" >&2
  return 1
}
