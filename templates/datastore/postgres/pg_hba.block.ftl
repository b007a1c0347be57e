<#--
  The block k3j-install keeps in pg_hba.conf (between its BEGIN/END markers; the rest of the
  file is left alone): the K3s servers, and only they, may reach the cluster's database.
  Model: cluster, database, user, tls (boolean), clients[] (server addresses, each a /32 or /128)
  With TLS, only over TLS and with a client certificate whose CN is the user (clientcert=verify-full).
  Every value goes in through word(): pg_hba.conf has no quoting k3j-install relies on.
-->
# BEGIN k3j-install ${word(cluster)}
<#list clients as client>
${tls?then("hostssl", "host")}    ${word(database)}    ${word(user)}    ${word(client)}    scram-sha-256<#if tls> clientcert=verify-full</#if>
</#list>
# END k3j-install ${word(cluster)}
