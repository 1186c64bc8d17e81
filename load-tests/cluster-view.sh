#!/usr/bin/env bash
# The cluster view of issue 18, on one box: what a synchronous backup costs per save (CPU of both processes, one
# member against two), and the save's latency over an emulated LAN delay (tc netem) between two members.
#   load-tests/cluster-view.sh [attempts=2000] [answers=100] [warmupSeconds=30] [stepSeconds=20] [inFlight=64]
#                              [rate=1000] [delays=0,0.2,1,5,0]
# CLUSTER_VIEW_REPEAT (default 2): how many times the one-member and the direct two-member runs alternate.
# Needs root for the network namespace (ip netns, ip link, tc); without root (or with CLUSTER_VIEW_LOOPBACK=1) the
# second member runs on loopback. The delay is tc netem's on the veth where the kernel has netem, else DelayProxy's
# (a user-space relay between the members, its own hold time measured and reported).
# It makes one network namespace, one veth pair and one /30 of 10.213.0.0/24, sends traffic only over that pair,
# and removes all of it at the end, on failure too; child processes are stopped by their pid.
# Build first: mvn -B -o -q -P '!pages' -pl load-tests -am package -DskipTests -Dcheckstyle.skip
# Output: load-tests/results/cluster-view-<UTC time>/ (summary.md, results.txt, machine.txt, loadavg.txt; the
# JVMs' logs go to load-tests/target/cluster-view/<UTC time>/).
set -euo pipefail
cd "$(dirname "$0")/.."
ATTEMPTS=${1:-2000}; ANSWERS=${2:-100}; WARMUP=${3:-30}; STEP=${4:-20}; INFLIGHT=${5:-64}; RATE=${6:-1000}
DELAYS=${7:-0,0.2,1,5,0}; REPEAT=${CLUSTER_VIEW_REPEAT:-2}
JAVA_OPTS=(-Xms1g -Xmx1g -XX:+UseG1GC)
CP="load-tests/target/load-tests-0.1.0-SNAPSHOT.jar:load-tests/target/lib/*"
[ -f load-tests/target/load-tests-0.1.0-SNAPSHOT.jar ] || { echo "cluster-view.sh: build load-tests first" >&2; exit 2; }
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="load-tests/results/cluster-view-$STAMP"; LOGS="load-tests/target/cluster-view/$STAMP"
mkdir -p "$OUT" "$LOGS"
NAME="cluster-view-$$"
# Names and addresses of this run: the veth names fit Linux's 15 characters; the /30 is chosen by pid and must be free.
NS="examcore-cv-$$"; HOST_DEV="cvh$$"; NS_DEV="cvn$$"
SUBNET=$(( ($$ % 63) * 4 ))
HOST_IP="10.213.0.$(( SUBNET + 1 ))"; NS_IP="10.213.0.$(( SUBNET + 2 ))"
MEMBER_PID=""; SAMPLER=""; MADE_NS=""

cleanup() {
  local rc=$?
  [ -n "$MEMBER_PID" ] && kill "$MEMBER_PID" 2>/dev/null && wait "$MEMBER_PID" 2>/dev/null || true
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null || true
  if [ -n "$MADE_NS" ]; then
    # Deleting the namespace destroys its veth end and with it the pair (and the netem qdisc on the host end).
    ip netns del "$NS" 2>/dev/null || true
    ip link del "$HOST_DEV" 2>/dev/null || true
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

NETNS=1
if [ "$(id -u)" != 0 ] || [ -n "${CLUSTER_VIEW_LOOPBACK:-}" ] || ! command -v tc >/dev/null; then
  NETNS=""
  echo "cluster-view.sh: no network namespace (not root, tc missing or CLUSTER_VIEW_LOOPBACK): loopback only" >&2
fi

{
  echo "date: $(date -u)"; echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GB, $(uname -sr)"
  echo "java: $(java -version 2>&1 | head -1); each JVM: ${JAVA_OPTS[*]}"
  echo "code: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "command: CLUSTER_VIEW_REPEAT=$REPEAT load-tests/cluster-view.sh $ATTEMPTS $ANSWERS $WARMUP $STEP $INFLIGHT $RATE $DELAYS"
  echo "uptime before: $(uptime)"
} > "$OUT/machine.txt"
cat "$OUT/machine.txt"
( for _ in $(seq 1 360); do sleep 10; echo "$(date -u +%T) $(cut -d' ' -f1-3 /proc/loadavg)"; done ) > "$OUT/loadavg.txt" &
SAMPLER=$!

# Two members: the second in its own network namespace behind a veth pair (or on loopback).
if [ -n "$NETNS" ]; then
  if ip -o addr | grep -q " 10\.213\.0\.$(( SUBNET + 1 ))/\| 10\.213\.0\.$(( SUBNET + 2 ))/"; then
    echo "cluster-view.sh: $HOST_IP or $NS_IP is already in use on this host" >&2; exit 2
  fi
  MADE_NS=1
  ip netns add "$NS"
  ip link add "$HOST_DEV" type veth peer name "$NS_DEV"
  ip link set "$NS_DEV" netns "$NS"
  ip addr add "$HOST_IP/30" dev "$HOST_DEV"; ip link set "$HOST_DEV" up
  ip netns exec "$NS" ip addr add "$NS_IP/30" dev "$NS_DEV"
  ip netns exec "$NS" ip link set "$NS_DEV" up
  ip netns exec "$NS" ip link set lo up
  SELF="$HOST_IP:5701"; PEER="$NS_IP:5701"; P1="$HOST_IP:5703"; P2="$HOST_IP:5702"; LINK=veth
  RUN_IN_NS=(ip netns exec "$NS")
else
  SELF="127.0.0.1:5811"; PEER="127.0.0.1:5812"; P1="127.0.0.1:5813"; P2="127.0.0.1:5814"; LINK=loopback
  RUN_IN_NS=()
fi
MAX_SECONDS=$(( WARMUP + 12 * STEP + 600 ))

# One run of two members: member 2 (in the namespace) with its arguments, then the driver (member 1) with its own.
pair() {
  local label=$1 member_args=$2; shift 2
  echo "== two members, $label"
  # shellcheck disable=SC2086
  "${RUN_IN_NS[@]}" java "${JAVA_OPTS[@]}" -cp "$CP" cn.examcore.load.ClusterSaveCost member name="$NAME-$label" \
    maxSeconds="$MAX_SECONDS" $member_args > "$LOGS/member2-$label.log" 2>&1 &
  MEMBER_PID=$!
  timeout "$MAX_SECONDS" java "${JAVA_OPTS[@]}" -cp "$CP" cn.examcore.load.ClusterSaveCost drive name="$NAME-$label" \
    attempts="$ATTEMPTS" answers="$ANSWERS" warmup="$WARMUP" seconds="$STEP" inFlight="$INFLIGHT" rate="$RATE" \
    out="$OUT/results.txt" "$@" > "$LOGS/driver-$label.log" 2>&1
  grep '^result' "$LOGS/driver-$label.log"
  # The member leaves by itself once the driver has gone; a bounded wait, then it is stopped by its pid.
  for _ in $(seq 1 100); do kill -0 "$MEMBER_PID" 2>/dev/null || break; sleep 0.2; done
  kill "$MEMBER_PID" 2>/dev/null || true; wait "$MEMBER_PID" 2>/dev/null || true; MEMBER_PID=""
}

# One member alone: the save without a backup (SaveCost's figure, its CPU read the same way as the two members').
one() {
  echo "== one member ($1)"
  timeout $(( WARMUP + 3 * STEP + 300 )) java "${JAVA_OPTS[@]}" -cp "$CP" cn.examcore.load.ClusterSaveCost drive \
    name="$NAME-one$1" self=127.0.0.1:5801 attempts="$ATTEMPTS" answers="$ANSWERS" warmup="$WARMUP" seconds="$STEP" \
    inFlight="$INFLIGHT" rate="$RATE" delays=0 out="$OUT/results.txt" > "$LOGS/one-member-$1.log" 2>&1
  grep '^result' "$LOGS/one-member-$1.log"
}

# 1. One member, then two over the direct link (what the backup costs, and the latency with nothing added),
# alternated REPEAT times so that a change in the machine's other load falls on both alike.
for i in $(seq 1 "$REPEAT"); do
  one "$i"
  pair "direct$i" "self=$PEER peer=$SELF" self="$SELF" peer="$PEER" link="$LINK" delays=0
done

# 2. The delayed link (its closed loop only warms the JIT up: cost=false): tc netem on the host end of the veth
# where the kernel has it; otherwise every connection between the members goes through DelayProxy (each member's
# public address is a port of the relay), which holds each direction for half the delay.
if [ -n "$NETNS" ] && tc qdisc add dev "$HOST_DEV" root netem delay 1ms 2>/dev/null; then
  tc qdisc del dev "$HOST_DEV" root
  pair netem "self=$PEER peer=$SELF" self="$SELF" peer="$PEER" link="$LINK+netem" delays="$DELAYS" cost=false \
    netemDevice="$HOST_DEV"
else
  echo "cluster-view.sh: no tc netem in this kernel: the delay is DelayProxy's, in user space" >&2
  pair relay "self=$PEER public=$P2 peer=$P1" self="$SELF" public="$P1" peer="$P2" link="$LINK+relay" \
    cost=false delays="$DELAYS" proxy="$P2>$PEER,$P1>$SELF" rttProbe="${PEER%:*}"
fi

echo "uptime after: $(uptime)" >> "$OUT/machine.txt"
{
  echo "## Cluster view ($(date -u +%F))"; echo
  sed 's/^/    /' "$OUT/machine.txt"; echo
  java -cp "$CP" cn.examcore.load.ClusterViewReport "$OUT/results.txt"
} > "$OUT/summary.md"
cat "$OUT/summary.md"
