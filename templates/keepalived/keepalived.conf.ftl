<#--
  /etc/keepalived/keepalived.conf on each load-balancer host when the inventory asks for a VIP:
  the virtual IP follows a host whose HAProxy is alive.
  Model: cluster, vip, interface, routerId (1-255, from the cluster name), priority (first host highest),
         state (MASTER for the first host, BACKUP for the rest), authPass (8 chars, secret), peers[] (unicast)
  Every value goes in through word(): keepalived.conf splits on spaces and reads braces, # and !,
  and a line of its own could add a script run as root.
-->
# Managed by k3j-install for cluster ${word(cluster)}: the next apply overwrites changes made here.
global_defs {
    enable_script_security
    script_user root
}

vrrp_script haproxy_alive {
    script "/bin/systemctl is-active --quiet haproxy"
    interval 2
    fall 2
    rise 2
}

vrrp_instance k3s_api {
    state ${word(state)}
    interface ${word(interface)}
    virtual_router_id ${routerId}
    priority ${priority}
    advert_int 1
    authentication {
        auth_type PASS
        auth_pass ${word(authPass)}
    }
<#if peers?has_content>
    unicast_peer {
<#list peers as peer>
        ${word(peer)}
</#list>
    }
</#if>
    virtual_ipaddress {
        ${word(vip)}
    }
    track_script {
        haproxy_alive
    }
}
