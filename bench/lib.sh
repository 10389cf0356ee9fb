# Shared by the bench scripts (sourced).

# Waits (at most 180 s) until the machine is quiet: the previous run leaves work behind (the ledger stream to
# Kafka and its indexing in Elasticsearch), which would otherwise be measured as part of the next run.
quiesce() {
  local i idle total prev_idle prev_total
  read -r _ a b c idle_ rest < /proc/stat; prev_idle=$idle_; prev_total=$((a + b + c + idle_))
  for i in $(seq 1 90); do
    sleep 2
    read -r _ a b c idle_ rest < /proc/stat; idle=$idle_; total=$((a + b + c + idle_))
    if [ $(( (idle - prev_idle) * 100 / (total - prev_total + 1) )) -ge 85 ]; then return 0; fi
    prev_idle=$idle; prev_total=$total
  done
}
