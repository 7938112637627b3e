import { isIpv4, type Ipv4Addr } from '../../wire/address.js';
import * as dns from '../../wire/dns.js';
import type { EventHandle } from '../engine.js';
import type { Host } from '../host.js';
import type { DnsRecordSpec } from '../topology.js';
import { SECOND, type Micros } from '../time.js';

export const DNS_PORT = 53;
/** glibc's resolver defaults (resolv.conf `timeout:5 attempts:2`). */
const QUERY_TIMEOUT: Micros = 5 * SECOND;
const QUERY_ATTEMPTS = 2;
const DEFAULT_TTL = 300;

/** A lookup in progress; its fields fill in as the answer arrives. */
export interface DnsLookup {
  readonly name: string;
  readonly done: boolean;
  /** The A addresses found (after following CNAMEs), empty for NXDOMAIN; null until done. */
  readonly addresses: readonly Ipv4Addr[] | null;
  readonly rcode: number | null;
  readonly error: string | null;
}

interface MutableLookup {
  name: string;
  done: boolean;
  addresses: Ipv4Addr[] | null;
  rcode: number | null;
  error: string | null;
}

/** The A addresses for `name` in an answer section, following CNAMEs as a stub resolver does. */
export function addressesFor(name: string, answers: readonly dns.ResourceRecord[]): Ipv4Addr[] {
  let target = name.toLowerCase();
  for (let hops = 0; hops < 16; hops++) {
    const cname = answers.find((r) => r.type === dns.TYPE_CNAME && r.name.toLowerCase() === target);
    if (!cname) break;
    target = (cname.data as string).toLowerCase();
  }
  return answers.filter((r): r is dns.ARecord => r.type === dns.TYPE_A && r.name.toLowerCase() === target).map((r) => r.data);
}

/**
 * A stub resolver's query (RFC 1035 §7): one question for an A record, recursion desired,
 * from a random ephemeral port with a random ID (RFC 5452 §9.2), both from the host's
 * seeded stream. It asks again after a timeout.
 */
export function startDnsLookup(host: Host, name: string, onDone?: (l: DnsLookup) => void): DnsLookup {
  const { rec, engine } = host.world;
  const lookup: MutableLookup = { name, done: false, addresses: null, rcode: null, error: null };
  const finish = (addresses: Ipv4Addr[] | null, rcode: number | null, error: string | null) => {
    lookup.done = true;
    lookup.addresses = addresses;
    lookup.rcode = rcode;
    lookup.error = error;
    onDone?.(lookup);
  };
  if (isIpv4(name)) {
    finish([name], dns.RCODE_NOERROR, null);
    return lookup;
  }
  const resolver = host.resolver;
  if (resolver === null) {
    finish(null, null, `${host.name} has no DNS resolver configured`);
    return lookup;
  }
  const port = host.ephemeralPort();
  const id = host.stream('dns').int(0, 0xffff);
  const query: dns.DnsMessage = {
    id, qr: false, opcode: dns.OPCODE_QUERY, aa: false, tc: false, rd: true, ra: false, z: false, ad: false, cd: false,
    rcode: dns.RCODE_NOERROR, questions: [{ name, type: dns.TYPE_A, class: dns.CLASS_IN }], answers: [], authorities: [], additionals: [],
  };
  const bytes = dns.encode(query);
  let attempts = 0;
  let timer: EventHandle | null = null;
  const send = () => {
    if (attempts >= QUERY_ATTEMPTS) {
      host.udpUnbind(port);
      finish(null, null, `no answer from ${resolver} after ${QUERY_ATTEMPTS} tries`);
      return;
    }
    attempts++;
    rec.step({ t: engine.now, kind: 'dns-query', host: host.name, name });
    host.sendUdp(port, { ip: resolver, port: DNS_PORT }, bytes);
    timer = engine.after(QUERY_TIMEOUT, send);
  };
  host.udpBind(port, {
    label: 'DNS',
    receive(payload, from) {
      const d = dns.decode(payload);
      // RFC 5452 §4: accept only an answer from the server asked, with our ID and question.
      if (!d.ok || from.ip !== resolver || from.port !== DNS_PORT) return;
      const m = d.value;
      if (!m.qr || m.id !== id || m.questions[0]?.name.toLowerCase() !== name.toLowerCase()) return;
      timer?.cancel();
      host.udpUnbind(port);
      const addresses = m.rcode === dns.RCODE_NOERROR ? addressesFor(name, m.answers) : [];
      rec.step({ t: engine.now, kind: 'dns-answer', host: host.name, name, addresses });
      finish(addresses, m.rcode, null);
    },
  });
  send();
  return lookup;
}

/** An authoritative server for the records it is given: A, and CNAME chains within them. */
export function startDnsServer(host: Host, records: readonly DnsRecordSpec[]): void {
  host.udpBind(DNS_PORT, {
    label: 'DNS',
    receive(payload, from) {
      const d = dns.decode(payload);
      if (!d.ok || d.value.qr) return;
      const q = d.value;
      const question = q.questions[0];
      const answers: dns.ResourceRecord[] = [];
      let rcode = dns.RCODE_NOERROR;
      if (q.opcode !== dns.OPCODE_QUERY || q.questions.length !== 1 || !question) rcode = dns.RCODE_NOTIMP;
      else {
        let target = question.name.toLowerCase();
        let found = false;
        for (let hops = 0; hops < 16; hops++) {
          const here = records.filter((r) => r.name.toLowerCase() === target);
          if (here.length === 0) break;
          found = true;
          const cname = here.find((r) => r.type === 'CNAME');
          if (cname && cname.type === 'CNAME' && question.type !== dns.TYPE_CNAME) {
            answers.push({ name: target, type: dns.TYPE_CNAME, class: dns.CLASS_IN, ttl: cname.ttl ?? DEFAULT_TTL, data: cname.target });
            target = cname.target.toLowerCase();
            continue;
          }
          if (question.type === dns.TYPE_A || question.type === dns.TYPE_ANY) {
            for (const r of here) if (r.type === 'A') answers.push({ name: target, type: dns.TYPE_A, class: dns.CLASS_IN, ttl: r.ttl ?? DEFAULT_TTL, data: r.address });
          }
          break;
        }
        if (!found) rcode = dns.RCODE_NXDOMAIN;
      }
      const reply: dns.DnsMessage = {
        ...q, qr: true, aa: true, tc: false, ra: true, z: false, ad: false, rcode,
        questions: q.questions, answers, authorities: [], additionals: [],
      };
      host.sendUdp(DNS_PORT, from, dns.encode(reply));
    },
  });
}
