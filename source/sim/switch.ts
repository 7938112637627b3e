import { readMac, type MacAddr } from '../wire/address.js';
import * as eth from '../wire/ethernet.js';
import { fcsHex } from './fields.js';
import { SECOND, type Micros } from './time.js';
import type { FrameId, NodeName } from './trace.js';

/** The default ageing time of IEEE 802.1D: 300 s. */
export const MAC_AGEING_TIME: Micros = 300 * SECOND;
import { Port, type Arrival, type SimNode, type World } from './world.js';
import { checkStep, dropStep } from './trace-writer.js';

/**
 * A learning switch (IEEE 802.1D): it learns which port each source MAC lives behind,
 * forwards known unicast out of that one port, and floods broadcast and unknown
 * destinations out of every other port. It never changes a frame: each copy it sends
 * carries the same bytes, as a new frame record on the outgoing link.
 */
export class Switch implements SimNode {
  readonly kind = 'switch';
  readonly ports: Port[] = [];
  private readonly table = new Map<MacAddr, { port: Port; seen: Micros }>();

  constructor(private readonly world: World, readonly name: NodeName) {
    world.rec.declareTables(name, 'mac');
  }

  /** IEEE 802.1D §7.9.2: entries not refreshed for the ageing time are forgotten. */
  private age(now: Micros): void {
    for (const [mac, e] of this.table) {
      if (now - e.seen > MAC_AGEING_TIME) {
        this.table.delete(mac);
        this.world.rec.deleteMac(this.name, mac);
      }
    }
  }

  addPort(iface: string): Port {
    // A switch port has no address of its own that frames use; it never sends from it.
    const p = new Port(this, iface, '00:00:00:00:00:00', 9216);
    this.ports.push(p);
    return p;
  }

  receive(port: Port, a: Arrival): void {
    const { rec, engine } = this.world;
    const t = engine.now;
    const bytes = a.bytes;
    // Store and forward: a frame whose FCS fails goes no further. Only a link's corrupt
    // action changes bytes in flight, so at level 'frames' the CRC is computed only then.
    const fcsAt = bytes.length - eth.FCS_LEN;
    const fcs = (bytes[fcsAt]! | (bytes[fcsAt + 1]! << 8) | (bytes[fcsAt + 2]! << 16) | (bytes[fcsAt + 3]! << 24)) >>> 0;
    const computed = rec.full || a.corrupted ? eth.computeFcs(bytes, 0, fcsAt) : fcs;
    if (fcs !== computed) {
      rec.step(checkStep(t, this.name, a.id, 'link', 'eth.fcs', false, fcsHex(computed), fcsHex(fcs)));
      rec.step(dropStep(t, this.name, a.id, 'link', { code: 'bad-fcs' }));
      return;
    }
    const dst = readMac(bytes, 0);
    const src = readMac(bytes, 6);
    this.age(t);
    const entry = this.table.get(src);
    if (entry?.port !== port) {
      rec.setMac(this.name, src, port.name);
      rec.step({ t, kind: 'switch-learn', node: this.name, mac: src, port: port.name });
    }
    this.table.set(src, { port, seen: t });
    const known = this.table.get(dst)?.port;
    let outs: Port[];
    let flooded = false;
    if (known) {
      // A destination behind the port the frame came in on needs no forwarding (filtering).
      outs = known === port ? [] : [known];
    } else {
      outs = this.ports.filter((p) => p !== port && p.link !== null);
      flooded = true;
    }
    const ids: FrameId[] = outs.map(() => rec.allocFrameId());
    if (rec.full) rec.step({ t, kind: 'switch-forward', node: this.name, frame: a.id, out: ids, flooded });
    if (outs.length === 0 && rec.full) {
      rec.step(dropStep(t, this.name, a.id, 'link', { code: 'filtered', dst }));
    }
    outs.forEach((p, i) => p.transmit(bytes, ids[i]!, a.id, a.record));
  }
}
