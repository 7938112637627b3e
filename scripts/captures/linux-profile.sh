#!/usr/bin/env bash
# Makes the real Linux captures that `profile: linux` is compared with, segment by segment
# (test/tshark/linux-profile.test.ts): the same client and server namespaces as make.sh
# (netns.sh), and on the wire exactly the bytes the simulator's HTTP apps send
# (server.py sim-http and sim-get). Run as root on Linux:
#
#   sudo scripts/captures/linux-profile.sh [OUTDIR]      (default test/linux-captures)
#
# 1. get-20000.pcap: a GET answered with a 20000-byte body, Linux's default options.
# 2. get-20000-no-options.pcap: the same with SACK, timestamps and window scaling off
#    (sysctl in both namespaces; a namespace has its own net.ipv4.tcp_* settings).
# 3. bulk-200000.pcap: a 200000-byte body.
# 4. loss-200000.pcap: the same with every 16th full-sized segment from the server dropped
#    on the bridge (as make.sh does).
# The kernel's version goes into OUTDIR/KERNEL.
set -euo pipefail

OUT=${1:-test/linux-captures}
HERE=$(cd "$(dirname "$0")" && pwd)
SERVER_PY="$HERE/server.py"
C=tl-client
R=tl-bridge
S=tl-server
# shellcheck source=netns.sh
. "$HERE/netns.sh"
trap cleanup EXIT

# Linux's stock buffer sizes (this machine's tcp_rmem max of 32 MB would make the window
# scale 10 instead of the usual 7: tcp_select_initial_window takes ilog2(tcp_rmem[2]) - 15).
stock_buffers() {
  for ns in "$C" "$S"; do
    ip netns exec "$ns" sysctl -qw net.ipv4.tcp_rmem="4096 131072 6291456" net.ipv4.tcp_wmem="4096 16384 4194304"
  done
}

sysctls() {
  for ns in "$C" "$S"; do
    ip netns exec "$ns" sysctl -qw net.ipv4.tcp_sack="$1" net.ipv4.tcp_timestamps="$1" net.ipv4.tcp_window_scaling="$1"
  done
}

# capture_ready FILE SNAPLEN -- COMMAND...: as netns.sh's capture, but COMMAND runs only once
# tcpdump says it is listening (on a busy machine half a second is not always enough).
capture_ready() {
  local file=$1 snaplen=$2 log
  shift 3
  log=$(mktemp)
  ip netns exec "$C" tcpdump -i veth-c -s "$snaplen" -U -w "$file" 'not ip6' </dev/null >/dev/null 2>"$log" & local tpid=$!
  for _ in $(seq 100); do grep -q listening "$log" && break; sleep 0.05; done
  "$@"
  sleep 0.5
  kill -INT "$tpid"
  wait "$tpid" 2>/dev/null || true
  rm -f "$log"
}

# get N FILE [SNAPLEN]: one GET of an N-byte body, captured on the client's interface.
# The 200 kB captures keep 96 bytes of each frame (every header, a little payload), so
# they stay small; tshark still reads each segment's length from the IP header.
get() {
  # Now and then tcpdump, though it says it is listening, records nothing: try again.
  for _ in 1 2 3 4 5; do
    in_s python3 "$SERVER_PY" sim-http "$SERVER_IP" 8000 "$1" </dev/null >/dev/null 2>&1 &
    # On a busy machine the server may take more than a moment to listen.
    for _ in $(seq 50); do in_s ss -Hltn 'sport = :8000' | grep -q . && break; sleep 0.1; done
    capture_ready "$2" "${3:-262144}" -- in_c python3 "$SERVER_PY" sim-get "$SERVER_IP" 8000 "$1"
    ip netns pids "$S" | xargs -r kill
    sleep 0.3
    # A pcap of only its 24-byte header holds no packet.
    [ "$(stat -c %s "$2")" -gt 24 ] && return 0
  done
  echo "$2: nothing captured" >&2
  exit 1
}

mkdir -p "$OUT"
setup
stock_buffers
get 20000 "$OUT/get-20000.pcap"
sysctls 0
get 20000 "$OUT/get-20000-no-options.pcap"
sysctls 1
get 200000 "$OUT/bulk-200000.pcap" 96
loss_on
get 200000 "$OUT/loss-200000.pcap" 96
loss_off
uname -r >"$OUT/KERNEL"
ls -l "$OUT"
