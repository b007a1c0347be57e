# Shared by the benchmarks that bring up a lab: sourced, not run (from the checkout's root).

die() { echo "bench: $*" >&2; exit 1; }

# The start of a benchmark on the lab: root, no lab brought up by hand (the benchmark tears its labs
# down), jq where "jq" is asked for; then $release (the K3s double's), the installer built before any
# clock starts, and $work, a fresh folder removed at exit with the lab torn down.
bench_start() {
  local name=$1 needs=${2:-}
  [[ $(id -u) -eq 0 ]] || die "needs root (the lab)"
  [[ -f $(lab/lab state-dir)/hosts.tsv ]] && [[ -f $(lab/lab state-dir).holder ]] && die "a lab brought up by hand is up; 'lab/lab down' first"
  if [[ $needs == jq ]]; then
    command -v jq >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq >/dev/null || die "needs jq"; }
  fi
  release=$(lab/double-release)
  ./k3j-install --version >/dev/null
  work=$(mktemp -d "/tmp/k3j-bench-$name.XXXXXX")
  trap 'lab/lab down >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
}

# lab/lab up, blocked on the lab's lock (at most an hour) while a test run holds the lab; then the
# double's release on its mirror.
up_when_free() {
  lab/lab up --wait "$1" >/dev/null || die "lab/lab up $1 failed"
  lab/lab publish "$release"
}

millis() { echo $(( $(date +%s%N) / 1000000 )); }

# Per host of the servers and workers steps of apply's JSON events in $1, in the order the hosts
# ended: step, host, the milliseconds its "start ... and wait" action took.
ready_waits() {
  jq -r 'select(.event == "host" and .status == "ok" and (.step == "servers" or .step == "workers"))
         | [.step, .host, ([.actions[] | select(.action | test("^start k3s(-agent)? and wait")) | .duration_ms] | add // 0)]
         | @tsv' "$1"
}
