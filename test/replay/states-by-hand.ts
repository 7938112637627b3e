// What a replay's state questions must answer, worked out by hand from the RFC 9293 §3.3.2
// diagram and the captures' own flags, by quiz id.

/**
 * States worked out by hand (RFC 9293 §3.3.2) for a replay's state questions, by quiz id:
 * a conversation that opens and closes in the usual order.
 */
export const USUAL_STATES: Record<string, string> = {
  'handshake-server-state': 'SYN_RECEIVED', 'handshake-established': 'ESTABLISHED',
  'close-first-fin-state': 'CLOSE_WAIT', 'close-second-fin-state': 'TIME_WAIT', 'close-last-ack-state': 'CLOSED', 'reset-state': 'CLOSED',
};
/**
 * snaplen-80 closes simultaneously: frame 15's FIN acks 90, not the 91 that frame 14's FIN
 * would make it, so each end gets the other's FIN in FIN_WAIT_1 (→ CLOSING), and the last
 * ACK finds the server in CLOSING (→ TIME_WAIT), RFC 9293 §3.10.7.4.
 */
export const STATES_BY_CAPTURE: Record<string, Record<string, string>> = {
  'snaplen-80.pcap': { ...USUAL_STATES, 'close-first-fin-state': 'CLOSING', 'close-second-fin-state': 'CLOSING', 'close-last-ack-state': 'TIME_WAIT' },
};

/** The states for a shipped capture, by its file name. */
export function statesByHand(name: string): Record<string, string> {
  return STATES_BY_CAPTURE[name] ?? USUAL_STATES;
}

