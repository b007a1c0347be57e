# Shared by the benchmarks that bring up a lab: sourced, not run (from the checkout's root).

die() { echo "bench: $*" >&2; exit 1; }

# The start of a benchmark on the lab: root, no lab brought up by hand (the benchmark tears its labs
# down), jq where "jq" is asked for; then $release (the K3s double's), the installer built before any
# clock starts, and $work, a fresh folder removed at exit with the lab torn down (kept, and named on
# stderr, with KEEP=1: its JSON events and run logs say where the time went).
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
  if [[ ${KEEP:-} == 1 ]]; then
    trap 'lab/lab down >/dev/null 2>&1 || true; echo "bench: kept $work" >&2' EXIT
  else
    trap 'lab/lab down >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  fi
}

# lab/lab up, blocked on the lab's lock (at most an hour) while a test run holds the lab; then the
# double's release on its mirror.
up_when_free() {
  lab/lab up --wait "$1" >/dev/null || die "lab/lab up $1 failed"
  lab/lab publish "$release"
}

millis() { echo $(( $(date +%s%N) / 1000000 )); }

# apply's JSON events from stdin, each stamped on arrival with "t" (seconds since the epoch, as jq's
# now): the events carry durations, not times, and a turn waited for is only seen by when it ended.
stamp() {
  jq -c --unbuffered '. + {t: now}'
}

# Per host of the servers and workers steps of apply's stamped JSON events in $1: step, host, the
# milliseconds its "start ... and wait" action took, less the wait for its turn when running servers
# restart one at a time (from its "waiting for its turn" event to the next thing it waits for, K3s
# being ready): that wait is the other servers' restart, counted once already.
ready_waits() {
  jq -r -s '
    [.[] | select(.event == "action" and (.step == "servers" or .step == "workers") and (.action | test("^start k3s(-agent)? and wait")))]
    | group_by([.step, .host]) | .[]
    | (map(.status == "waiting" and (.detail | test("its turn"))) | index(true)) as $turn
    | (if $turn then (.[$turn + 1:] | map(select(.status == "waiting")) | first | .t) - .[$turn].t else 0 end) as $queued
    | (map(select(.status == "ok")) | first) as $ok
    | select($ok != null)
    | [$ok.step, $ok.host, ($ok.duration_ms - ($queued * 1000 | floor))]
    | @tsv' "$1"
}
