#!/usr/bin/env bash
# CPU seconds per component of the local run (order-service, consumers, PostgreSQL, broker,
# load generator) over a window, from /proc/<pid>/stat: where the cores go under load.
# Usage: cpu-split.sh SECONDS  -> CPU seconds used per component during the window
snap() {
  for p in /proc/[0-9]*; do
    pid=${p#/proc/}
    [[ -r $p/stat ]] || continue
    cmd=$(tr '\0' ' ' < $p/cmdline 2>/dev/null)
    case "$cmd" in
      # A service runs from its module's jar, <module>/target/<module>-<version>.jar.
      *"-jar "*/target/*.jar*) n=$(sed -E 's#.*-jar [^ ]*/target/([a-z0-9-]+)-[0-9][^ ]*\.jar.*#\1#' <<<"$cmd");;
      postgres*|*bin/postgres*) n=postgresql;;
      *KafkaBrokerMain*|*kafka.Kafka*) n=kafka-broker;;
      *dev.orderpipeline.localrun.LocalRun*) n=local-run+greenmail;;
      *benchmarks/target*|*dev.orderpipeline.bench*) n=load-generator;;
      *) n=other;;
    esac
    read -r -a f < <(sed 's/.*) //' $p/stat 2>/dev/null) || continue
    echo "$n ${f[11]} ${f[12]}"
  done | awk '{a[$1]+=$2+$3} END {for (k in a) print k, a[k]}'
}
snap > /tmp/cpu-a; sleep "$1"; snap > /tmp/cpu-b
hz=$(getconf CLK_TCK)
join <(sort /tmp/cpu-a) <(sort /tmp/cpu-b) -a2 -e0 -o 0,1.2,2.2 | awk -v hz=$hz -v s=$1 '{d=($3-$2)/hz; t+=d; r[$1]=d} END {for (k in r) printf "%-22s %7.1f cpu-s  %5.1f%% of 2 cores\n", k, r[k], 100*r[k]/(2*s); printf "%-22s %7.1f cpu-s  %5.1f%%\n","total",t,100*t/(2*s)}' | sort -k2 -rn
