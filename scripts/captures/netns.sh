# What scripts/captures/make.sh and linux-profile.sh share: three network namespaces (a
# client, a bridge, a server) joined by veth pairs, MTU 1500, offloads off, and a capture
# helper. Sourced, not run. A script may set C, R and S (the namespace names) first.
# Nothing outside the three namespaces is touched; `trap cleanup EXIT` deletes them.
C=${C:-tt-client}
R=${R:-tt-bridge}
S=${S:-tt-server}
CLIENT_IP=10.200.0.1
SERVER_IP=10.200.0.2

cleanup() {
  # Every process still in our namespaces is one we started (servers, tcpdump).
  for ns in "$C" "$R" "$S"; do
    if ip netns list | grep -qw "$ns"; then
      ip netns pids "$ns" | xargs -r kill 2>/dev/null || true
    fi
  done
  sleep 0.3
  for ns in "$C" "$R" "$S"; do ip netns del "$ns" 2>/dev/null || true; done
}
in_c() { ip netns exec "$C" "$@"; }
in_r() { ip netns exec "$R" "$@"; }
in_s() { ip netns exec "$S" "$@"; }

# With offloads on, tcpdump would see 64 KB "segments" and unfinished checksums.
offloads_off() { ip netns exec "$1" ethtool -K "$2" tx off rx off tso off gso off gro off >/dev/null; }

setup() {
  cleanup
  for ns in "$C" "$R" "$S"; do
    ip netns add "$ns"
    ip -n "$ns" link set lo up
  done
  ip link add veth-c netns "$C" type veth peer name br-c netns "$R"
  ip link add veth-s netns "$S" type veth peer name br-s netns "$R"
  in_r ip link add br0 type bridge
  for port in br-c br-s; do
    in_r ip link set "$port" master br0 mtu 1500 up
    offloads_off "$R" "$port"
  done
  in_r ip link set br0 up
  in_c ip addr add "$CLIENT_IP/24" dev veth-c
  in_s ip addr add "$SERVER_IP/24" dev veth-s
  # gso_max_segs 1: the kernel builds TCP packets of one MSS each instead of GSO batches.
  in_c ip link set veth-c mtu 1500 gso_max_segs 1 up
  in_s ip link set veth-s mtu 1500 gso_max_segs 1 up
  offloads_off "$C" veth-c
  offloads_off "$S" veth-s
}

# capture NS IFACE FILE SNAPLEN -- COMMAND...: runs COMMAND while tcpdump writes FILE,
# then stops tcpdump once its last packets are written.
capture() {
  local ns=$1 iface=$2 file=$3 snaplen=$4
  shift 5
  ip netns exec "$ns" tcpdump -i "$iface" -s "$snaplen" -U -w "$file" 'not ip6' </dev/null >/dev/null 2>&1 & local tpid=$!
  sleep 0.5
  "$@"
  sleep 0.5
  kill -INT "$tpid"
  wait "$tpid" 2>/dev/null || true
}

# loss_on / loss_off: the bridge drops one in every 16 full-sized segments the server sends
# (nftables numgen inc: repeatable, unlike random loss; the kernel here has no netem). Which
# one comes first follows nftables' counter: in linux-profile.sh's run it was the 2nd, 18th,
# 34th ..., which test/tshark/linux-profile.test.ts's lossy lesson drops too.
loss_on() {
  in_r nft -f - <<NFT
table bridge loss {
  chain forward {
    type filter hook forward priority 0;
    ip saddr $SERVER_IP tcp sport 8000 meta length > 1000 numgen inc mod 16 == 4 drop
  }
}
NFT
}
loss_off() { in_r nft delete table bridge loss; }
