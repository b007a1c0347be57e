# Shared by the benchmarks that bring up a lab: sourced, not run.

die() { echo "bench: $*" >&2; exit 1; }

# lab/lab up, blocked on the lab's lock (at most an hour) while a test run holds the lab.
up_when_free() {
  lab/lab up --wait "$1" >/dev/null || die "lab/lab up $1 failed"
}
