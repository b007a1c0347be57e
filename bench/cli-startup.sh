#!/usr/bin/env bash
# CLI start-up: wall time of `k3j-install --help` and of `validate` on the largest example
# inventory, through the launcher as a user runs it. Prints the median and spread of N runs.
# usage: bench/cli-startup.sh [RUNS]   (default 15)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
largest=$(ls -S inventories/*.yaml | head -n 1)

./k3j-install --version >/dev/null   # build if needed, and make the class-data-sharing archive

measure() { # label, command...
  local label=$1; shift
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" -v runs="$runs" '
    { t[NR] = $1 }
    END { printf "%-45s median %4d ms   min %4d ms   max %4d ms   (%d runs)\n", label, t[int((NR + 1) / 2)], t[1], t[NR], runs }'
}

measure "k3j-install --help" ./k3j-install --help
measure "k3j-install validate $(basename "$largest")" ./k3j-install validate "$largest"
measure "java -version (the JVM alone, for scale)" java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -version
