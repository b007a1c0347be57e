#!/usr/bin/env bash
# The installer's own cost as the host count grows, without the lab: `validate` and
# `plan --offline` of an inventory of 3 servers, a provisioned PostgreSQL, HAProxy and N workers
# (named worker-NNNN.example.com; nothing is resolved or contacted), through the clone's launcher.
# Prints the wall and user CPU time, the peak RSS (GNU time) and the plan's size per N.
# usage: bench/plan-scale.sh [WORKERS...]   (default: 24 250 1000 4000)
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -x /usr/bin/time ]] || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 1; }
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(24 250 1000 4000)
work=$(mktemp -d /tmp/k3j-bench-plan-scale.XXXXXX)
trap 'rm -rf "$work"' EXIT
./k3j-install --version >/dev/null   # build if needed, and make the class-data-sharing archive

inventory() { # workers
  cat <<EOF
apiVersion: k3j/v1
kind: Cluster
metadata:
  name: scale
spec:
  k3s:
    version: v1.31.4+k3s1
    serverConfig: {cluster-cidr: 10.64.0.0/12}   # 4,096 node ranges, clear of service-cidr 10.43.0.0/16
  datastore:
    type: postgres
    provision:
      host: {address: 198.51.100.5}
  servers:
    hosts:
      - {address: 198.51.100.11, name: server-1}
      - {address: 198.51.100.12, name: server-2}
      - {address: 198.51.100.13, name: server-3}
  registration:
    address: 198.51.100.21
    mode: haproxy
    haproxy:
      hosts:
        - {address: 198.51.100.21}
  workers:
    hosts:
EOF
  for i in $(seq 1 "$1"); do printf '      - {address: worker-%04d.example.com, name: worker-%04d}\n' "$i" "$i"; done
}

measure() { # label, output file, command...
  local label=$1 out=$2; shift 2
  /usr/bin/time -f '%e %U %M' -o "$work/time" "$@" >"$out" 2>&1 || { echo "bench: $label failed:" >&2; tail -n 5 "$out" >&2; exit 1; }
  read -r wall user rss <"$work/time"
  printf '%-32s wall %6.2f s   user %6.2f s   peak RSS %4d MB' "$label" "$wall" "$user" $((rss / 1024))
}

printf '%s, load average %s\n' "$(git rev-parse --short HEAD)" "$(cut -d' ' -f1-3 /proc/loadavg)"
for workers in "${sizes[@]}"; do
  inventory "$workers" >"$work/inventory.yaml"
  measure "validate, $workers workers" "$work/validate.out" ./k3j-install validate "$work/inventory.yaml"; echo
  measure "plan --offline, $workers workers" "$work/plan.out" ./k3j-install plan --offline "$work/inventory.yaml"
  printf '   %d lines, %d KB\n' "$(wc -l <"$work/plan.out")" $(($(wc -c <"$work/plan.out") / 1024))
done
