#!/usr/bin/env bash
# A rolling upgrade on the lab: 3 servers and N workers installed on the double's oldest release
# (v1.30.8+k3s1), then upgraded to v1.31.4+k3s1 by apply (servers one at a time, workers cordoned,
# drained and upgraded --max-unavailable at a time, default 10%). For each N it prints the
# upgrade's wall time against its critical path, from apply's own JSON events:
#   critical path = the sum of the servers' ready waits + per worker batch its slowest ready wait
# (a "start ... and wait" action: the restart and the wait until the node is Ready at the new
# version; a server's wait for its turn is not counted, that is the server before it restarting),
# the part no installer can shorten when servers go one at a time and batches one after the other. Target: the installer's own overhead under 25% of the critical path (ratio < 1.25).
# The wall time includes what apply does before the rollout: connecting, facts, the preflight and
# the backup of the provisioned datastore and the token (docs/upgrade.md, The backup first).
#
# usage: bench/upgrade.sh [N...]   (N in 8, 24; default both; needs root and a free lab; KEEP=1 keeps
# its work folder: the stamped JSON events and run logs, to see where the time went)
set -euo pipefail
cd "$(dirname "$0")/.."
counts=("${@:-8 24}")
read -r -a counts <<<"${counts[*]}"

. bench/lib.sh
bench_start upgrade jq

from=v1.30.8+k3s1
to=v1.31.4+k3s1

for n in "${counts[@]}"; do
  case $n in
    8) topology=ha-8 ;;
    24) topology=ha-24 ;;
    *) die "no lab topology with $n workers; use 8 or 24" ;;
  esac
  up_when_free "$topology"
  lab/inventory bench | sed "s/version: $to/version: $from/" >"$work/old.yaml"
  sed "s/version: $from/version: $to/" "$work/old.yaml" >"$work/new.yaml"
  # The workers in the inventory's order: the planner batches them in that order.
  workers=$(awk -F'\t' '$2 == "worker" {print $3}' "$(lab/lab state-dir)/hosts.tsv" | paste -sd' ')
  batch=$(( n / 10 )); (( batch >= 1 )) || batch=1

  ./k3j-install apply "$work/old.yaml" --output=json --log-file="$work/run.log" --kubeconfig="$work/kubeconfig" | stamp >"$work/install.json" \
    || die "the install on $from failed; see $work/install.json and $work/run.log"
  start=$(millis)
  ./k3j-install apply "$work/new.yaml" --output=json --log-file="$work/run.log" --kubeconfig="$work/kubeconfig" | stamp >"$work/upgrade.json" \
    || die "the upgrade to $to failed; see $work/upgrade.json and $work/run.log"
  wall=$(( $(millis) - start ))

  ready_waits "$work/upgrade.json" | awk -F'\t' -v n="$n" -v wall="$wall" -v batch="$batch" -v order="$workers" '
    BEGIN { split(order, list, " "); for (i in list) position[list[i]] = i - 1 }
    $1 == "servers" { servers += $3; count++ }
    $1 == "workers" { b = int(position[$2] / batch); if ($3 > slowest[b]) slowest[b] = $3 }
    END {
      for (b in slowest) { workers += slowest[b]; batches++ }
      path = servers + workers
      printf "upgrade  3 servers %2d workers (%d at a time, %2d batches)   wall %6.1f s   servers ready %5.1f s (%d)   batches ready %6.1f s   critical path %6.1f s   wall/critical %4.2f\n",
        n, batch, batches, wall / 1000, servers / 1000, count, workers / 1000, path / 1000, path ? wall / path : 0
    }'
  lab/lab down >/dev/null 2>&1
done
