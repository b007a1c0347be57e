<#--
  The kubectl, crictl and ctr links to k3s, as K3s' install.sh makes them (create_symlinks): a
  link only where the folder has no such file and no such command is on the PATH, so a kubectl
  the operator installed is left alone. Prints "k3j: changed" when it made a link.
  Model: binary (/usr/local/bin/k3s)
  Every value goes in through sh() (one single-quoted shell word).
-->
set -u
bin=$(dirname ${sh(binary)})
for cmd in kubectl crictl ctr; do
    if [ -e "$bin/$cmd" ]; then
        continue
    fi
    found=$(command -v "$cmd" 2>/dev/null || true)
    if [ -n "$found" ]; then
        echo "$cmd is on the PATH at $found: no link"
        continue
    fi
    ln -sf k3s "$bin/$cmd"
    echo "linked $bin/$cmd to k3s"
    echo "k3j: changed"
done
