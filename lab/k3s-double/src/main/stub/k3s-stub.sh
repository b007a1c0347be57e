#!/bin/sh
# The K3s double: a Java program appended to this script (see docs/k3s-double.md). exec keeps the
# process id, so systemd's main PID is the Java process itself (Type=notify needs that).
exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xmx256m -jar "$0" "$@"
