<#--
  /etc/haproxy/haproxy.cfg on each load-balancer host: the fixed registration address in front
  of the K3s servers, as a layer-4 (TCP) proxy, so TLS stays end to end with the servers' certificates.
  Model: cluster, port (6443), bind (address to listen on, "*" for all), servers[{name, address}]
  Health check: the supervisor's unauthenticated /ping over TLS (answers "pong", k3s-facts §5),
  so a server whose process is up but not serving is taken out of rotation.
  Every value goes in through word(): haproxy.cfg splits on spaces and reads # and quotes.
-->
# Managed by k3j-install for cluster ${word(cluster)}: the next apply overwrites changes made here.
global
    log /dev/log local0
    # No maxconn: HAProxy sizes it from the open-file limit it can raise itself to.
    user haproxy
    group haproxy
    daemon

defaults
    log global
    mode tcp
    option tcplog
    option dontlognull
    timeout connect 5s
    timeout client 1h
    timeout server 1h

frontend k3s-api
    bind ${word(bind)}:${port}
    default_backend k3s-servers

backend k3s-servers
    balance roundrobin
    option httpchk GET /ping
    http-check expect string pong
    default-server check check-ssl verify none inter 2s fall 3 rise 2
<#list servers as server>
    server ${word(server.name)} ${word(server.address)}:${port}
</#list>
