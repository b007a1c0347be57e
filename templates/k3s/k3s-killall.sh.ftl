<#--
  /usr/local/bin/k3s-killall.sh, as K3s' install.sh writes it (create_killall): stops every K3s
  unit, kills the containers' shims and their children, unmounts what K3s and the kubelet
  mounted, removes the CNI interfaces, namespaces and iptables rules. Our own text with the same
  behaviour; each tool it needs is checked first, so it also runs on a host without iproute2,
  procps or iptables (it then skips what needs them). Safe to run again: what is gone is skipped.
  Model: dataDir (/var/lib/rancher/k3s)
  Every value goes in through sh() (one single-quoted shell word).
-->
#!/bin/sh
# Written by k3j-install, as the install.sh of K3s writes it: stops K3s and everything it started.
[ "$(id -u)" -eq 0 ] || exec sudo --preserve-env=K3S_DATA_DIR "$0" "$@"

data_dir=${sh(dataDir)}
K3S_DATA_DIR=${r"${K3S_DATA_DIR:-$data_dir}"}

# K3s unpacks its tools (containerd-shim, ip, iptables...) below its data folder.
for bin in "$K3S_DATA_DIR"/data/*/bin; do
    [ -d "$bin" ] && PATH="$PATH:$bin:$bin/aux"
done
export PATH

has() {
    command -v "$1" >/dev/null 2>&1
}

for service in /etc/systemd/system/k3s*.service; do
    [ -s "$service" ] && systemctl stop "$(basename "$service")"
done
for service in /etc/init.d/k3s*; do
    [ -x "$service" ] && "$service" stop
done

# The process tree under each pid given (the pids themselves first).
tree() {
    for pid in "$@"; do
        echo "$pid"
        tree $(ps -e -o ppid= -o pid= | awk -v parent="$pid" '$1 == parent { print $2 }')
    done
}

shims() {
    ps -e -o pid= -o args= | awk -v shim="$K3S_DATA_DIR/data/" \
        'index($2, shim) == 1 && $2 ~ /\/bin\/containerd-shim/ { print $1 }'
}

if has ps; then
    pids=$(tree $(shims))
    [ -z "$pids" ] || kill -9 $pids 2>/dev/null
fi

# Every mount at or below $1, deepest first, unmounted and removed.
unmount_and_remove() {
    awk -v prefix="$1" 'index($2, prefix) == 1 { print $2 }' /proc/self/mounts | sort -r | while read -r path; do
        umount -f "$path" && rm -rf "$path"
    done
}

unmount_and_remove /run/k3s
unmount_and_remove /var/lib/kubelet/pods
unmount_and_remove /var/lib/kubelet/plugins
unmount_and_remove /run/netns/cni-

if has ip; then
    ip netns show 2>/dev/null | awk '/^cni-/ { print $1 }' | while read -r ns; do
        ip netns delete "$ns"
    done
    # The veths of the pods on the bridge, then the bridge and the interfaces of flannel.
    ip link show 2>/dev/null | awk '/master cni0/ { sub(/:$/, "", $2); sub(/@.*/, "", $2); print $2 }' | while read -r iface; do
        ip link delete "$iface"
    done
    for iface in cni0 flannel.1 flannel-v6.1 kube-ipvs0 flannel-wg flannel-wg-v6; do
        ip link show "$iface" >/dev/null 2>&1 && ip link delete "$iface"
    done
fi
if has tailscale; then
    tailscale set --advertise-routes=
fi

rm -rf /var/lib/cni/
for tables in iptables ip6tables; do
    if has "$tables-save" && has "$tables-restore"; then
        "$tables-save" | grep -v KUBE- | grep -v CNI- | grep -iv flannel | "$tables-restore"
    fi
done
exit 0
