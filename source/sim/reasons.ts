// Why a frame was dropped and why a RST was sent or taken, as typed values: a code and its
// parameters. The trace carries these; i18n/reasons.ts says them in each language, so no
// sentence in any language is ever used as a key.

/** Why a node dropped a frame it received (the `drop` step). */
export type DropReason =
  /** A decoder refused the bytes; `detail` is the decoder's own technical message. */
  | { readonly code: 'malformed'; readonly protocol: string; readonly offset: number; readonly detail: string }
  | { readonly code: 'not-my-mac'; readonly dst: string; readonly mine: string }
  | { readonly code: 'bad-fcs' }
  | { readonly code: 'unknown-ethertype'; readonly etherType: string }
  | { readonly code: 'arp-not-for-me'; readonly target: string; readonly mine: string }
  | { readonly code: 'bad-ip-checksum' }
  | { readonly code: 'not-my-ip'; readonly dst: string; readonly mine: string }
  | { readonly code: 'unknown-ip-protocol'; readonly protocol: number }
  | { readonly code: 'bad-tcp-checksum' }
  /** RFC 9293 §3.10.7.1: a RST for no connection is not answered. */
  | { readonly code: 'rst-no-connection'; readonly port: number }
  /** A SYN for a port nothing listens on, so the host answers with RST (§3.10.7.1). */
  | { readonly code: 'no-socket'; readonly port: number }
  /**
   * Any other segment that belongs to no connection (§3.10.7.1: the state is CLOSED, no
   * TCB exists), whether or not something listens on the port: answered with RST.
   */
  | { readonly code: 'no-connection'; readonly port: number }
  | { readonly code: 'bad-udp-checksum' }
  | { readonly code: 'no-udp-socket'; readonly port: number }
  | { readonly code: 'bad-icmp-checksum' }
  | { readonly code: 'icmp-unclaimed'; readonly type: number }
  | { readonly code: 'not-routed-ethertype'; readonly etherType: string }
  | { readonly code: 'port-not-cabled'; readonly port: string }
  | { readonly code: 'mtu-exceeded'; readonly length: number; readonly mtu: number; readonly port: string }
  /** The same with DF set, where a real router would send ICMP "fragmentation needed". */
  | { readonly code: 'mtu-exceeded-df'; readonly length: number; readonly mtu: number; readonly port: string }
  | { readonly code: 'no-router-service'; readonly protocol: number }
  /** A switch: the destination is behind the port the frame came in on. */
  | { readonly code: 'filtered'; readonly dst: string }
  /** Replay: a copy the capture shows sent, which nothing shows arriving. */
  | { readonly code: 'copy-lost'; readonly receiver: string; readonly sender: string; readonly frame: number };

export type DropCode = DropReason['code'];

/** Why a RST was sent, taken, or a connection given up (the `tcp-reset` step). */
export type ResetReason =
  // Sent by this end.
  /** §3.10.7.1: a segment reached a connection in CLOSED. */
  | { readonly code: 'closed' }
  /** §3.10.7.2: an ACK in LISTEN, where nothing was sent to acknowledge. */
  | { readonly code: 'ack-in-listen' }
  /** §3.10.7.3: an ACK that does not acknowledge our SYN. */
  | { readonly code: 'ack-not-of-our-syn' }
  /** §3.10.7.4: in SYN_RECEIVED, an ACK that does not acknowledge our SYN-ACK. */
  | { readonly code: 'ack-not-of-our-syn-ack' }
  /** §3.10.7.4 fourth, Linux profile: a SYN inside the window ends a passive SYN_RECEIVED. */
  | { readonly code: 'syn-in-window' }
  /** §3.10.5: the application aborted. */
  | { readonly code: 'app-abort' }
  /** §3.8.3: the RST sent on giving up. */
  | { readonly code: 'give-up'; readonly retransmissions: number }
  /** RFC 9293 §3.8.4: keep-alive probes went unanswered; Linux resets the connection. */
  | { readonly code: 'keep-alive-timeout'; readonly probes: number }
  /** The host: no socket listens on the port a SYN was for ("connection refused"). */
  | { readonly code: 'no-listener'; readonly port: number }
  /** The host: a segment other than a SYN matches no connection (§3.10.7.1). */
  | { readonly code: 'no-connection'; readonly port: number }
  // Received from the peer.
  | { readonly code: 'peer-refused' }
  | { readonly code: 'peer-reset' }
  // Not a RST on the wire: the connection itself gave up retransmitting.
  | { readonly code: 'gave-up'; readonly retransmissions: number };

export type ResetCode = ResetReason['code'];

/** A decoder's error as a drop reason. */
export function malformed(error: { readonly protocol: string; readonly offset: number; readonly message: string }): DropReason {
  return { code: 'malformed', protocol: error.protocol, offset: error.offset, detail: error.message };
}
