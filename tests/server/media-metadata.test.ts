/**
 * Recordings keep no location or device metadata: an MP4 with a `udta` box carrying a ©xyz
 * position (as phones write) and a WebM with a LOCATION tag are stored with that data blanked
 * out, at the same length, and still read as the same recording.
 */
import { expect, it } from 'vitest';
import { probeAudio } from '../../src/server/media/audio-probe';
import { describeEachStore, riskAnswers } from './helpers';
import { fixture, noise, postWithFiles, storedBytes } from './media-helpers';

const PLACE = '+51.8003-000.2051/';

function box(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
}

/** The fixture with a udta/©xyz box appended inside its moov box. */
function mp4WithPlace(): Buffer {
  const b = fixture('tone-2s.m4a');
  let pos = 0;
  while (b.toString('latin1', pos + 4, pos + 8) !== 'moov') pos += b.readUInt32BE(pos);
  const size = b.readUInt32BE(pos);
  const xyz = Buffer.concat([Buffer.from([0, PLACE.length, 0x15, 0xc7]), Buffer.from(PLACE)]);
  const udta = box('udta', box('\u00a9xyz', xyz));
  const moov = Buffer.from(b.subarray(pos, pos + size));
  moov.writeUInt32BE(size + udta.length, 0);
  return Buffer.concat([b.subarray(0, pos), moov, udta, b.subarray(pos + size)]);
}

const ebml = (id: number[], body: Buffer) =>
  Buffer.concat([Buffer.from(id), Buffer.from([0x80 | body.length]), body]);

/** The fixture with a Tags element (a LOCATION tag) before its first Cluster. */
function webmWithPlace(): Buffer {
  const b = fixture('tone-2s.webm');
  const cluster = b.indexOf(Buffer.from([0x1f, 0x43, 0xb6, 0x75]));
  const simple = ebml(
    [0x67, 0xc8],
    Buffer.concat([
      ebml([0x45, 0xa3], Buffer.from('LOCATION')),
      ebml([0x44, 0x87], Buffer.from(PLACE)),
    ]),
  );
  const tags = ebml([0x12, 0x54, 0xc3, 0x6b], ebml([0x73, 0x73], simple));
  return Buffer.concat([b.subarray(0, cluster), tags, b.subarray(cluster)]);
}

describeEachStore(
  'Recording metadata',
  (t) => {
    for (const [name, type, make] of [
      ['with-place.m4a', 'audio/mp4', mp4WithPlace],
      ['with-place.webm', 'audio/webm', webmWithPlace],
    ] as const) {
      it(`blanks the location in ${type}`, async () => {
        const bytes = make();
        expect(bytes.includes(Buffer.from(PLACE))).toBe(true);
        const before = probeAudio(bytes);
        expect(before.ok).toBe(true);
        const res = await postWithFiles(t.app, noise(riskAnswers()), [{ name, type, bytes }]);
        expect(res.statusCode, res.body).toBe(201);
        const id = (JSON.parse(res.body) as Array<{ service_request_id: string }>)[0]!
          .service_request_id;
        const [row] = (await t.db.query(
          `SELECT file_name FROM media WHERE report_id = '${id}'`,
        )) as Array<{ file_name: string }>;
        const stored = await storedBytes(t.app, row!.file_name);
        expect(stored.length).toBe(bytes.length);
        expect(stored.includes(Buffer.from(PLACE))).toBe(false);
        expect(stored.includes(Buffer.from('LOCATION'))).toBe(false);
        const after = probeAudio(stored);
        expect(after.ok && after.value.durationSeconds).toBe(
          before.ok && before.value.durationSeconds,
        );
      });
    }
  },
  { mediaInS3: true },
);
