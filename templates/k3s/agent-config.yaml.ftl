<#--
  /etc/rancher/k3s/config.yaml of a K3s agent (mode 0600: it holds the token).
  Model: cluster, server (https URL of the fixed registration address), token, node{name?, ip?}, extra{}
  Agents register through the fixed registration address (docs datastore/ha.md) with the agent
  token in its CA-pinning form (K10<ca-hash>::node:<agent password>, the servers' server/agent-token),
  never the server token: that one would let whoever reads this file join a server.
  The node's labels and taints are in config.yaml.d/50-k3j-node.yaml (node-config.yaml.ftl).
-->
# Managed by k3j-install for cluster ${word(cluster)}: the next apply overwrites changes made here.
server: ${q(server)}
token: ${q(token)}
<#if node.name??>
node-name: ${q(node.name)}
</#if>
<#if node.ip??>
node-ip: ${q(node.ip)}
</#if>
<#if extra?has_content>
# agentConfig from the inventory, as given:
${yaml(extra)?trim}
</#if>
