# Gathers what k3j-install needs to know about a host, read-only, in one round trip.
# Prints one key=value per line; values never hold a newline. Runs as root (through sudo
# when the login user is not root) under /bin/sh on any Linux with coreutils.
#
# Every plan and apply runs it on every host at once, so it starts few processes: values are
# joined and files read by the shell itself, and systemctl is asked about every unit in one call.

# Words are split from command output below (set -- $(...)) and never globbed.
set -f

# The shell's field splitting turns newlines and runs of blanks into single spaces, without a process.
fact() {
  name=$1
  # shellcheck disable=SC2086 # split on purpose
  set -- $2
  printf '%s=%s\n' "$name" "$*"
}
first_line() { line=; [ -r "$1" ] && read -r line < "$1"; printf '%s' "$line"; }

(
  [ -r /etc/os-release ] && . /etc/os-release 2>/dev/null
  fact os "${ID:-} ${VERSION_ID:-}"
  fact os_pretty "${PRETTY_NAME:-}"
)
set -- $(uname -r -m)
fact arch "${2:-}"
fact kernel "${1:-}"
fact hostname "$(first_line /proc/sys/kernel/hostname)"
fact init "$(first_line /proc/1/comm)"
fact systemd_state "$(systemctl is-system-running 2>/dev/null)"
fact addresses "$(ip -o addr show scope global 2>/dev/null | awk '{split($4, a, "/"); print a[1]}')"
fact time_epoch "$(date +%s)"
fact disk_free_kb "$(df -Pk /var/lib 2>/dev/null | awk 'NR == 2 {print $4}')"
fact listening "$(ss -Htln 2>/dev/null | awk '{n = split($4, a, ":"); print a[n]}' | sort -nu)"
# "k3s version v1.31.4+k3s1 (a562d090)": the third word.
set -- $(/usr/local/bin/k3s --version 2>/dev/null)
fact k3s_version "${3:-}"
# One state per unit, in the order asked; anything else (no systemd) leaves them all empty.
set -- $(systemctl is-active k3s k3s-agent haproxy keepalived postgresql mariadb k3j-etcd 2>/dev/null)
[ $# -eq 7 ] || set -- "" "" "" "" "" "" ""
fact k3s_server "$1"
fact k3s_agent "$2"
fact haproxy "$3"
fact keepalived "$4"
fact postgresql "$5"
fact mariadb "$6"
fact etcd "$7"
etcd_state=$7
fact postgresql_major "$(ls /etc/postgresql 2>/dev/null | sort -n | tail -n 1)"
fact packages "$(dpkg-query -W -f '${Package}:${db:Status-Status} ' postgresql mariadb-server etcd-server etcd-client haproxy keepalived netcat-openbsd curl 2>/dev/null | tr ' ' '\n' | awk -F: '$2 == "installed" {print $1}')"
# The members a provisioned etcd member was formed with: k3j-etcd's initial-cluster, once its data
# folder holds a member (etcd reads initial-cluster only on its first start).
fact etcd_cluster "$([ -d /var/lib/etcd/k3j/member ] && sed -n 's/^initial-cluster: //p' /etc/etcd/k3j-etcd.conf.yml 2>/dev/null | head -n 1)"
fact etcd_cluster_state "$([ -d /var/lib/etcd/k3j/member ] && sed -n 's/^initial-cluster-state: //p' /etc/etcd/k3j-etcd.conf.yml 2>/dev/null | head -n 1)"
# The running cluster's members as this member knows them, one 'id|status|name|peer URLs|client URLs|learner'
# each ('etcdctl member list' with its ", " turned into "|"), asked of k3j-etcd on loopback, where it listens without TLS.
fact etcd_members "$([ "$etcd_state" = active ] && ETCDCTL_API=3 etcdctl --endpoints=http://127.0.0.1:2379 --command-timeout=3s member list 2>/dev/null | sed 's/, /|/g')"
