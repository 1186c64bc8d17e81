#!/usr/bin/env bash
# Can Gatling hold N sockets on this machine? Runs SocketHoldSimulation (connect, hello, a ping every 5 s, all
# sockets open together for HOLD seconds) against the bare EchoServer, once per N, and prints per N: Gatling's
# heap after a full GC with every socket open, its peak RSS, its CPU seconds, the established sockets by source
# address, the requests OK/KO from Gatling's own stats, and the load average; requests.md has Gatling's per-request
# percentiles, and <N>/*/index.html each run's Gatling report.
#   load-tests/gatling-socket-hold.sh [holdSeconds=60] [N...=2000 5000 10000]
# Needs: mvn -B -q -pl load-tests -am package -DskipTests. Output: load-tests/target/socket-hold/<UTC time>/.
set -euo pipefail
cd "$(dirname "$0")/.."
HOLD=${1:-60}; shift || true
USERS=("$@"); [ ${#USERS[@]} -eq 0 ] && USERS=(2000 5000 10000)
ulimit -n "$(ulimit -Hn)"
OUT="load-tests/target/socket-hold/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
# The JVM options Gatling's own launchers use (its log writer reads String internals).
GATLING_JVM="--add-opens=java.base/java.lang=ALL-UNNAMED -XX:MaxInlineLevel=20 -XX:MaxTrivialSize=12"
CP="load-tests/target/load-tests-0.1.0-SNAPSHOT.jar:load-tests/target/lib/*"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
java -Xmx1g -cp "$CP" cn.examcore.load.EchoServer "$PORT" > "$OUT/echo.log" 2>&1 &
ECHO=$!
trap 'kill $ECHO 2>/dev/null || true' EXIT
until grep -q listening "$OUT/echo.log"; do sleep 0.2; done
# One source address per 4,000 sockets, so the spread (localAddresses) is exercised even at 5,000.
{
  echo "date: $(date -u); machine: $(nproc) cores, $(uname -sr); ulimit -n $(ulimit -n)"
  echo "command: load-tests/gatling-socket-hold.sh $HOLD ${USERS[*]}"
  printf '%-7s %-9s %-12s %-10s %-9s %-10s %-8s %-8s %-16s %s\n' users ramp_s heap_gc_MB rss_MB cpu_s \
    sockets ok ko loadavg_1_5_15 by_source_address
} > "$OUT/summary.txt"
for N in "${USERS[@]}"; do
  RAMP=$(( N / 200 > 10 ? N / 200 : 10 ))  # 200 new sockets per second
  SOURCES=$(( (N + 3999) / 4000 ))
  ADDRS=$(seq -s, -f '127.0.0.%g' 2 $(( SOURCES + 1 )))
  RUN="$OUT/$N"
  mkdir -p "$RUN"
  java -Xmx2g -Xms2g -XX:+UseG1GC $GATLING_JVM -Dgatling.enableAnalytics=false -DbaseUrl="http://127.0.0.1:$PORT" \
    -DlocalAddresses="$ADDRS" -Dusers="$N" -DrampSeconds="$RAMP" -DholdSeconds="$HOLD" -DpingSeconds=5 \
    -cp "$CP" io.gatling.app.Gatling -s cn.examcore.load.gatling.SocketHoldSimulation -rf "$RUN" \
    > "$RUN/gatling.log" 2>&1 &
  G=$!
  RSS=0
  # Sample while it runs; in the middle of the hold (all sockets open), a full GC and the heap and socket counts.
  # Once every socket is open (or at the latest when the hold is two-thirds over), one full GC, then the heap after
  # it, the established sockets by source address and the load average.
  T0=; MEASURED=0; CPU=0
  while kill -0 $G 2>/dev/null; do
    # The hold's clock starts with the simulation, not with the JVM.
    [ -z "$T0" ] && grep -q "started" "$RUN/gatling.log" && T0=$(date +%s)
    r=$(awk '/VmRSS/ {print int($2 / 1024)}' /proc/$G/status 2>/dev/null || echo 0)
    [ "${r:-0}" -gt "$RSS" ] && RSS=$r
    CPU=$(awk '{print ($14 + $15) / 100}' /proc/$G/stat 2>/dev/null || echo "$CPU")
    if [ -n "$T0" ] && [ $MEASURED = 0 ] && [ $(( $(date +%s) - T0 )) -ge "$RAMP" ]; then
      ss -Htn state established "( dport = :$PORT )" > "$RUN/sockets.txt" || true
      SOCKETS=$(wc -l < "$RUN/sockets.txt")
      if [ "$SOCKETS" -ge "$N" ] || [ $(( $(date +%s) - T0 )) -ge $(( RAMP + HOLD * 2 / 3 )) ]; then
        jcmd $G GC.run > /dev/null 2>&1 || true
        HEAP=$(jcmd $G GC.heap_info 2>/dev/null | sed -n 's/.*used \([0-9]*\)K.*/\1/p' | head -1 || true)
        HEAP=$(( ${HEAP:-0} / 1024 ))
        BY=$(sed 's/::ffff://g; s/\[//g; s/\]//g' "$RUN/sockets.txt" | awk '{n = split($3, a, ":"); print a[1]}' \
          | sort | uniq -c | awk '{printf "%s=%s ", $2, $1}')
        LOAD=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' /)
        MEASURED=1
      fi
    fi
    sleep 1
  done
  wait $G && RC=0 || RC=$?
  # Gatling's own closing statistics: "> request count | total | OK | KO".
  OK=$(awk -F'|' '/> request count/ {gsub(/[ ,]/, "", $3); print $3}' "$RUN/gatling.log" | tail -1)
  KO=$(awk -F'|' '/> request count/ {gsub(/[ ,]/, "", $4); print $4}' "$RUN/gatling.log" | tail -1)
  printf '%-7s %-9s %-12s %-10s %-9s %-10s %-8s %-8s %-16s %s(exit %s)\n' "$N" "$RAMP" "${HEAP:-?}" "$RSS" "$CPU" \
    "${SOCKETS:-?}" "$OK" "$KO" "${LOAD:-?}" "${BY:-}" "$RC" | tee -a "$OUT/summary.txt"
  REPORT=$(dirname "$(ls "$RUN"/*/index.html 2>/dev/null | head -1)" || true)
  [ -n "$REPORT" ] && { echo "$N sockets:"; java -cp "$CP" cn.examcore.load.gatling.GatlingStats "$REPORT"; } \
    >> "$OUT/requests.md" || true
done
cat "$OUT/summary.txt" "$OUT/requests.md"
