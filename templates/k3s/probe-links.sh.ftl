<#--
  The read-only half of links.sh.ftl, for a dry run: prints "k3j: changed" when that script would
  make a link; changes nothing.
  Model: binary (/usr/local/bin/k3s)
-->
set -u
bin=$(dirname ${sh(binary)})
for cmd in kubectl crictl ctr; do
    if [ ! -e "$bin/$cmd" ] && ! command -v "$cmd" >/dev/null 2>&1; then
        echo "link $bin/$cmd to k3s"
        echo "k3j: changed"
    fi
done
