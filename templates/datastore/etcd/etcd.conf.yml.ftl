<#--
  /etc/etcd/k3j-etcd.conf.yml: a single etcd member for the cluster's datastore.
  Model: cluster, name, address (the host's address the servers use), clientPort, peerUrl, dataDir,
         tls (boolean), certFile?, keyFile?, caFile?
  With TLS, clients must present a certificate signed by caFile (client-cert-auth).
  Values go in through q() (YAML strings) or word() (inside the URLs and comments).
-->
# Managed by k3j-install for cluster ${word(cluster)}: the next apply overwrites changes made here.
name: ${q(name)}
data-dir: ${word(dataDir)}
listen-client-urls: ${tls?then("https", "http")}://${word(address)}:${clientPort},http://127.0.0.1:${clientPort}
advertise-client-urls: ${tls?then("https", "http")}://${word(address)}:${clientPort}
listen-peer-urls: ${word(peerUrl)}
initial-advertise-peer-urls: ${word(peerUrl)}
initial-cluster: ${word(name)}=${word(peerUrl)}
initial-cluster-state: new
# etcd's JSON gateway (/v3/...), on by default with flags but off with a config file (etcd 3.4):
# curl can then check the member, and the lab's K3s double uses it as its client.
enable-grpc-gateway: true
<#if tls>
client-transport-security:
  cert-file: ${q(certFile)}
  key-file: ${q(keyFile)}
  trusted-ca-file: ${q(caFile)}
  client-cert-auth: true
</#if>
