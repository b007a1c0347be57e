<#--
  /etc/rancher/k3s/config.yaml.d/50-k3j-node.yaml: the node's labels and taints, as a K3s config
  drop-in (loaded after config.yaml, pkg/configfilearg/parser.go). Model: cluster, node{labels[], taints[]}
  K3s registers a node with node-taint only when it first registers, and merges node-label in at
  each start without removing any (docs.k3s.io cli/agent); apply keeps both through the API, so a
  change here restarts nothing. The file gives a node that registers anew the inventory's.
-->
# Managed by k3j-install for cluster ${word(cluster)}: the next apply overwrites changes made here.
# Read by K3s when the node registers; apply sets changes through the API (kubectl label/taint).
<#if node.labels?has_content>
node-label:
<#list node.labels as label>
  - ${q(label)}
</#list>
</#if>
<#if node.taints?has_content>
node-taint:
<#list node.taints as taint>
  - ${q(taint)}
</#list>
</#if>
