/**
 * Reads the GPS position a camera wrote into a JPEG's EXIF (APP1) block, and nothing else.
 *
 * Notes
 * - Only used when the resident presses "Use this photo's location"; the photo itself is
 *   re-encoded without any EXIF before it is stored or sent.
 * - Small on purpose (no EXIF library: the common one breaks on new phones' files and most read far
 *   more than this needs). Every offset is bounds-checked; anything odd gives null.
 */
import type { LatLong } from '../../shared/geo';

const GPS_IFD_POINTER = 0x8825;
const TAG = { latRef: 1, lat: 2, longRef: 3, long: 4 } as const;
const RATIONAL = 5;
const ASCII = 2;

class Reader {
  constructor(
    private readonly view: DataView,
    readonly base: number,
    readonly little: boolean,
  ) {}
  u16(at: number) {
    return this.view.getUint16(this.base + at, this.little);
  }
  u32(at: number) {
    return this.view.getUint32(this.base + at, this.little);
  }
  byte(at: number) {
    return this.view.getUint8(this.base + at);
  }
  get length() {
    return this.view.byteLength - this.base;
  }
}

/** The IFD's entries: tag -> [type, count, value-or-offset field position]. */
function entries(r: Reader, ifd: number): Map<number, { type: number; count: number; at: number }> {
  const out = new Map<number, { type: number; count: number; at: number }>();
  if (ifd + 2 > r.length) return out;
  const n = r.u16(ifd);
  for (let i = 0; i < n && i < 200; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > r.length) break;
    out.set(r.u16(e), { type: r.u16(e + 2), count: r.u32(e + 4), at: e + 8 });
  }
  return out;
}

function degrees(r: Reader, e: { type: number; count: number; at: number } | undefined) {
  if (!e || e.type !== RATIONAL || e.count !== 3) return null;
  const off = r.u32(e.at);
  if (off + 24 > r.length) return null;
  let value = 0;
  for (let i = 0; i < 3; i++) {
    const num = r.u32(off + i * 8);
    const den = r.u32(off + i * 8 + 4);
    if (den === 0) return null;
    value += num / den / 60 ** i;
  }
  return value;
}

function ref(r: Reader, e: { type: number; count: number; at: number } | undefined) {
  if (!e || e.type !== ASCII) return null;
  return String.fromCharCode(r.byte(e.at));
}

/** The TIFF block of the JPEG's EXIF segment, as a reader, or null. */
function exifTiff(view: DataView): Reader | null {
  if (view.byteLength < 4 || view.getUint16(0) !== 0xffd8) return null;
  let pos = 2;
  while (pos + 4 <= view.byteLength) {
    if (view.getUint8(pos) !== 0xff) return null;
    const marker = view.getUint8(pos + 1);
    if (marker === 0xda || marker === 0xd9) return null; // image data: no EXIF before it
    const length = view.getUint16(pos + 2);
    if (
      marker === 0xe1 &&
      pos + 10 <= view.byteLength &&
      view.getUint32(pos + 4) === 0x45786966 && // "Exif"
      view.getUint16(pos + 8) === 0
    ) {
      const base = pos + 10;
      if (base + 8 > view.byteLength) return null;
      const order = view.getUint16(base);
      if (order !== 0x4949 && order !== 0x4d4d) return null;
      const r = new Reader(view, base, order === 0x4949);
      return r.u16(2) === 42 ? r : null;
    }
    pos += 2 + length;
  }
  return null;
}

/** The photo's GPS position from its EXIF, or null when it has none (or it is unreadable). */
export function readExifGps(bytes: ArrayBuffer): LatLong | null {
  try {
    const r = exifTiff(new DataView(bytes));
    if (!r) return null;
    const ifd0 = entries(r, r.u32(4));
    const pointer = ifd0.get(GPS_IFD_POINTER);
    if (!pointer) return null;
    const gps = entries(r, r.u32(pointer.at));
    const lat = degrees(r, gps.get(TAG.lat));
    const long = degrees(r, gps.get(TAG.long));
    const latRef = ref(r, gps.get(TAG.latRef));
    const longRef = ref(r, gps.get(TAG.longRef));
    if (lat === null || long === null || lat > 90 || long > 180) return null;
    if (lat === 0 && long === 0) return null; // "no fix" written as zeros
    return { lat: latRef === 'S' ? -lat : lat, long: longRef === 'W' ? -long : long };
  } catch {
    return null;
  }
}

/** EXIF lives in the first 64 KB of a JPEG; reading a little more covers padding. */
export const EXIF_HEAD_BYTES = 128 * 1024;
