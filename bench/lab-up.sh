#!/usr/bin/env bash
# Lab start-up: wall time to bring up a topology with the base image cached, and to tear it
# down. usage: bench/lab-up.sh [TOPOLOGY] [RUNS]   (default ha-postgres, 3 runs; needs root)
set -euo pipefail
cd "$(dirname "$0")/.."
topology=${1:-ha-postgres}
runs=${2:-3}
lab/lab prepare >/dev/null
lab/lab down >/dev/null 2>&1 || true
hosts=$(grep -cv '^\s*\(#\|alias\|$\)' "lab/topologies/$topology")
for run in $(seq "$runs"); do
  start=$(date +%s%N)
  lab/lab up "$topology" >/dev/null
  up=$(( ($(date +%s%N) - start) / 1000000 ))
  start=$(date +%s%N)
  lab/lab down >/dev/null 2>&1
  down=$(( ($(date +%s%N) - start) / 1000000 ))
  printf 'lab %-12s %2d hosts   run %d   up %6d ms   down %6d ms\n' "$topology" "$hosts" "$run" "$up" "$down"
done
