#!/usr/bin/env bash
# Lab start-up: wall time to bring up a topology with the base image cached, to reset it (what a
# test class after the first of its topology starts from) and to tear it down.
# usage: bench/lab-up.sh [TOPOLOGY] [RUNS]   (default ha-postgres, 3 runs; needs root)
set -euo pipefail
cd "$(dirname "$0")/.."
topology=${1:-ha-postgres}
runs=${2:-3}
lab/lab prepare >/dev/null
lab/lab down >/dev/null 2>&1 || true
hosts=$(grep -cv '^\s*\(#\|alias\|$\)' "lab/topologies/$topology")
# Times a lab command; one refused because a test run holds the lab says so ("a test run (pid N)
# holds the lab"): waiting for it (up --wait) would be timed too.
millis() {
  local start said; start=$(date +%s%N)
  said=$("$@" 2>&1 >/dev/null) || { echo "bench: $* failed: $said" >&2; exit 1; }
  echo $(( ($(date +%s%N) - start) / 1000000 ))
}
for run in $(seq "$runs"); do
  up=$(millis lab/lab up "$topology")
  reset=$(millis lab/lab reset)
  down=$(millis lab/lab down)
  printf 'lab %-12s %2d hosts   run %d   up %6d ms   reset %6d ms   down %6d ms\n' "$topology" "$hosts" "$run" "$up" "$reset" "$down"
done
