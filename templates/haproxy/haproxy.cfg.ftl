<#--
  /etc/haproxy/haproxy.cfg on each load-balancer host: the fixed registration address in front
  of the K3s servers, as a layer-4 (TCP) proxy, so TLS stays end to end with the servers' certificates.
  Model: cluster, port (6443), bind (address to listen on, "*" for all), backend (the servers'), servers[{name, address}]
  Health check: /readyz over TLS without credentials. K3s' supervisor answers every apiserver path
  503 "apiserver not ready" until its apiserver serves (pkg/server/handlers/handlers.go APIServer),
  then the apiserver answers 401, as K3s runs it with anonymous-auth=false (pkg/daemons/control/server.go;
  k3s-io/k3s#3576); 200 where an operator let anonymous callers ask /readyz (--authentication-config,
  k3s-io/k3s#12245), 500 then while not ready. /ping answers "pong" through the whole start-up, so it
  kept a starting server in rotation. docs/upgrade.md says what a client still sees.
  Every value goes in through word(): haproxy.cfg splits on spaces and reads # and quotes.
  The stats socket is the runtime API apply drains a server through before it restarts (apply/HaproxyRuntime):
  root only (mode 600, made by HAProxy as root before it drops to haproxy), in /run/haproxy, which
  Debian's package makes (its tmpfiles.d/haproxy.conf). A reload starts from this file again, so no
  server stays drained across one.
-->
# Managed by k3j-install for cluster ${word(cluster)}: the next apply overwrites changes made here.
global
    log /dev/log local0
    # No maxconn: HAProxy sizes it from the open-file limit it can raise itself to.
    user haproxy
    group haproxy
    # The runtime API, root only: apply takes a server out (drain) here before it restarts it.
    stats socket /run/haproxy/k3j-admin.sock mode 600 level admin
    daemon

defaults
    log global
    mode tcp
    option tcplog
    option dontlognull
    timeout connect 5s
    timeout client 1h
    timeout server 1h
    # A check's read; its connect is bounded by inter. Longer than inter, for a loaded host's TLS handshake.
    timeout check 3s
    # A connection a server refuses (stopped, restarting) is tried again on another one: the client never sees it.
    retries 3
    option redispatch 1

frontend k3s-api
    bind ${word(bind)}:${port}
    default_backend ${word(backend)}

backend ${word(backend)}
    balance roundrobin
    option httpchk GET /readyz
    http-check expect rstatus ^(200|401)$
    # Out after two failed checks 0.5 s apart, or at once when a client's connection is refused
    # (observe layer4); back after two good ones; its sessions closed when it goes out, so clients
    # reconnect to a server that serves.
    default-server check check-ssl verify none inter 1s fastinter 500ms downinter 1s fall 2 rise 2 observe layer4 error-limit 1 on-error mark-down on-marked-down shutdown-sessions
<#list servers as server>
    server ${word(server.name)} ${word(server.address)}:${port}
</#list>
