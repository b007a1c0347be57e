<#--
  Installs K3s with the official install script (https://get.k3s.io by default), which
  k3j-install never ships. The script only installs the binary and its tools: k3j-install
  writes config.yaml and the unit itself and starts the service, as in the other modes.
  Idempotent: a host that already has this version is left alone; prints "k3j: changed" when it
  installed something.
  Model: scriptUrl, version, command (server | agent)
  Every value goes in through sh() (one single-quoted shell word), never inside double quotes.
-->
set -eu
if [ "$(/usr/local/bin/k3s --version 2>/dev/null | awk 'NR == 1 {print $3}')" = ${sh(version)} ]; then
    echo k3s ${sh(version)} already installed
    exit 0
fi
script=$(mktemp /tmp/k3s-install.XXXXXX)
trap 'rm -f "$script"' EXIT
curl -fsSL --retry 3 -o "$script" ${sh(scriptUrl)}
INSTALL_K3S_VERSION=${sh(version)} \
INSTALL_K3S_EXEC=${sh(command)} \
INSTALL_K3S_SKIP_ENABLE=true \
INSTALL_K3S_SKIP_START=true \
    sh "$script"
echo "k3j: changed"
