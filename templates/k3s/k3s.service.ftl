<#--
  The systemd unit of K3s, as the official install.sh writes it (k3s-facts §11):
  /etc/systemd/system/k3s.service (server) or k3s-agent.service (agent).
  Model: unitName (k3s | k3s-agent), command (server | agent), binary (/usr/local/bin/k3s)
  Values go in through word(): systemd reads % and $ in a unit as specifiers and variables.
  Settings live in /etc/rancher/k3s/config.yaml, never on the command line, so no secret is in
  the process arguments. Type=notify: systemctl start returns once K3s reports READY=1.
-->
[Unit]
Description=Lightweight Kubernetes
Documentation=https://k3s.io
Wants=network-online.target
After=network-online.target

[Install]
WantedBy=multi-user.target

[Service]
Type=notify
EnvironmentFile=-/etc/default/%N
EnvironmentFile=-/etc/sysconfig/%N
EnvironmentFile=-/etc/systemd/system/${word(unitName)}.service.env
KillMode=process
Delegate=yes
User=root
# Having non-zero Limit*s causes performance problems due to accounting overhead
# in the kernel. We recommend using cgroups to do container-local accounting.
LimitNOFILE=1048576
LimitNPROC=infinity
LimitCORE=infinity
TasksMax=infinity
TimeoutStartSec=0
Restart=always
RestartSec=5s
ExecStartPre=-/sbin/modprobe br_netfilter
ExecStartPre=-/sbin/modprobe overlay
ExecStart=${word(binary)} ${word(command)}
