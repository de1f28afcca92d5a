// A minimal PMTiles v3 writer for tests: one archive, uncompressed directories, any tiles.
// Spec: https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md

function zxyToTileId(z: number, x: number, y: number): number {
  let acc = 0;
  for (let i = 0; i < z; i++) acc += 4 ** i;
  // Hilbert curve index of (x, y) at zoom z.
  const n = 2 ** z;
  let d = 0;
  let rx: number, ry: number;
  let tx = x, ty = y;
  for (let s = n / 2; s > 0; s = Math.floor(s / 2)) {
    rx = (tx & s) > 0 ? 1 : 0;
    ry = (ty & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        tx = s - 1 - tx;
        ty = s - 1 - ty;
      }
      [tx, ty] = [ty, tx];
    }
  }
  return acc + d;
}

function varints(values: number[]): number[] {
  const out: number[] = [];
  for (let v of values) {
    while (v >= 0x80) {
      out.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(v);
  }
  return out;
}

export interface Tile { z: number; x: number; y: number; data: Uint8Array }

/** Builds a PMTiles archive. `tileType`: 1 = MVT, 2 = PNG. */
export function writePMTiles(tiles: Tile[], tileType: 1 | 2, metadata: object = {}): Uint8Array {
  const entries = tiles.map((t) => ({ id: zxyToTileId(t.z, t.x, t.y), data: t.data })).sort((a, b) => a.id - b.id);
  let offset = 0;
  const placed = entries.map((e) => {
    const o = offset;
    offset += e.data.length;
    return { ...e, offset: o };
  });
  const dir: number[] = varints([placed.length]);
  let last = 0;
  for (const e of placed) {
    dir.push(...varints([e.id - last]));
    last = e.id;
  }
  for (const _ of placed) dir.push(...varints([1]));
  for (const e of placed) dir.push(...varints([e.data.length]));
  for (const e of placed) dir.push(...varints([e.offset + 1]));
  const meta = new TextEncoder().encode(JSON.stringify(metadata));
  const headerLength = 127;
  const rootOffset = headerLength;
  const metaOffset = rootOffset + dir.length;
  const dataOffset = metaOffset + meta.length;
  const total = dataOffset + offset;
  const buffer = new Uint8Array(total);
  const view = new DataView(buffer.buffer);
  buffer.set(new TextEncoder().encode('PMTiles'), 0);
  buffer[7] = 3;
  const u64 = (at: number, v: number) => view.setBigUint64(at, BigInt(v), true);
  u64(8, rootOffset); u64(16, dir.length);
  u64(24, metaOffset); u64(32, meta.length);
  u64(40, 0); u64(48, 0);
  u64(56, dataOffset); u64(64, offset);
  u64(72, placed.length); u64(80, placed.length); u64(88, placed.length);
  buffer[96] = 1; // clustered
  buffer[97] = 1; // internal compression: none
  buffer[98] = 1; // tile compression: none
  buffer[99] = tileType;
  const zooms = tiles.map((t) => t.z);
  buffer[100] = Math.min(...zooms);
  buffer[101] = Math.max(...zooms);
  view.setInt32(102, -180e7, true); view.setInt32(106, -85e7, true);
  view.setInt32(110, 180e7, true); view.setInt32(114, 85e7, true);
  buffer[118] = 0; view.setInt32(119, 0, true); view.setInt32(123, 0, true);
  buffer.set(dir, rootOffset);
  buffer.set(meta, metaOffset);
  let at = dataOffset;
  for (const e of placed) {
    buffer.set(e.data, at);
    at += e.data.length;
  }
  return buffer;
}
