<#--
  Installs K3s with the official install script (https://get.k3s.io by default), which
  k3j-install never ships. The script only installs the binary and its tools: k3j-install
  writes config.yaml and the unit itself and starts the service, as in the other modes.
  Model: scriptUrl, version, command (server | agent)
-->
set -eu
script=$(mktemp /tmp/k3s-install.XXXXXX)
trap 'rm -f "$script"' EXIT
curl -fsSL --retry 3 -o "$script" ${q(scriptUrl)}
INSTALL_K3S_VERSION=${q(version)} \
INSTALL_K3S_EXEC=${q(command)} \
INSTALL_K3S_SKIP_ENABLE=true \
INSTALL_K3S_SKIP_START=true \
    sh "$script"
