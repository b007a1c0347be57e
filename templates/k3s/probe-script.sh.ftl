<#--
  The read-only half of install-script.sh.ftl, for a dry run: prints "k3j: changed" when that
  script would install K3s (the host has no k3s of this version); changes nothing.
  Model: version
-->
set -eu
if [ "$(/usr/local/bin/k3s --version 2>/dev/null | awk 'NR == 1 {print $3}')" = ${sh(version)} ]; then
    echo k3s ${sh(version)} already installed
else
    echo k3s ${sh(version)} to be installed
    echo "k3j: changed"
fi
