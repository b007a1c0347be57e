<#--
  Read-only, run before any host changes (the upgrade preflight): asks the mirror, from a host that
  is about to download K3s and through the same curl the download takes (install-download.sh.ftl),
  whether the release's checksum file and binary are there. The checksum file (a few hundred bytes)
  is read into a variable, never saved; of the binary only the first byte is asked for.
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
# A GET of its first byte, the download's own method (a mirror's signed redirect may be good for
# GET only); exit 63: the server sends more than the byte asked for (no ranges), curl stops at its
# Content-Length without reading the body, and the binary is there.
answer=$(curl -fsSL --retry 3 -r 0-0 --max-filesize 1 -o /dev/null "$binary_url" 2>&1)
status=$?
if [ "$status" -eq 0 ] || [ "$status" -eq 63 ]; then
    echo "binary ok"
else
    echo "binary failed $(printf '%s\n' "$answer" | tail -n 1)"
fi
