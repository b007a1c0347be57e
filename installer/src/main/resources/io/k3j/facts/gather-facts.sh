# Gathers what k3j-install needs to know about a host, read-only, in one round trip.
# Prints one key=value per line; values never hold a newline. Runs as root (through sudo
# when the login user is not root) under /bin/sh on any Linux with coreutils.
fact() { printf '%s=%s\n' "$1" "$(printf '%s' "$2" | tr '\n' ' ' | sed 's/ *$//')"; }
unit_state() { systemctl is-active "$1" 2>/dev/null || true; }

fact os "$( . /etc/os-release 2>/dev/null && echo "$ID $VERSION_ID")"
fact os_pretty "$( . /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")"
fact arch "$(uname -m)"
fact kernel "$(uname -r)"
fact hostname "$(hostname)"
fact init "$(cat /proc/1/comm 2>/dev/null)"
fact systemd_state "$(systemctl is-system-running 2>/dev/null)"
fact addresses "$(ip -o addr show scope global 2>/dev/null | awk '{split($4, a, "/"); print a[1]}')"
fact time_epoch "$(date +%s)"
fact disk_free_kb "$(df -Pk /var/lib 2>/dev/null | awk 'NR == 2 {print $4}')"
fact listening "$(ss -Htln 2>/dev/null | awk '{n = split($4, a, ":"); print a[n]}' | sort -nu)"
fact k3s_version "$(/usr/local/bin/k3s --version 2>/dev/null | awk 'NR == 1 {print $3}')"
fact k3s_server "$(unit_state k3s)"
fact k3s_agent "$(unit_state k3s-agent)"
fact haproxy "$(unit_state haproxy)"
fact keepalived "$(unit_state keepalived)"
fact postgresql "$(unit_state postgresql)"
fact postgresql_major "$(ls /etc/postgresql 2>/dev/null | sort -n | tail -n 1)"
fact mariadb "$(unit_state mariadb)"
fact etcd "$(unit_state k3j-etcd)"
fact packages "$(dpkg-query -W -f '${Package}:${db:Status-Status} ' postgresql mariadb-server etcd-server haproxy keepalived curl 2>/dev/null | tr ' ' '\n' | awk -F: '$2 == "installed" {print $1}')"
