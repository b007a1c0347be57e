<#--
  /usr/local/bin/k3s-uninstall.sh (server) or k3s-agent-uninstall.sh (agent), as K3s' install.sh
  writes them (create_uninstall): runs k3s-killall.sh, disables the unit, removes the unit and its
  env file, then, unless another K3s unit is left on the host, the kubectl/crictl/ctr links to k3s,
  K3s' configuration and data (its token files too), the kubelet's folder, the binary and the
  killall script; and last itself. Beyond install.sh, it removes what k3j-install put there for
  K3s: the unit's stamp, the node password and k3j-install's folders once empty. Safe to run again.
  Model: unitName (k3s | k3s-agent), script (this script's path), killall, binary, dataDir,
         stamp (the unit's stamp file), state (k3j-install's folder, /var/lib/k3j)
  Every value goes in through sh() (one single-quoted shell word).
-->
#!/bin/sh
# Written by k3j-install, as the install.sh of K3s writes it: removes K3s from this host.
[ "$(id -u)" -eq 0 ] || exec sudo --preserve-env=K3S_DATA_DIR "$0" "$@"

data_dir=${sh(dataDir)}
K3S_DATA_DIR=${r"${K3S_DATA_DIR:-$data_dir}"}
unit=${sh(unitName)}

[ ! -x ${sh(killall)} ] || ${sh(killall)}

if command -v systemctl >/dev/null 2>&1; then
    systemctl disable "$unit" >/dev/null 2>&1
    systemctl reset-failed "$unit" >/dev/null 2>&1
fi
if command -v rc-update >/dev/null 2>&1; then
    rc-update delete "$unit" default
fi
rm -f "/etc/systemd/system/$unit.service" "/etc/systemd/system/$unit.service.env" ${sh(stamp)}
command -v systemctl >/dev/null 2>&1 && systemctl daemon-reload

remove_self() {
    rm -f ${sh(script)}
}
trap remove_self EXIT

# A server and an agent may share a host (install.sh allows it): the last one out removes K3s.
if ls /etc/systemd/system/k3s*.service /etc/init.d/k3s* >/dev/null 2>&1; then
    echo 'Additional k3s services installed, skipping uninstall of k3s'
    exit 0
fi

bin=$(dirname ${sh(binary)})
for cmd in kubectl crictl ctr; do
    if [ -L "$bin/$cmd" ] && [ "$(readlink "$bin/$cmd")" = k3s ]; then
        rm -f "$bin/$cmd"
    fi
done

# Removes $1, leaving in place (emptied) only the folders something is still mounted on.
clean_mounted() {
    if ! awk -v path="$1" '$2 == path || index($2, path "/") == 1 { found = 1 } END { exit !found }' /proc/mounts; then
        rm -rf "$1"
        return 0
    fi
    for path in "$1"/* "$1"/.[!.]*; do
        [ -e "$path" ] || [ -L "$path" ] || continue
        if [ -d "$path" ] && [ ! -L "$path" ]; then
            clean_mounted "$path"
        else
            rm -f "$path"
        fi
    done
}

rm -rf /etc/rancher/k3s /run/k3s /run/flannel
clean_mounted "$K3S_DATA_DIR"
rm -rf /var/lib/kubelet
rm -f ${sh(binary)} ${sh(killall)}
# Beyond install.sh: the node password (its secret goes with the node), and the folders left empty.
rm -rf /etc/rancher/node
rmdir ${sh(state)}/stamps ${sh(state)}/tmp ${sh(state)} /etc/rancher /var/lib/rancher 2>/dev/null
exit 0
