<#--
  /etc/etcd/k3j-etcd.conf.yml: an etcd member of the cluster's datastore, alone or one of several.
  Model: cluster, name, address (the host's IP, listened on), clientPort, peerUrl (advertised),
         listenPeerUrl, members[{name, peerUrl}] (for initial-cluster), initialClusterState (new or existing), clustered, dataDir,
         tls (boolean), certFile?, keyFile?, caFile?
  With TLS, clients must present a certificate signed by caFile (client-cert-auth), and so must
  peers: the members share the hosts' certificate, which is for serverAuth and clientAuth.
  initial-cluster and its state are read only when the data folder is empty (etcd's
  configuration docs): a member that ran keeps the cluster it joined, and k3j-install keeps them
  as its first start had them. A member joining a running cluster has "existing" and the members
  once it joined.
  Values go in through q() (YAML strings) or word() (inside the URLs and comments).
-->
# Managed by k3j-install for cluster ${word(cluster)}: the next apply overwrites changes made here.
name: ${q(name)}
data-dir: ${word(dataDir)}
listen-client-urls: ${tls?then("https", "http")}://${word(address)}:${clientPort},http://127.0.0.1:${clientPort}
advertise-client-urls: ${tls?then("https", "http")}://${word(address)}:${clientPort}
listen-peer-urls: ${word(listenPeerUrl)}
initial-advertise-peer-urls: ${word(peerUrl)}
initial-cluster: <#list members as member>${word(member.name)}=${word(member.peerUrl)}<#sep>,</#sep></#list>
initial-cluster-state: ${word(initialClusterState)}
<#if clustered>
initial-cluster-token: ${q(cluster)}
</#if>
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
<#if tls && clustered>
peer-transport-security:
  cert-file: ${q(certFile)}
  key-file: ${q(keyFile)}
  trusted-ca-file: ${q(caFile)}
  client-cert-auth: true
</#if>
