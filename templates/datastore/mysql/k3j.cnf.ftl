<#--
  /etc/mysql/mariadb.conf.d/60-k3j.cnf: listen where the K3s servers can reach MariaDB/MySQL.
  Model: cluster, bindAddress, port, tls (boolean), caFile?, certFile?, keyFile?
  Values go in through word(): my.cnf has no quoting k3j-install relies on.
-->
# Managed by k3j-install for cluster ${word(cluster)}: the next apply overwrites changes made here.
[mysqld]
bind-address = ${word(bindAddress)}
port = ${port}
<#if tls>
ssl-ca = ${word(caFile)}
ssl-cert = ${word(certFile)}
ssl-key = ${word(keyFile)}
require-secure-transport = ON
</#if>
