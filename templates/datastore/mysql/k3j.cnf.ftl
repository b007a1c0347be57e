<#--
  /etc/mysql/mariadb.conf.d/60-k3j.cnf: listen where the K3s servers can reach MariaDB/MySQL.
  Model: cluster, bindAddress, port, tls (boolean), caFile?, certFile?, keyFile?
-->
# Managed by k3j-install for cluster ${cluster}: the next apply overwrites changes made here.
[mysqld]
bind-address = ${bindAddress}
port = ${port}
<#if tls>
ssl-ca = ${caFile}
ssl-cert = ${certFile}
ssl-key = ${keyFile}
require-secure-transport = ON
</#if>
