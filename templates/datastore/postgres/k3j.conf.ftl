<#--
  /etc/postgresql/<major>/main/conf.d/k3j.conf (Debian's postgresql.conf includes conf.d/):
  listen where the K3s servers can reach it.
  Model: cluster, listenAddresses[], port, tls (boolean), certFile?, keyFile?, caFile? (the CA client certificates must chain to)
  Values go in through word() (comments, addresses; quoted strings here hold only such words).
-->
# Managed by k3j-install for cluster ${word(cluster)}: the next apply overwrites changes made here.
listen_addresses = '<#list listenAddresses as address>${word(address)}<#sep>,</#list>'
port = ${port}
password_encryption = 'scram-sha-256'
<#if tls>
ssl = on
ssl_cert_file = '${word(certFile)}'
ssl_key_file = '${word(keyFile)}'
ssl_ca_file = '${word(caFile)}'
</#if>
