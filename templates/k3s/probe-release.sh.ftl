<#--
  Read-only, run before any host changes (the upgrade preflight): asks the mirror, from a host that
  is about to download K3s and through the same curl the download takes (install-download.sh.ftl),
  whether the release's checksum file and binary are there. The checksum file (a few hundred bytes)
  is read into a variable, never saved; the binary is asked for with HEAD only.
  Prints two lines, one per file:
    sums listed | sums unlisted | sums failed <curl's message>
    binary ok | binary failed <curl's message>
  Model: sumsUrl, binaryUrl (made by ReleaseUrls), binaryName (k3s, k3s-arm64, k3s-armhf...)
  Every value goes in through sh() into a variable first, then only "$var" is used.
-->
set -u
sums_url=${sh(sumsUrl)}
binary_url=${sh(binaryUrl)}
name=${sh(binaryName)}

if sums=$(curl -fsSL --retry 3 "$sums_url" 2>&1); then
    if printf '%s\n' "$sums" | awk -v name="$name" '$2 == name {found = 1} END {exit !found}'; then
        echo "sums listed"
    else
        echo "sums unlisted"
    fi
else
    echo "sums failed $(printf '%s\n' "$sums" | tail -n 1)"
fi
if answer=$(curl -fsSIL --retry 3 -o /dev/null "$binary_url" 2>&1); then
    echo "binary ok"
else
    echo "binary failed $(printf '%s\n' "$answer" | tail -n 1)"
fi
