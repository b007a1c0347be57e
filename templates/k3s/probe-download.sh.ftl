<#--
  The read-only half of install-download.sh.ftl, for a dry run: prints "k3j: changed" when that
  script would install K3s (the host's binary is missing or not the release's sha256), and changes
  nothing on the host (the checksum file is read into a variable, not saved).
  Model: mirror (base URL, no trailing slash), version, arch (amd64 | arm64 | arm | s390x)
  Every value goes in through sh() into a variable first, then only "$var" is used.
-->
set -eu
arch=${sh(arch)}
version=${sh(version)}
suffix=<#if arch == "amd64">""<#elseif arch == "arm">"-armhf"<#else>"-$arch"</#if>
base=${sh(mirror + "/" + version?url("UTF-8"))}
target=/usr/local/bin/k3s

sums=$(curl -fsSL --retry 3 "$base/sha256sum-$arch.txt") || sums=
expected=$(printf '%s\n' "$sums" | awk -v name="k3s$suffix" '$2 == name {print $1}')
if [ -n "$expected" ] && [ -x "$target" ] && [ "$(sha256sum "$target" | cut -d' ' -f1)" = "$expected" ]; then
    echo "k3s $version already installed"
else
    echo "k3s $version to be installed"
    echo "k3j: changed"
fi
