#!/usr/bin/env bash
# Makes the example captures in captures/ from real traffic: a client and a
# server namespace joined through a bridge in a third namespace (veth pairs, MTU 1500,
# offloads off), a Python server in one and curl in the other, tcpdump writing on the
# client's interface. Run as root on Linux:
#
#   sudo scripts/captures/make.sh [OUTDIR]
#
# Needs ip (iproute2), ethtool, tcpdump, curl, python3, nft and editcap. The kernel here
# had no netem, so loss comes from an nftables rule on the bridge that drops every 16th
# full-sized segment the server sends (numgen inc): repeatable, unlike random loss. A drop
# on the server itself would not do: its TCP would see the local error and simply send
# the segment again. Nothing outside the three namespaces is touched, and they are
# deleted on exit. The committed captures are the test data; a new run makes new ISNs,
# ports and timings, so expect different bytes.
set -euo pipefail

OUT=${1:-captures}
HERE=$(cd "$(dirname "$0")" && pwd)
SERVER_PY="$HERE/server.py"
# shellcheck source=netns.sh
. "$HERE/netns.sh"
trap cleanup EXIT

mkdir -p "$OUT"
setup
in_s python3 "$SERVER_PY" http "$SERVER_IP" 8000 </dev/null >/dev/null 2>&1 &
in_s python3 "$SERVER_PY" dns "$SERVER_IP" </dev/null >/dev/null 2>&1 &
sleep 0.5

# 1. ARP, a DNS lookup, then a handshake, one GET of a short page and the close.
capture "$C" veth-c "$OUT/handshake-get-close.pcap" 262144 -- \
  sh -c "ip netns exec $C python3 '$SERVER_PY' ask $SERVER_IP server.test >/dev/null &&
         ip netns exec $C curl -s -o /dev/null http://server.test:8000/bytes/120 --resolve server.test:8000:$SERVER_IP"

# 2. A 40 000-byte answer, segmented to the 1448-byte MSS.
capture "$C" veth-c "$OUT/segmented-40k.pcap" 262144 -- \
  in_c curl -s -o /dev/null "http://$SERVER_IP:8000/bytes/40000"

# 3. Loss: the bridge drops one in 16 full segments from the server (netns.sh loss_on), so
#    the client sees gaps, sends duplicate ACKs with SACK, and the server retransmits.
loss_on
capture "$C" veth-c "$OUT/loss-retransmissions.pcap" 262144 -- \
  in_c curl -s -o /dev/null "http://$SERVER_IP:8000/bytes/90000"
loss_off

# 4. A GET cut to 80 bytes per packet by the snaplen.
capture "$C" veth-c "$OUT/snaplen-80.pcap" 80 -- \
  in_c curl -s -o /dev/null "http://$SERVER_IP:8000/bytes/3000"

# 5. Loopback inside one namespace: every TCP checksum is left unfinished ("offloaded").
in_c python3 "$SERVER_PY" http 127.0.0.1 8001 </dev/null >/dev/null 2>&1 &
sleep 0.5
capture "$C" lo "$OUT/loopback-offload.pcap" 262144 -- \
  in_c curl -s -o /dev/null "http://127.0.0.1:8001/bytes/2000"

# 6. tcpdump -i any: Linux cooked capture v2 (SLL2), written as pcapng by editcap.
capture "$C" any "$OUT/any-sll2.pcap" 262144 -- \
  in_c curl -s -o /dev/null "http://$SERVER_IP:8000/bytes/500"
editcap -F pcapng "$OUT/any-sll2.pcap" "$OUT/any-sll2.pcapng"
rm "$OUT/any-sll2.pcap"

ls -l "$OUT"
