/**
 * Removing what a recording's container says about where and by whom it was made, without
 * re-encoding: MP4 `udta` and `meta` boxes (where phones write a location, ©xyz, and the device)
 * become `free` boxes, and WebM `Tags` elements become `Void` elements of the same length with
 * their content zeroed. Sizes and offsets do not move, so the file plays exactly as before.
 */

const MP4_USER_DATA = new Set(['udta', 'meta']);
/** Boxes whose children may hold user data. */
const MP4_PARENTS = new Set(['moov', 'trak']);

function blankMp4(b: Buffer, start: number, end: number, depth: number): void {
  let pos = start;
  while (pos + 8 <= end) {
    let size = b.readUInt32BE(pos);
    let header = 8;
    if (size === 1 && pos + 16 <= end) {
      size = Number(b.readBigUInt64BE(pos + 8));
      header = 16;
    } else if (size === 0) size = end - pos;
    if (size < header || pos + size > end) return;
    const type = b.toString('latin1', pos + 4, pos + 8);
    if (MP4_USER_DATA.has(type)) {
      b.write('free', pos + 4, 'latin1');
      b.fill(0, pos + header, pos + size);
    } else if (MP4_PARENTS.has(type) && depth < 3) {
      blankMp4(b, pos + header, pos + size, depth + 1);
    }
    pos += size;
  }
}

const TAGS = [0x12, 0x54, 0xc3, 0x6b];
const SEGMENT = [0x18, 0x53, 0x80, 0x67];

function vintLength(first: number): number {
  return first === 0 ? 9 : Math.clz32(first) - 23;
}

function blankWebm(b: Buffer): void {
  // Tags are children of the Segment: find each by its 4-byte id at element boundaries after the
  // Segment header, walking sibling by sibling (Clusters of unknown size end the walk).
  const seg = b.indexOf(Buffer.from(SEGMENT));
  if (seg < 0) return;
  let pos = seg + 4 + vintLength(b[seg + 4] ?? 0);
  for (let steps = 0; pos + 2 <= b.length && steps < 10_000; steps++) {
    const idLength = vintLength(b[pos]!);
    const sizeAt = pos + idLength;
    const sizeLength = vintLength(b[sizeAt] ?? 0);
    if (idLength > 4 || sizeLength > 8 || sizeAt + sizeLength > b.length) return;
    let size = b[sizeAt]! & (0xff >> sizeLength);
    let unknown = size === 0xff >> sizeLength;
    for (let i = 1; i < sizeLength; i++) {
      size = size * 256 + b[sizeAt + i]!;
      if (b[sizeAt + i] !== 0xff) unknown = false;
    }
    if (unknown) return;
    const end = sizeAt + sizeLength + size;
    if (end > b.length) return;
    if (idLength === 4 && TAGS.every((v, i) => b[pos + i] === v)) {
      // A Void element (id 0xEC) of the same total length, its content zeroed.
      const total = end - pos;
      const k = Math.min(8, total - 1); // bytes of the size field
      b.fill(0, pos, end);
      b[pos] = 0xec;
      b[pos + 1] = 0x80 >> (k - 1);
      const payload = total - 1 - k;
      if (k === 8) b.writeUIntBE(payload, pos + 4, 5);
    }
    pos = end;
  }
}

/** A copy of the recording without location or device metadata in its container. */
export function withoutContainerMetadata(bytes: Buffer, container: 'mp4' | 'webm'): Buffer {
  const copy = Buffer.from(bytes);
  try {
    if (container === 'mp4') blankMp4(copy, 0, copy.length, 0);
    else blankWebm(copy);
    return copy;
  } catch {
    return Buffer.from(bytes);
  }
}
