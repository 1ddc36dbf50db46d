/**
 * Placeholder product pictures for the demo catalogue, drawn in code so that the seed needs no binary
 * files and no network: a square PNG in the product's colour, lighter towards the top, with a soft disc.
 */
import zlib from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function parseColor(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`cover colour must be #rrggbb, got ${hex}`);
  return [parseInt(match[1], 16), parseInt(match[2], 16), parseInt(match[3], 16)];
}

export function renderCover(color: string, size = 400): Buffer {
  const [r, g, b] = parseColor(color);
  const rows: Buffer[] = [];
  const centre = size / 2;
  const radius = size * 0.28;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3); // filter byte 0, then RGB
    for (let x = 0; x < size; x++) {
      // Lighter at the top, and a white disc in the middle faded at its edge.
      const light = 0.35 * (1 - y / size);
      const distance = Math.hypot(x - centre, y - centre);
      const disc = Math.max(0, Math.min(1, (radius - distance) / 6)) * 0.55;
      const mix = Math.min(1, light + disc);
      row[1 + x * 3] = Math.round(r + (255 - r) * mix);
      row[2 + x * 3] = Math.round(g + (255 - g) * mix);
      row[3 + x * 3] = Math.round(b + (255 - b) * mix);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
