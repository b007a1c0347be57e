<#--
  /etc/rancher/k3s/config.yaml of a K3s server (mode 0600: it holds the tokens and the datastore password).
  Model: cluster, token, agentToken, datastore{endpoint, caFile?, certFile?, keyFile?}, tlsSans[], node{name?, ip?}, extra{}
  K3s turns each key into --key=value (pkg/configfilearg/parser.go); lists become repeated flags.
  The node's labels and taints are in config.yaml.d/50-k3j-node.yaml (node-config.yaml.ftl).
-->
# Managed by k3j-install for cluster ${word(cluster)}: the next apply overwrites changes made here.
token: ${q(token)}
<#-- agents join with this one only (K3s then writes server/agent-token as K10<ca-hash>::node:<it>) -->
agent-token: ${q(agentToken)}
datastore-endpoint: ${q(datastore.endpoint)}
<#if datastore.caFile??>
datastore-cafile: ${q(datastore.caFile)}
</#if>
<#if datastore.certFile??>
datastore-certfile: ${q(datastore.certFile)}
</#if>
<#if datastore.keyFile??>
datastore-keyfile: ${q(datastore.keyFile)}
</#if>
tls-san:
<#list tlsSans as san>
  - ${q(san)}
</#list>
<#if node.name??>
node-name: ${q(node.name)}
</#if>
<#if node.ip??>
node-ip: ${q(node.ip)}
</#if>
<#if extra?has_content>
# serverConfig from the inventory, as given:
${yaml(extra)?trim}
</#if>
