<#--
  /etc/systemd/system/k3j-etcd.service: etcd with the rendered config (Debian's etcd.service is
  left disabled). Type=notify: etcd tells systemd when it serves.
  Model: cluster
  Values go in through word(): systemd reads % and $ in a unit as specifiers and variables.
-->
[Unit]
Description=etcd datastore for K3s cluster ${word(cluster)} (managed by k3j-install)
Documentation=https://etcd.io/docs/
Wants=network-online.target
After=network-online.target

[Service]
Type=notify
User=etcd
ExecStart=/usr/bin/etcd --config-file /etc/etcd/k3j-etcd.conf.yml
Restart=on-failure
RestartSec=5s
LimitNOFILE=65536

[Install]
WantedBy=multi-user.target
