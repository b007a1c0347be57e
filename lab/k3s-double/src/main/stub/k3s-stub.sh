#!/bin/sh
# The K3s double: a Java program appended to this script (see docs/k3s-double.md). exec keeps the
# process id, so systemd's main PID is the Java process itself (Type=notify needs that). Called
# through the kubectl link, it is "k3s kubectl", as the real multi-call binary does.
case "${0##*/}" in
  kubectl) exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xmx128m -jar "$0" kubectl "$@" ;;
esac
exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xmx256m -jar "$0" "$@"
