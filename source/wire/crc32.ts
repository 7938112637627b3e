/**
 * CRC-32 as Ethernet's FCS uses it (IEEE 802.3 §3.2.9): reflected polynomial 0xEDB88320,
 * initial value and final XOR 0xFFFFFFFF. The FCS goes on the wire least significant
 * byte first, so a frame's last four bytes are this value in little-endian order.
 */
const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(buf: Uint8Array, start = 0, end = buf.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
