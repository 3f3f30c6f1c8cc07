/**
 * Reading what a recording really is from its bytes: the container (MP4 or WebM), that it holds
 * audio and nothing else, and how long it lasts.
 *
 * Notes
 * - Browsers' MediaRecorder writes streaming forms of both containers: fragmented MP4 (the movie
 *   header's duration is 0; the time is in the fragments' `trun` boxes) and WebM whose Segment and
 *   Clusters have "unknown" sizes and no Duration. General tag readers give no duration for these,
 *   so this walks the structure itself: the sum of the fragments' sample durations for MP4, the
 *   last block's timecode for WebM.
 * - It reads and never trusts: every size is bounds-checked, the walk is bounded, and anything that
 *   does not parse is "not a recording" rather than an exception.
 */
import { err, ok, type Result } from '../../shared/result';

export interface AudioProbe {
  container: 'mp4' | 'webm';
  /** The type it is stored and served as. */
  mime: 'audio/mp4' | 'audio/webm';
  durationSeconds: number;
  codecs: string[];
}

const MAX_STEPS = 200_000;

// ---- ISO base media (MP4) ---------------------------------------------------------------------

interface Box {
  type: string;
  /** First byte of the content (after the header). */
  body: number;
  end: number;
}

function* boxes(b: Buffer, start: number, end: number): Generator<Box> {
  let pos = start;
  while (pos + 8 <= end) {
    let size = b.readUInt32BE(pos);
    const type = b.toString('latin1', pos + 4, pos + 8);
    let header = 8;
    if (size === 1) {
      if (pos + 16 > end) throw new Error('truncated box');
      size = Number(b.readBigUInt64BE(pos + 8));
      header = 16;
    } else if (size === 0) size = end - pos;
    if (size < header || pos + size > end) throw new Error(`box ${type} overruns its parent`);
    yield { type, body: pos + header, end: pos + size };
    pos += size;
  }
}

const child = (b: Buffer, parent: Box, type: string) =>
  [...boxes(b, parent.body, parent.end)].find((x) => x.type === type);

function readVersioned(b: Buffer, at: number, version: number): number {
  return version === 1 ? Number(b.readBigUInt64BE(at)) : b.readUInt32BE(at);
}

function probeMp4(b: Buffer): Result<AudioProbe, string> {
  const top = [...boxes(b, 0, b.length)];
  if (top[0]?.type !== 'ftyp') return err('it is not an MP4 file');
  const moov = top.find((x) => x.type === 'moov');
  if (!moov) return err('the MP4 file has no movie header (moov)');

  const tracks = new Map<number, { handler: string; timescale: number; duration: number }>();
  const defaultDuration = new Map<number, number>();
  const codecs: string[] = [];
  for (const box of boxes(b, moov.body, moov.end)) {
    if (box.type === 'mvex') {
      for (const trex of boxes(b, box.body, box.end)) {
        if (trex.type !== 'trex' || trex.body + 16 > trex.end) continue;
        defaultDuration.set(b.readUInt32BE(trex.body + 4), b.readUInt32BE(trex.body + 12));
      }
    }
    if (box.type !== 'trak') continue;
    const tkhd = child(b, box, 'tkhd');
    const mdia = child(b, box, 'mdia');
    const mdhd = mdia && child(b, mdia, 'mdhd');
    const hdlr = mdia && child(b, mdia, 'hdlr');
    if (!tkhd || !mdhd || !hdlr) return err('an MP4 track is incomplete');
    const tv = b[tkhd.body]!;
    const trackId = b.readUInt32BE(tkhd.body + (tv === 1 ? 20 : 12));
    const mv = b[mdhd.body]!;
    const timescale = b.readUInt32BE(mdhd.body + (mv === 1 ? 20 : 12));
    const duration = readVersioned(b, mdhd.body + (mv === 1 ? 24 : 16), mv);
    const handler = b.toString('latin1', hdlr.body + 8, hdlr.body + 12);
    const stsd = mdia && findPath(b, mdia, ['minf', 'stbl', 'stsd']);
    if (stsd && stsd.body + 16 <= stsd.end) {
      codecs.push(b.toString('latin1', stsd.body + 12, stsd.body + 16).trim());
    }
    tracks.set(trackId, { handler, timescale, duration });
  }
  if (tracks.size === 0) return err('the MP4 file has no tracks');
  for (const t of tracks.values()) {
    if (t.handler !== 'soun')
      return err('the MP4 file holds video or other tracks, not only sound');
    if (!t.timescale) return err('an MP4 track has no timescale');
  }

  // Fragments: per track, the furthest decode time reached.
  const reached = new Map<number, number>();
  for (const moof of top.filter((x) => x.type === 'moof')) {
    for (const traf of boxes(b, moof.body, moof.end)) {
      if (traf.type !== 'traf') continue;
      const tfhd = child(b, traf, 'tfhd');
      if (!tfhd) continue;
      const flags = b.readUInt32BE(tfhd.body) & 0xffffff;
      const trackId = b.readUInt32BE(tfhd.body + 4);
      let at = tfhd.body + 8;
      if (flags & 0x1) at += 8;
      if (flags & 0x2) at += 4;
      let sampleDuration = defaultDuration.get(trackId) ?? 0;
      if (flags & 0x8) sampleDuration = b.readUInt32BE(at);
      const tfdt = child(b, traf, 'tfdt');
      let time = tfdt
        ? readVersioned(b, tfdt.body + 4, b[tfdt.body]!)
        : (reached.get(trackId) ?? 0);
      for (const trun of boxes(b, traf.body, traf.end)) {
        if (trun.type !== 'trun') continue;
        const tflags = b.readUInt32BE(trun.body) & 0xffffff;
        const count = b.readUInt32BE(trun.body + 4);
        let p = trun.body + 8 + (tflags & 0x1 ? 4 : 0) + (tflags & 0x4 ? 4 : 0);
        const per = [0x100, 0x200, 0x400, 0x800].filter((f) => tflags & f).length * 4;
        if (p + count * per > trun.end) return err('an MP4 fragment is cut short');
        for (let i = 0; i < count; i++, p += per) {
          time += tflags & 0x100 ? b.readUInt32BE(p) : sampleDuration;
        }
      }
      reached.set(trackId, Math.max(reached.get(trackId) ?? 0, time));
    }
  }
  let seconds = 0;
  for (const [id, t] of tracks) {
    seconds = Math.max(seconds, t.duration / t.timescale, (reached.get(id) ?? 0) / t.timescale);
  }
  return ok({ container: 'mp4', mime: 'audio/mp4', durationSeconds: seconds, codecs });
}

function findPath(b: Buffer, from: Box, path: string[]): Box | undefined {
  let box: Box | undefined = from;
  for (const type of path) box = box && child(b, box, type);
  return box;
}

// ---- EBML (WebM) ------------------------------------------------------------------------------

const ID = {
  EBML: 0x1a45dfa3,
  DocType: 0x4282,
  Segment: 0x18538067,
  Info: 0x1549a966,
  TimecodeScale: 0x2ad7b1,
  Duration: 0x4489,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackType: 0x83,
  CodecID: 0x86,
  Cluster: 0x1f43b675,
  Timecode: 0xe7,
  BlockGroup: 0xa0,
  Block: 0xa1,
  SimpleBlock: 0xa3,
} as const;

/** Elements whose children are read (entered rather than skipped); their sizes may be unknown. */
const MASTERS = new Set<number>([
  ID.EBML,
  ID.Segment,
  ID.Info,
  ID.Tracks,
  ID.TrackEntry,
  ID.Cluster,
  ID.BlockGroup,
]);

function vint(b: Buffer, pos: number, keepMarker: boolean) {
  const first = b[pos];
  if (first === undefined || first === 0) throw new Error('bad EBML number');
  const length = Math.clz32(first) - 23;
  if (length > 8 || pos + length > b.length) throw new Error('bad EBML number');
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + b[pos + i]!;
    if (b[pos + i] !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

function readUint(b: Buffer, at: number, size: number): number {
  let v = 0;
  for (let i = 0; i < size; i++) v = v * 256 + b[at + i]!;
  return v;
}

function probeWebm(b: Buffer): Result<AudioProbe, string> {
  let pos = 0;
  let steps = 0;
  let docType = '';
  let scale = 1_000_000; // ns per timecode unit
  let declared = 0;
  let cluster = 0;
  let first = Infinity;
  let last = -Infinity;
  const trackTypes: number[] = [];
  const codecs: string[] = [];
  while (pos < b.length) {
    if (++steps > MAX_STEPS) return err('the WebM file has too many elements');
    const id = vint(b, pos, true);
    const size = vint(b, pos + id.length, false);
    const body = pos + id.length + size.length;
    if (MASTERS.has(id.value)) {
      pos = body;
      continue;
    }
    if (size.unknown) return err('a WebM element has no size');
    const end = body + size.value;
    if (end > b.length) {
      // A recording cut short in its last block is still playable up to there.
      if (id.value === ID.SimpleBlock || id.value === ID.Block) break;
      return err('the WebM file is cut short');
    }
    switch (id.value) {
      case ID.DocType:
        docType = b.toString('latin1', body, end);
        break;
      case ID.TimecodeScale:
        scale = readUint(b, body, size.value);
        break;
      case ID.Duration:
        declared = size.value === 8 ? b.readDoubleBE(body) : b.readFloatBE(body);
        break;
      case ID.TrackType:
        trackTypes.push(readUint(b, body, size.value));
        break;
      case ID.CodecID:
        codecs.push(b.toString('latin1', body, end));
        break;
      case ID.Timecode:
        cluster = readUint(b, body, size.value);
        break;
      case ID.SimpleBlock:
      case ID.Block: {
        const track = vint(b, body, false);
        const t = cluster + b.readInt16BE(body + track.length);
        first = Math.min(first, t);
        last = Math.max(last, t);
        break;
      }
    }
    pos = end;
  }
  if (docType !== 'webm') return err('it is not a WebM file');
  if (trackTypes.length === 0) return err('the WebM file has no tracks');
  if (trackTypes.some((t) => t !== 2)) return err('the WebM file holds video, not only sound');
  const fromBlocks = last >= first ? ((last - first) * scale) / 1e9 : 0;
  const fromHeader = (declared * scale) / 1e9;
  return {
    ok: true,
    value: {
      container: 'webm',
      mime: 'audio/webm',
      durationSeconds: Math.max(fromBlocks, fromHeader),
      codecs,
    },
  };
}

/** What the recording is, or why it is not one we take. */
export function probeAudio(bytes: Buffer): Result<AudioProbe, string> {
  try {
    if (bytes.length >= 8 && bytes.toString('latin1', 4, 8) === 'ftyp') return probeMp4(bytes);
    if (bytes.length >= 4 && bytes.readUInt32BE(0) === ID.EBML) return probeWebm(bytes);
    return err('it is neither MP4 nor WebM audio');
  } catch (e) {
    return err(`it could not be read (${(e as Error).message})`);
  }
}
