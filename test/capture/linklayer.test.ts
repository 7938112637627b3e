import { describe, expect, it } from 'vitest';
import {
  decodeLinkLayer, LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2, LINKTYPE_LOOP, LINKTYPE_NULL,
} from '../../source/capture/linklayer.js';
import { formatWireError } from '../../source/wire/errors.js';
import { hex } from './helpers.js';

const IP = hex('45 00 00 14 00 00 00 00 40 11 00 00 0a 00 00 01 0a 00 00 02');

function value(linkType: number, data: Uint8Array, fcsLen = 0) {
  const d = decodeLinkLayer(linkType, data, fcsLen);
  if (!d.ok) throw new Error(formatWireError(d.error));
  expect(d.bytesRead).toBe(data.length);
  return d.value;
}

function error(linkType: number, data: Uint8Array, fcsLen = 0): string {
  const d = decodeLinkLayer(linkType, data, fcsLen);
  if (d.ok) throw new Error('expected an error');
  return formatWireError(d.error);
}

describe('LINKTYPE_ETHERNET', () => {
  it('reads the addresses and EtherType and drops the FCS', () => {
    const frame = hex(`
      ff ff ff ff ff ff   # destination
      02 00 00 00 00 01   # source
      08 00               # IPv4
      ${Buffer.from(IP).toString('hex')}
      11 22 33 44         # FCS
    `);
    expect(value(LINKTYPE_ETHERNET, frame, 4)).toEqual({
      linkType: 1, networkProtocol: 'ipv4', etherType: 0x0800,
      dst: 'ff:ff:ff:ff:ff:ff', src: '02:00:00:00:00:01', payload: IP, headerLength: 14,
    });
    // Without an FCS the last four bytes belong to the payload.
    expect(value(LINKTYPE_ETHERNET, frame, 0).payload).toHaveLength(IP.length + 4);
  });

  it('looks through 802.1Q and 802.1ad tags', () => {
    const frame = hex('020000000002 020000000001  88a8 0064  8100 0fff  86dd  60');
    expect(value(LINKTYPE_ETHERNET, frame)).toMatchObject({
      networkProtocol: 'ipv6', etherType: 0x86dd, vlanIds: [100, 4095], headerLength: 22, payload: hex('60'),
    });
  });

  it('ARP, an unknown EtherType, and an 802.3 length field', () => {
    expect(value(LINKTYPE_ETHERNET, hex('ffffffffffff 020000000001 0806 0001'))).toMatchObject({ networkProtocol: 'arp', etherType: 0x0806 });
    expect(value(LINKTYPE_ETHERNET, hex('ffffffffffff 020000000001 88cc'))).toMatchObject({ networkProtocol: 'other', etherType: 0x88cc });
    const llc = value(LINKTYPE_ETHERNET, hex('0180c2000000 020000000001 0026 4242'));
    expect(llc.networkProtocol).toBe('other');
    expect(llc.etherType).toBeUndefined();
  });

  it('errors', () => {
    expect(error(LINKTYPE_ETHERNET, hex('ffffffffffff 020000000001 08'))).toBe(
      'linklayer: an Ethernet frame of 13 bytes is shorter than its 14-byte header (at byte 0)',
    );
    expect(error(LINKTYPE_ETHERNET, hex('ffffffffffff 020000000001 0800'), 4)).toBe(
      'linklayer: an Ethernet frame of 10 bytes is shorter than its 14-byte header (at byte 0)',
    );
    expect(error(LINKTYPE_ETHERNET, hex('ffffffffffff 020000000001 8100 00'))).toBe(
      'linklayer: a VLAN tag at byte 14 runs past the end of the 15-byte frame (at byte 14)',
    );
    expect(error(LINKTYPE_ETHERNET, hex('00 01'), 4)).toBe(
      'linklayer: the frame has 2 bytes, too few to hold a 4-byte FCS (at byte 0)',
    );
  });
});

describe('LINKTYPE_NULL', () => {
  it.each([
    ['little-endian AF_INET', '02 00 00 00', 2, 'ipv4'],
    ['big-endian AF_INET', '00 00 00 02', 2, 'ipv4'],
    ['NetBSD/OpenBSD AF_INET6', '18 00 00 00', 24, 'ipv6'],
    ['FreeBSD AF_INET6', '1c 00 00 00', 28, 'ipv6'],
    ['macOS AF_INET6, big-endian host', '00 00 00 1e', 30, 'ipv6'],
    ['AF_APPLETALK', '10 00 00 00', 16, 'other'],
  ])('%s', (_name, header, addressFamily, networkProtocol) => {
    expect(value(LINKTYPE_NULL, hex(header + Buffer.from(IP).toString('hex')))).toEqual({
      linkType: 0, networkProtocol, addressFamily, payload: IP, headerLength: 4,
    });
  });

  it('a frame shorter than the header', () => {
    expect(error(LINKTYPE_NULL, hex('02 00'))).toBe(
      'linklayer: a BSD loopback (NULL) frame of 2 bytes is shorter than its 4-byte header (at byte 0)',
    );
  });
});

describe('LINKTYPE_LOOP', () => {
  it('reads the family in network byte order only', () => {
    expect(value(LINKTYPE_LOOP, hex('00 00 00 18 60'))).toEqual({
      linkType: 108, networkProtocol: 'ipv6', addressFamily: 24, payload: hex('60'), headerLength: 4,
    });
    expect(value(LINKTYPE_LOOP, hex('02 00 00 00 45'))).toMatchObject({ networkProtocol: 'other', addressFamily: 0x02000000 });
  });
});

describe('LINKTYPE_LINUX_SLL', () => {
  it('an Ethernet interface: the source MAC and the protocol at offset 14', () => {
    const frame = hex(`
      00 00                     # packet type: sent to us
      00 01                     # ARPHRD_ETHER
      00 06                     # address length
      02 00 00 00 00 01 00 00   # address, padded to 8
      08 00                     # protocol: IPv4
      ${Buffer.from(IP).toString('hex')}
    `);
    expect(value(LINKTYPE_LINUX_SLL, frame)).toEqual({
      linkType: 113, networkProtocol: 'ipv4', etherType: 0x0800, src: '02:00:00:00:00:01', payload: IP, headerLength: 16,
    });
  });

  it('the loopback interface has no MAC', () => {
    const frame = hex('0000 0304 0000 0000000000000000 86dd 60');
    expect(value(LINKTYPE_LINUX_SLL, frame)).toEqual({
      linkType: 113, networkProtocol: 'ipv6', etherType: 0x86dd, payload: hex('60'), headerLength: 16,
    });
  });

  it('a frame shorter than the header', () => {
    expect(error(LINKTYPE_LINUX_SLL, new Uint8Array(15))).toBe(
      'linklayer: a Linux cooked capture (SLL) frame of 15 bytes is shorter than its 16-byte header (at byte 0)',
    );
  });
});

describe('LINKTYPE_LINUX_SLL2', () => {
  it('the protocol comes first, the MAC after the interface index', () => {
    const frame = hex(`
      08 06                     # protocol: ARP
      00 00                     # reserved
      00 00 00 02               # interface index
      00 01                     # ARPHRD_ETHER
      04                        # packet type: outgoing
      06                        # address length
      02 00 00 00 00 01 00 00   # address
      00 01 08 00
    `);
    expect(value(LINKTYPE_LINUX_SLL2, frame)).toEqual({
      linkType: 276, networkProtocol: 'arp', etherType: 0x0806, src: '02:00:00:00:00:01', payload: hex('00 01 08 00'), headerLength: 20,
    });
  });

  it('a frame shorter than the header', () => {
    expect(error(LINKTYPE_LINUX_SLL2, new Uint8Array(19))).toBe(
      'linklayer: a Linux cooked capture v2 (SLL2) frame of 19 bytes is shorter than its 20-byte header (at byte 0)',
    );
  });
});

it('an unsupported link type', () => {
  expect(error(105, new Uint8Array(30))).toBe(
    'linklayer: link type 105 is not one tcp-tutor can read (Ethernet, BSD loopback, Linux cooked) (at byte 0)',
  );
});
