#!/usr/bin/env bash
# The full load run: every storm against one node and a 3-node cluster, the ceilings, the report and the plots.
#   load-tests/run-full.sh [seats] [steadySeconds] [steadyRate] [stepSeconds] [nodes...]
# Defaults: 10000 seats, 180 s of steady saves at 2000/s, 30 s per rate step (a stall of a few seconds must not
# decide a step on its own), 1 and 3 nodes.
# Environment: NODE_HEAP_MB (each node's heap, default 2048), NODE_JVM_OPTS (extra JVM options for every node, after
# the defaults -XX:+UseG1GC -XX:G1HeapRegionSize=8m, so they can override them),
# STEP_RATES (the nodes' rate steps, e.g. 250,500,750: the sitting is sized to them, so a run whose top rate is
# known to be low does not wait idle for a deadline sized for all eleven default steps; the ceilings climb all),
# STOP_AFTER=key (end each run after the key storm, without the ceilings and Gatling: check-in and key of two builds
# compared in minutes).
# Output: load-tests/target/full/<UTC time>/ (report.md, figures.json, *.dat series, *.png plots, node logs,
# gatling/*/index.html: the Gatling report of SittingSimulation; GATLING_USERS, GATLING_CHECKIN_RATE and
# GATLING_SAVE_SECONDS size it).
set -euo pipefail
cd "$(dirname "$0")/.."
SEATS=${1:-10000}; STEADY=${2:-180}; RATE=${3:-2000}; STEP=${4:-30}; shift $(( $# < 4 ? $# : 4 )) || true
NODES=("$@"); [ ${#NODES[@]} -eq 0 ] && NODES=(1 3)
# Each seat holds one socket in the generator and one in its node: both processes need more open files than seats
# (about 800 more: jars, the check-in connections, the database's and Hazelcast's files and sockets).
NEED_FILES=$(( SEATS + 800 ))
if [ "$(ulimit -Hn)" != unlimited ] && [ "$(ulimit -Hn)" -lt "$NEED_FILES" ]; then
  ulimit -Hn "$NEED_FILES" 2>/dev/null || { echo "run-full.sh: $SEATS seats need $NEED_FILES open files per process;" \
    "the hard limit is $(ulimit -Hn) and only a process with CAP_SYS_RESOURCE can raise it (ulimit -Hn $NEED_FILES)" >&2
    exit 2; }
fi
ulimit -n "$(ulimit -Hn)"
OUT="load-tests/target/full/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
mvn -B -q -pl load-tests -am package -DskipTests
{
  echo "date: $(date -u)"; echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GB, $(uname -sr)"
  echo "java: $(java -version 2>&1 | head -1)"; echo "ulimit -n: $(ulimit -n)"
  echo "command: NODE_HEAP_MB=${NODE_HEAP_MB:-2048} NODE_JVM_OPTS='${NODE_JVM_OPTS:-}' STEP_RATES='${STEP_RATES:-}' STOP_AFTER='${STOP_AFTER:-}' load-tests/run-full.sh $SEATS $STEADY $RATE $STEP ${NODES[*]}"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/machine.txt"
# Sample the load average every 10 s while the run goes on (the other helpers share the 2 cores).
( while sleep 10; do echo "$(date -u +%T) $(cut -d' ' -f1-3 /proc/loadavg)"; done ) > "$OUT/loadavg.txt" &
SAMPLER=$!
trap 'kill $SAMPLER 2>/dev/null || true' EXIT
java -Xmx2g -cp "load-tests/target/load-tests-0.1.0-SNAPSHOT.jar:load-tests/target/lib/*" cn.examcore.load.FullRun \
  "$SEATS" "$STEADY" "$RATE" "$STEP" "$OUT" exam-server/target/exam-server.jar "${NODES[@]}" | tee "$OUT/run.log"
# The same sitting's request/response storms in Gatling (check-in, seat socket, acked saves, reconnect), one node,
# at most 2,000 seats (GATLING_USERS), each seat saving once a second (so 2,000 seats = 2,000 saves/s) for
# GATLING_SAVE_SECONDS; Gatling's HTML report goes to $OUT/gatling/. Pushes and the open model stay in FullRun.
if [ "${STOP_AFTER:-}" = key ]; then
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
  exit 0
fi
GATLING_USERS=${GATLING_USERS:-$(( SEATS < 2000 ? SEATS : 2000 ))}
java -Xmx2g --add-opens=java.base/java.lang=ALL-UNNAMED -Dgatling.enableAnalytics=false \
  -Dusers="$GATLING_USERS" -DcheckInRate="${GATLING_CHECKIN_RATE:-100}" -DsaveSeconds="${GATLING_SAVE_SECONDS:-60}" \
  -Dexamcore.server.jar=exam-server/target/exam-server.jar -Dexamcore.load.out="$OUT/gatling-node" \
  -cp "load-tests/target/load-tests-0.1.0-SNAPSHOT.jar:load-tests/target/lib/*" io.gatling.app.Gatling \
  -s cn.examcore.load.gatling.SittingSimulation -rf "$OUT/gatling" -rd "$GATLING_USERS seats, 1 node" \
  > "$OUT/gatling.log" 2>&1 && GATLING_RC=0 || GATLING_RC=$?
GATLING_REPORT=$(dirname "$(ls "$OUT"/gatling/*/index.html 2>/dev/null | head -1)" || true)
{
  echo; echo "## Gatling: SittingSimulation, $GATLING_USERS seats, 1 node"; echo
  echo "Gatling's exit code: $GATLING_RC (0: every assertion held, no failed request or check)."
  echo "Report: \`${GATLING_REPORT:-none}/index.html\`."
  echo "Saves are paced per seat (closed loop), so their latency is not the open-model figure above."; echo
  [ -n "$GATLING_REPORT" ] && java -cp "load-tests/target/load-tests-0.1.0-SNAPSHOT.jar:load-tests/target/lib/*" \
    cn.examcore.load.gatling.GatlingStats "$GATLING_REPORT"
} >> "$OUT/report.md" || true
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
if command -v gnuplot >/dev/null; then
  for dir in "$OUT"/*-node; do
    n=$(basename "$dir")
    gnuplot -e "set terminal png size 1000,420; set output '$dir/latency.png'; set title 'save ack latency over time ($n)';
      set xlabel 'second of run'; set ylabel 'ms'; set logscale y;
      plot for [f in system('ls $dir/steady-save.dat $dir/step-*.dat 2>/dev/null')] f using 1:4 with linespoints title 'p99 '.f[strlen('$dir')+2:strlen(f)-4],
           '$dir/steady-save.dat' using 1:3 with lines title 'p50 steady'" || true
    gnuplot -e "set terminal png size 1000,420; set output '$dir/throughput.png'; set title 'acknowledged saves and storms per second ($n)';
      set xlabel 'second of run'; set ylabel 'per second';
      plot for [f in system('ls $dir/checkin-seat.dat $dir/steady-save.dat $dir/step-*.dat $dir/reconnect-resync.dat $dir/deadline-submitted.dat 2>/dev/null')] f using 1:2 with linespoints title f[strlen('$dir')+2:strlen(f)-4]" || true
  done
fi
# Each node's steady-phase profile: the top frame of every CPU sample, and the first frame of ours or of a library
# (examcore, Hazelcast, H2, Vert.x, Netty, Jackson) in it, counted. (sed, not head: head would close the pipe early
# and, under pipefail, stop the script with SIGPIPE.)
for jfr in "$OUT"/*-node/*.jfr; do
  [ -f "$jfr" ] || continue
  jfr print --stack-depth 64 --events jdk.ExecutionSample "$jfr" > "${jfr%.jfr}-samples.txt" || continue
  awk '/stackTrace = \[/ {getline; sub(/^ +/, ""); sub(/ +line:.*/, ""); print}' "${jfr%.jfr}-samples.txt" \
    | sort | uniq -c | sort -rn | sed -n 1,30p > "${jfr%.jfr}-top-frames.txt"
  awk '/stackTrace = \[/ {s=1; f=0; next} s && /^ *\]/ {s=0} s && !f && /cn\.examcore|com\.hazelcast|org\.h2|io\.vertx|io\.netty|com\.fasterxml/ {sub(/^ +/, ""); sub(/ +line:.*/, ""); print; f=1}' \
    "${jfr%.jfr}-samples.txt" | sort | uniq -c | sort -rn | sed -n 1,30p > "${jfr%.jfr}-first-app-frames.txt"
  # Share of CPU samples whose stack holds each of these frames (the figures RESULTS.md quotes).
  for m in AttemptMapStore.storeAll 'org[.]h2[.]' 'com[.]hazelcast[.]' 'cn[.]examcore[.]server[.]ws[.]' 'io[.]netty[.]' ; do
    awk -v m="$m" '/stackTrace = \[/ {s=1; h=0; n++; next} s && /^ *\]/ {s=0; if (h) c++} s && $0 ~ m {h=1}
      END {printf "%-32s %5d of %5d samples (%.0f %%)\n", m, c, n, n ? 100 * c / n : 0}' "${jfr%.jfr}-samples.txt"
  done > "${jfr%.jfr}-shares.txt"
  rm -f "${jfr%.jfr}-samples.txt"
done
echo "report: $OUT/report.md"
