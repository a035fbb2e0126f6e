import { inflateSync } from 'node:zlib';

/**
 * A PNG read back into pixels, to check a picture the bot made as a picture:
 * its size, that it is not blank, where it has ink. Reads what resvg writes
 * (8-bit RGBA or RGB, not interlaced) and refuses anything else, so a test
 * never passes on a file it could not read.
 */
export interface Pixels {
  width: number;
  height: number;
  /** RGBA, row by row. */
  rgba: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function readPng(png: Buffer): Pixels {
  if (png.length < 8 || !png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG: the signature is missing');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
      if (depth !== 8 || interlace !== 0 || (colour !== 6 && colour !== 2)) throw new Error(`PNG kind not read here: depth ${depth}, colour type ${colour}, interlace ${interlace}`);
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (!width || !height || !data.length) throw new Error('PNG without a header or image data');
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  let previous = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    if (filter > 4) throw new Error(`unknown PNG filter ${filter}`);
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? row[i - channels]! : 0;
      const b = previous[i]!;
      const c = i >= channels ? previous[i - channels]! : 0;
      const x = line[i]!;
      row[i] =
        filter === 0 ? x
        : filter === 1 ? x + a
        : filter === 2 ? x + b
        : filter === 3 ? x + ((a + b) >> 1)
        : x + paeth(a, b, c);
    }
    for (let x = 0; x < width; x++) {
      const from = x * channels;
      out.set([row[from]!, row[from + 1]!, row[from + 2]!, channels === 4 ? row[from + 3]! : 255], (y * width + x) * 4);
    }
    previous = row;
  }
  return { width, height, rgba: out };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Pixels in a box that are clearly not the white background: ink. */
export function inkIn(image: Pixels, box: { x: number; y: number; width: number; height: number } = { x: 0, y: 0, width: image.width, height: image.height }): number {
  let ink = 0;
  for (let y = box.y; y < Math.min(image.height, box.y + box.height); y++) {
    for (let x = box.x; x < Math.min(image.width, box.x + box.width); x++) {
      const i = (y * image.width + x) * 4;
      if (image.rgba[i + 3]! > 0 && image.rgba[i]! + image.rgba[i + 1]! + image.rgba[i + 2]! < 600) ink++;
    }
  }
  return ink;
}

/** The pixels of a box, to tell two drawings apart. */
export function boxOf(image: Pixels, box: { x: number; y: number; width: number; height: number }): Buffer {
  const rows: Buffer[] = [];
  for (let y = box.y; y < box.y + box.height; y++) rows.push(Buffer.from(image.rgba.subarray((y * image.width + box.x) * 4, (y * image.width + box.x + box.width) * 4)));
  return Buffer.concat(rows);
}
