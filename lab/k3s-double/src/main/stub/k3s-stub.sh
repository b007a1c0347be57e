#!/bin/sh
# The K3s double: a Java program appended to this script (see docs/k3s-double.md). exec keeps the
# process id, so systemd's main PID is the Java process itself (Type=notify needs that). The build
# writes one launcher per release, its version in the java line at the end: the one jar then is
# that release wherever K3s reports its version (io.k3j.k3sdouble.Version).
#
# kubectl is a real one: K3s embeds kubectl, the double hands "k3s kubectl" (and the kubectl
# link, as the multi-call binary does by its name) to the host's kubectl (Debian's
# kubernetes-client), with K3s' kubeconfig choice (pkg/kubectl/main.go Main): --kubeconfig or
# KUBECONFIG as given; else /etc/rancher/k3s/k3s.yaml if it exists (pkg/server HomeKubeConfig),
# else ~/.kube/k3s.yaml if that exists; a kubeconfig that cannot be read is warned about.
KUBECTL=${K3S_DOUBLE_KUBECTL:-/usr/bin/kubectl}

kubectl_main() {
  kubeconfig=${KUBECONFIG:-}
  previous=
  for arg in "$@"; do
    case $previous in --kubeconfig) kubeconfig=$arg ;; esac
    case $arg in --kubeconfig=*) kubeconfig=${arg#--kubeconfig=} ;; esac
    previous=$arg
  done
  if [ -z "$kubeconfig" ]; then
    config=/etc/rancher/k3s/k3s.yaml
    [ -e "$config" ] || config=$HOME/.kube/k3s.yaml
    [ -e "$config" ] && export KUBECONFIG="$config"
    if [ -e "$config" ] && [ ! -r "$config" ]; then
      echo "time=\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\" level=warning msg=\"Unable to read $config, please start server with --write-kubeconfig-mode or --write-kubeconfig-group to modify kube config permissions\"" >&2
    fi
  fi
  if [ ! -x "$KUBECTL" ]; then
    echo "k3s kubectl: the K3s double runs the host's kubectl, and $KUBECTL is missing: apt-get install kubernetes-client" >&2
    exit 1
  fi
  exec "$KUBECTL" "$@"
}

case "${0##*/}" in
  kubectl) kubectl_main "$@" ;;
esac
case "${1:-}" in
  kubectl) shift; kubectl_main "$@" ;;
  # The jar's own --version text for this release, written in by the build (io.k3j.k3sdouble.Version).
  --version|-v|version)
    cat <<'VERSION'
@K3S_VERSION_TEXT@
VERSION
    exit 0 ;;
esac
exec java -Dk3s.double.release=@K3S_RELEASE@ -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xmx256m -jar "$0" "$@"
