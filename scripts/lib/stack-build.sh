# Sourced by run-local.sh and by the benchmarks that start it: the projects of the processes run-local.sh starts, and
# their Release build, so a benchmark can build them before its clock starts and run run-local.sh --no-build.
#
#   build_projects LOG PROJECT...  Release-builds each project (output appended to LOG); 1, naming the project and
#                                  its errors, on the first failure.
#   build_stack LOG                build_projects for the stack's projects.
#   stack_built                    0 when every stack project has a Release build; 1, saying which has none.
stack_projects=(src/CfSync.LocalHost src/CfSync.Bridge src/CfSync.Cloudflare.Emulator src/CfSync.Kubernetes.DevCluster src/CfSync.Cli)
stack_bin=bin/Release/net10.0 # the target framework of Directory.Build.props

build_projects() {
  local log=$1 project
  shift
  for project in "$@"; do
    if ! dotnet build "$project" -c Release -nologo -v quiet -clp:NoSummary >>"$log" 2>&1; then
      echo "Building $project failed:" >&2
      grep -E ': error ' "$log" | sort -u >&2 || tail -n 30 "$log" >&2
      return 1
    fi
  done
}

build_stack() { build_projects "$1" "${stack_projects[@]}"; }

stack_built() {
  local project
  for project in "${stack_projects[@]}"; do
    compgen -G "$project/$stack_bin/*.deps.json" >/dev/null || { echo "--no-build: $project has no Release build; run without --no-build once." >&2; return 1; }
  done
}
