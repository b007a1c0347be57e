#!/usr/bin/env bash
# apply on the lab: a full install of PostgreSQL and HAProxy (both set up by k3j-install),
# 3 servers and N workers, then a re-apply that changes nothing. For each N it prints the wall
# times and the time spent waiting on K3s itself, from apply's own JSON events:
#   critical path = first server ready + slowest other server ready + slowest worker ready,
# the part no installer can shorten (the servers after the first start together, then the
# workers together). Targets: full install <= 1.5 x critical path; re-apply of 8+ hosts < 5 s.
#
# usage: bench/apply.sh [N...]   (N in 2, 8, 24; default all three; needs root and a free lab)
set -euo pipefail
cd "$(dirname "$0")/.."
counts=("${@:-2 8 24}")
read -r -a counts <<<"${counts[*]}"

. bench/lib.sh
bench_start apply jq

seconds() { awk -v ms="$1" 'BEGIN {printf "%.1f", ms / 1000}'; }

for n in "${counts[@]}"; do
  case $n in
    2) topology=ha-postgres ;;
    8) topology=ha-8 ;;
    24) topology=ha-24 ;;
    *) die "no lab topology with $n workers; use 2, 8 or 24" ;;
  esac
  up_when_free "$topology"
  lab/inventory bench >"$work/inventory.yaml"

  start=$(millis)
  ./k3j-install apply "$work/inventory.yaml" --output=json --log-file="$work/run.log" --kubeconfig="$work/kubeconfig" | stamp >"$work/full.json" \
    || die "the full install failed; see $work/full.json and $work/run.log"
  full=$(( $(millis) - start ))
  start=$(millis)
  ./k3j-install apply "$work/inventory.yaml" --output=json --log-file="$work/run.log" --kubeconfig="$work/kubeconfig" | stamp >"$work/again.json" \
    || die "the re-apply failed; see $work/again.json"
  again=$(( $(millis) - start ))
  hosts=$(grep -cv '^\s*\(#\|alias\|$\)' "lab/topologies/$topology")

  ready_waits "$work/full.json" | awk -F'\t' -v n="$n" -v hosts="$hosts" -v full="$full" -v again="$again" '
    $1 == "servers" && !seen_first { first = $3; seen_first = 1; next }
    $1 == "servers" { if ($3 > servers) servers = $3 }
    $1 == "workers" { if ($3 > workers) workers = $3 }
    END {
      path = first + servers + workers
      printf "apply  3 servers %2d workers (%2d hosts)   full install %6.1f s   K3s ready: first server %5.1f s, slowest other server %5.1f s, slowest worker %5.1f s   critical path %5.1f s   full/critical %4.2f   re-apply %5.1f s\n",
        n, hosts, full / 1000, first / 1000, servers / 1000, workers / 1000, path / 1000, path ? full / path : 0, again / 1000
    }'
  lab/lab down >/dev/null 2>&1
done
