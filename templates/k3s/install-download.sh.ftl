<#--
  Installs the K3s binary on the host from a release mirror, checking its sha256 against the
  release's checksum file, as install.sh does (k3s-facts §11: sha256sum-<arch>.txt, the line
  ending in " k3s<suffix>"). Run with sh on the host; idempotent: an identical binary is kept.
  Prints "k3j: changed" when it installed something.
  Model: mirror (base URL, no trailing slash), version, arch (amd64 | arm64 | arm | s390x)
  Every value goes in through sh() (one single-quoted shell word) into a variable first; the script
  then uses only its own variables, inside double quotes.
-->
set -eu
arch=${sh(arch)}
version=${sh(version)}
suffix=<#if arch == "amd64">""<#elseif arch == "arm">"-armhf"<#else>"-$arch"</#if>
base=${sh(mirror + "/" + version?url("UTF-8"))}
target=/usr/local/bin/k3s
download=/usr/local/bin/.k3s.download

curl -fsSL --retry 3 -o "$download.sums" "$base/sha256sum-$arch.txt"
expected=$(awk -v name="k3s$suffix" '$2 == name {print $1}' "$download.sums")
rm -f "$download.sums"
if [ -z "$expected" ]; then
    echo "no sha256 for k3s$suffix in $base/sha256sum-$arch.txt" >&2
    exit 1
fi
if [ -x "$target" ] && [ "$(sha256sum "$target" | cut -d' ' -f1)" = "$expected" ]; then
    echo "k3s $version already installed"
    exit 0
fi
curl -fsSL --retry 3 -o "$download" "$base/k3s$suffix"
actual=$(sha256sum "$download" | cut -d' ' -f1)
if [ "$actual" != "$expected" ]; then
    rm -f "$download"
    echo "Download sha256 does not match $expected, got $actual" >&2
    exit 1
fi
chmod 0755 "$download"
mv -f "$download" "$target"
echo "k3s $version installed"
echo "k3j: changed"
