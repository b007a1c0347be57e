# Shared by the benchmarks that bring up a lab: sourced, not run.

die() { echo "bench: $*" >&2; exit 1; }

# lab/lab up, waiting (at most an hour) while a test run holds the lab.
up_when_free() {
  local deadline=$((SECONDS + 3600)) said
  until said=$(lab/lab up "$1" 2>&1 >/dev/null); do
    [[ $said == *"holds the lab"* || $said == *"held by another process"* ]] || die "lab/lab up $1 failed: $said"
    ((SECONDS < deadline)) || die "the lab was held by a test run for an hour"
    sleep 2
  done
}
