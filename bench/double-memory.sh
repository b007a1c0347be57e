#!/usr/bin/env bash
# The K3s double's footprint per node, so a lab's size can be known to fit this machine: after a
# full install (k3j-install apply: PostgreSQL, HAProxy, 3 servers, 2 workers) it prints the
# resident memory (VmRSS) of one server's and one agent's k3s process, and of every process of
# their hosts (systemd, sshd, k3s...), once the cluster is up and again after a minute of
# heartbeats; the start-up of each (systemctl restart until READY=1); and what a lab of
# 3 servers and WORKERS workers would need against this machine's available memory.
#
# usage: bench/double-memory.sh [WORKERS] [RUNS]   (default 64 workers, 3 restarts; needs root and a free lab)
set -euo pipefail
cd "$(dirname "$0")/.."
workers=${1:-64}
runs=${2:-3}

. bench/lib.sh
bench_start memory


# kB resident: of the unit's main process, and of every process on the host.
unit_rss() {
  lab/lab exec "$1" sh -c 'pid=$(systemctl show -p MainPID --value "$0") && [ "$pid" != 0 ] && awk "/^VmRSS:/ {print \$2}" /proc/$pid/status' "$2"
}
host_rss() {
  lab/lab exec "$1" sh -c 'cat /proc/[0-9]*/status 2>/dev/null | awk "/^VmRSS:/ {kb += \$2} END {print kb}"'
}
mib() { awk -v kb="$1" 'BEGIN {printf "%.0f", kb / 1024}'; }

# Milliseconds `systemctl restart UNIT` takes on HOST: the unit is Type=notify, so until READY=1.
restart_ms() {
  local start; start=$(date +%s%N)
  lab/lab exec "$1" timeout 120 systemctl restart "$2" || die "restart of $2 on $1 failed"
  echo $(( ($(date +%s%N) - start) / 1000000 ))
}
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

up_when_free ha-postgres
lab/inventory bench >"$work/inventory.yaml"
./k3j-install apply "$work/inventory.yaml" --log-file="$work/run.log" --kubeconfig="$work/kubeconfig" >"$work/apply.out" 2>&1 \
  || die "the install failed; see $work/apply.out and $work/run.log"

report() {
  local when=$1
  local server agent server_host agent_host
  server=$(unit_rss server1 k3s); agent=$(unit_rss worker1 k3s-agent)
  server_host=$(host_rss server1); agent_host=$(host_rss worker1)
  printf 'double %-22s server: k3s %4s MiB, host %4s MiB   agent: k3s %4s MiB, host %4s MiB\n' "$when" \
    "$(mib "$server")" "$(mib "$server_host")" "$(mib "$agent")" "$(mib "$agent_host")"
  echo "$server_host $agent_host" >"$work/last"
}
report "after the install"
sleep 60   # a minute of heartbeats (every 10 s), datastore reads and the agent's load balancer
report "a minute later"

delay=$(lab/lab exec server1 sh -c 'if [ -f /etc/default/k3s ]; then . /etc/default/k3s; fi; echo "${K3S_DOUBLE_STARTUP_DELAY:-15}"')
server_ms=$(for _ in $(seq "$runs"); do restart_ms server1 k3s; done | median)
agent_ms=$(for _ in $(seq "$runs"); do restart_ms worker1 k3s-agent; done | median)
printf 'double start-up (median of %d)   server %5.1f s (of which %s s is K3S_DOUBLE_STARTUP_DELAY)   agent %5.1f s\n' "$runs" \
  "$(awk -v ms="$server_ms" 'BEGIN {print ms / 1000}')" "$delay" "$(awk -v ms="$agent_ms" 'BEGIN {print ms / 1000}')"

read -r server_host agent_host <"$work/last"
others=$(( $(host_rss db1) + $(host_rss lb1) ))   # PostgreSQL and HAProxy, as installed above
available=$(awk '/^MemAvailable:/ {print $2}' /proc/meminfo)
awk -v s="$server_host" -v a="$agent_host" -v o="$others" -v w="$workers" -v avail="$available" 'BEGIN {
  need = 3 * s + w * a + o
  printf "lab of 3 servers and %d workers (and its datastore and load balancer, %.0f MiB): %.1f GiB   this machine has %.1f GiB available (with this lab up)   %s\n",
    w, o / 1024, need / 1048576, avail / 1048576, need < avail ? "fits" : "does NOT fit"
}'
