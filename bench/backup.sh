#!/usr/bin/env bash
# Backup and restore against the datastore's size, on the lab: 3 servers and 2 workers installed
# by apply on a provisioned datastore (ha-postgres), kine's data filled to 10,000 then 100,000
# rows of the bench's own (keys under /registry/configmaps/bench/, which nothing in the cluster
# lists), and at each size one `backup` and one `restore --stop-servers --yes` of it. It prints
# the rows, the datastore's size, the backup's wall time and size (the files, as the backup event
# counts them) and the restore's wall time: stop the servers, load the dump, start the servers
# one at a time, until every node is Ready again (restore waits for that itself).
#
# Each row is a create as kine writes one (k3s-io/kine pkg/drivers/generic/generic.go, Insert and
# Migrate: created 1, deleted 0, create_revision 0, prev_revision 0, lease 0), its value 3,072
# bytes of hex text, distinct per row: a ConfigMap of a few KB (zlib in pg_dump takes it to about
# 2 KB, PostgreSQL's TOAST not at all). The rows go straight into the datastore on its host: one
# INSERT ... SELECT in PostgreSQL and MariaDB, `etcdctl txn` batches of 100 puts for etcd (under
# etcd's default --max-txn-ops, 128). The restore brings back the
# rows the backup holds, which are the rows there were, so the next size adds only the difference.
#
# usage: bench/backup.sh [postgres|mysql|etcd [ROWS...]]   (default postgres, 10000 and 100000
# rows, in rising order; needs root and a free lab; KEEP=1 keeps its work folder: the inventory,
# run logs, the backups). Figures: docs/operations.md, Backup and restore: time and size.
set -euo pipefail
cd "$(dirname "$0")/.."
type=${1:-postgres}
shift || true
sizes=("${@:-10000 100000}")
read -r -a sizes <<<"${sizes[*]}"
prefix=/registry/configmaps/bench/cm-
value_bytes=3072

. bench/lib.sh
case $type in
  postgres|mysql|etcd) ;;
  *) die "no datastore type '$type'; use postgres, mysql or etcd" ;;
esac
bench_start backup jq

on_db() { lab/lab exec db1 "$@"; }
psql_k3s() { on_db runuser -u postgres -- psql --dbname=k3s --no-psqlrc -v ON_ERROR_STOP=1 -qAt "$@"; }
mysql_k3s() { on_db mysql --user=root --database=k3s -NB "$@"; }
etcdctl_local() { on_db env ETCDCTL_API=3 etcdctl --endpoints=http://127.0.0.1:2379 "$@"; }

# The etcd fill, run on db1 with from, to, prefix, value bytes: random hex values, each batch of
# 100 puts one etcdctl txn read from standard input (no compares, the puts, no failure ops).
etcd_fill='set -e
batches=$(mktemp -d)
trap "rm -rf $batches" EXIT
head -c $(( ($2 - $1 + 1) * $4 / 2 )) /dev/urandom | od -An -v -tx1 | tr -d " \n" | fold -w "$4" \
  | awk -v from="$1" -v prefix="$3" "{print \"put \" prefix (from + NR - 1) \" \" \$0}" | split -a 4 -l 100 - "$batches/"
for batch in "$batches"/*; do
  { echo; cat "$batch"; echo; echo; } | ETCDCTL_API=3 etcdctl --endpoints=http://127.0.0.1:2379 txn >/dev/null
done'

# Rows $1..$2 of the bench's keys into the datastore on db1.
fill() {
  local from=$1 to=$2
  case $type in
    postgres)
      psql_k3s -c "INSERT INTO kine (name, created, deleted, create_revision, prev_revision, lease, value, old_value)
        SELECT '$prefix' || n, 1, 0, 0, 0, 0,
          convert_to((SELECT string_agg(md5(n || '/' || piece), '') FROM generate_series(1, $((value_bytes / 32))) piece), 'UTF8'), NULL
        FROM generate_series($from, $to) n" ;;
    mysql)
      # SHA2-512 is 128 hex digits: the value is that many of them, one per piece, in one CONCAT.
      local pieces; pieces=$(seq -s, -f "SHA2(CONCAT(seq, '/%g'), 512)" 1 $((value_bytes / 128)))
      mysql_k3s -e "INSERT INTO kine (name, created, deleted, create_revision, prev_revision, lease, value, old_value)
        SELECT CONCAT('$prefix', seq), 1, 0, 0, 0, 0, CONCAT($pieces), NULL FROM seq_${from}_to_${to}" ;;
    etcd) on_db sh -c "$etcd_fill" sh "$from" "$to" "$prefix" "$value_bytes" ;;
  esac
}

# Rows the datastore holds under a key prefix (all: the cluster's own and the bench's), and its
# size on disk in bytes.
rows() {
  case $type in
    postgres) psql_k3s -c "SELECT count(*) FROM kine WHERE name LIKE '${1:-}%'" ;;
    mysql) mysql_k3s -e "SELECT count(*) FROM kine WHERE name LIKE '${1:-}%'" ;;
    # A range's count is of every key it matches, whatever its limit (etcd 3.4's etcdctl has no --count-only).
    etcd) etcdctl_local get "${1:-/}" --prefix --keys-only --limit=1 -w json | jq -r '.count' ;;
  esac
}
datastore_bytes() {
  case $type in
    postgres) psql_k3s -c "SELECT pg_database_size('k3s')" ;;
    # The database's folder on disk: information_schema's sizes are InnoDB's statistics, stale after a bulk insert.
    mysql) on_db du -sb /var/lib/mysql/k3s | cut -f1 ;;
    etcd) etcdctl_local endpoint status -w json | jq -r '.[0].Status.dbSize' ;;
  esac
}

mb() { awk -v bytes="$1" 'BEGIN {printf "%.1f", bytes / 1000000}'; }
seconds() { awk -v ms="$1" 'BEGIN {printf "%.1f", ms / 1000}'; }

up_when_free ha-postgres
lab/inventory bench | sed "s/type: postgres/type: $type/" >"$work/inventory.yaml"
./k3j-install apply "$work/inventory.yaml" --log-file="$work/apply.log" --kubeconfig="$work/kubeconfig" >"$work/apply.out" 2>&1 \
  || die "the install on $type failed: $(tail -n 3 "$work/apply.out") (KEEP=1 keeps $work/apply.log)"

filled=0
for size in "${sizes[@]}"; do
  fill $((filled + 1)) "$size" || die "filling the $type datastore on db1 with rows $((filled + 1)) to $size failed"
  filled=$size
  ours=$(rows "$prefix") || die "counting the bench's rows in the $type datastore on db1 failed"
  [[ $ours == "$size" ]] || die "the $type datastore holds $ours rows of the bench's where $size were put"
  all=$(rows) || die "counting the $type datastore's rows on db1 failed"
  bytes=$(datastore_bytes) || die "reading the $type datastore's size on db1 failed"

  start=$(millis)
  ./k3j-install backup "$work/inventory.yaml" -o "$work/backups" --output=json >"$work/backup-$size.json" 2>"$work/backup-$size.err" \
    || die "the backup at $size rows failed: $(tail -n 3 "$work/backup-$size.err")"
  backup_ms=$(( $(millis) - start ))
  folder=$(jq -r 'select(.event == "backup") | .path' "$work/backup-$size.json")
  backup_bytes=$(jq -r 'select(.event == "backup") | .bytes' "$work/backup-$size.json")
  [[ -d $folder ]] || die "the backup at $size rows named no folder: $(head -c 300 "$work/backup-$size.json")"

  start=$(millis)
  ./k3j-install restore "$work/inventory.yaml" "$folder" --stop-servers --yes >"$work/restore-$size.out" 2>&1 \
    || die "the restore at $size rows failed: $(tail -n 3 "$work/restore-$size.out")"
  restore_ms=$(( $(millis) - start ))
  ours=$(rows "$prefix") || die "counting the bench's rows on db1 after the restore failed"
  [[ $ours == "$size" ]] || die "the restore at $size rows brought back $ours rows of the bench's"

  printf 'backup  %-8s  kine rows %6d (+%d of the cluster)   datastore %6s MB   backup %5s s, %6s MB   restore %5s s\n' \
    "$type" "$size" $((all - size)) "$(mb "$bytes")" "$(seconds "$backup_ms")" "$(mb "$backup_bytes")" "$(seconds "$restore_ms")"
done
