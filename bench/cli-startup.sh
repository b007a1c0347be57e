#!/usr/bin/env bash
# CLI start-up: wall time of `k3j-install --help` and of `validate` on the largest example
# inventory, through the launchers as a user runs them: the clone's (./k3j-install) and the
# packaged one (bin/k3j-install of the release tree, its own jlink runtime; built by
# ./mvnw -B package -Pdist when missing). Prints the median and spread of N runs.
# usage: bench/cli-startup.sh [RUNS]   (default 15)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
largest=$(ls -S inventories/*.yaml | head -n 1)

./k3j-install --version >/dev/null   # build if needed, and make the class-data-sharing archive
packaged=$(ls -d installer/target/dist/k3j-install-*-linux-x86_64 2>/dev/null | head -n 1 || true)
if [[ -z $packaged ]]; then
  echo "building the release tree (./mvnw -B package -Pdist)..." >&2
  ./mvnw -q -B package -Pdist -DskipTests >&2
  packaged=$(ls -d installer/target/dist/k3j-install-*-linux-x86_64 | head -n 1)
fi
"$packaged/bin/k3j-install" --version >/dev/null   # its class-data-sharing archive, made on first run

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
    END { printf "%-58s median %4d ms   min %4d ms   max %4d ms   (%d runs)\n", label, t[int((NR + 1) / 2)], t[1], t[NR], runs }'
}

measure "./k3j-install --help (clone)" ./k3j-install --help
measure "bin/k3j-install --help (packaged)" "$packaged/bin/k3j-install" --help
measure "./k3j-install validate $(basename "$largest") (clone)" ./k3j-install validate "$largest"
measure "bin/k3j-install validate $(basename "$largest") (packaged)" "$packaged/bin/k3j-install" validate "$largest"
measure "java -version (the JVM alone, for scale)" java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -version
