/**
 * Byte ranges on GET /api/media/:id through the real app on real SQLite and PostgreSQL, as Safari
 * and iOS need to play and seek a recording: 206 bodies byte-equal to the slice of the stored
 * file (closed, open and suffix ranges), 416 with the file's size, malformed and multiple ranges
 * answered whole, If-Range against the ETag, and the same 404 and the same audit as without a
 * Range: media nobody may see stays a 404 with no bytes, and every ranged read of a centre
 * report's photo is audited.
 */
import { randomUUID } from 'node:crypto';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { beforeAll, expect, it } from 'vitest';
import { cameraJpeg } from '../fixtures/photos';
import { centreFields, hateOnBehalf, signedInCentre } from './centres-helpers';
import { describeEachStore, flyTipping, harassment, newKey, riskAnswers } from './helpers';
import { fixture, multipartWithFiles, noise, postWithFiles, storedBytes } from './media-helpers';
import { makeStaff, signedIn } from './staff-helpers';

interface Stored {
  id: string;
  bytes: Buffer;
}

describeEachStore(
  'Byte ranges on photos and recordings',
  (t) => {
    const recording = {} as Stored;
    const photo = {} as Stored;
    /** A harassment report's photo: Personal, so only its reporter (the secret) may fetch it. */
    const personal = {} as Stored;
    let secret = '';

    const idOf = (body: string) =>
      (JSON.parse(body) as Array<{ service_request_id: string }>)[0]!.service_request_id;
    const stored = async (reportId: string): Promise<Stored> => {
      const [row] = (await t.db.query(
        `SELECT id, file_name FROM media WHERE report_id = '${reportId}'`,
      )) as Array<{ id: string; file_name: string }>;
      return { id: row!.id, bytes: await storedBytes(t.app, row!.file_name) };
    };
    const get = (
      id: string,
      headers: Record<string, string> = {},
      method: 'GET' | 'HEAD' = 'GET',
    ) => t.app.inject({ method, url: `/api/media/${id}`, headers });
    /** GET the (public) recording with these headers. */
    const rec = (headers: Record<string, string> = {}) => get(recording.id, headers);

    beforeAll(async () => {
      const clip = { name: 'clip.webm', type: 'audio/webm', bytes: fixture('tone-2s.webm') };
      const sent = await postWithFiles(t.app, noise(riskAnswers()), [clip]);
      expect(sent.statusCode, sent.body).toBe(201);
      Object.assign(recording, await stored(idOf(sent.body)));
      const jpeg = { name: 'p.jpg', type: 'image/jpeg', bytes: await cameraJpeg({ width: 800 }) };
      const pic = await postWithFiles(t.app, flyTipping(), [jpeg]);
      expect(pic.statusCode, pic.body).toBe(201);
      Object.assign(photo, await stored(idOf(pic.body)));
      secret = newKey();
      const mine = await postWithFiles(t.app, harassment(), [jpeg], secret);
      expect(mine.statusCode, mine.body).toBe(201);
      Object.assign(personal, await stored(idOf(mine.body)));
    }, 60_000);

    it('says Accept-Ranges: bytes and an ETag on the whole file, streamed byte for byte', async () => {
      const size = recording.bytes.length;
      expect(size).toBeGreaterThan(1000);
      const res = await rec();
      expect(res.statusCode).toBe(200);
      expect(res.headers['accept-ranges']).toBe('bytes');
      expect(res.headers['etag']).toBe(`"${recording.id}-${size}"`);
      expect(res.headers['content-length']).toBe(String(size));
      expect(res.headers['content-type']).toBe('audio/webm');
      expect(res.headers['content-range']).toBeUndefined();
      expect(res.rawPayload.equals(recording.bytes)).toBe(true);
      const pic = await get(photo.id);
      expect(pic.statusCode).toBe(200);
      expect(pic.headers['accept-ranges']).toBe('bytes');
      expect(pic.headers['cache-control']).toBe('no-cache');
      expect(pic.rawPayload.equals(photo.bytes)).toBe(true);
    });

    it('answers If-None-Match with its ETag by 304 and no body, and anything else whole', async () => {
      const etag = `"${recording.id}-${recording.bytes.length}"`;
      for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
        const res = await rec({ 'if-none-match': header });
        expect(res.statusCode, header).toBe(304);
        expect(res.rawPayload.length).toBe(0);
        expect(res.headers['etag']).toBe(etag);
        expect(res.headers['cache-control']).toBe('no-cache');
      }
      // Checked before Range: a matching tag is a 304 even with a range.
      expect((await rec({ 'if-none-match': etag, range: 'bytes=0-9' })).statusCode).toBe(304);
      const other = await rec({ 'if-none-match': '"something-else"' });
      expect(other.statusCode).toBe(200);
      expect(other.rawPayload.equals(recording.bytes)).toBe(true);
      // Media nobody may see stays a 404, whatever the tag.
      const personalTag = `"${personal.id}-${personal.bytes.length}"`;
      expect((await get(personal.id, { 'if-none-match': personalTag })).statusCode).toBe(404);
      expect((await get(personal.id, { 'if-none-match': '*' })).statusCode).toBe(404);
    });

    it('answers bytes=a-b, bytes=a- and bytes=-n with 206 and exactly those bytes', async () => {
      const all = recording.bytes;
      const size = all.length;
      const cases: Array<[string, number, number]> = [
        ['bytes=0-1', 0, 1], // Safari's first probe
        ['bytes=100-1123', 100, 1123],
        ['bytes=500-', 500, size - 1],
        ['bytes=0-', 0, size - 1],
        ['bytes=-300', size - 300, size - 1],
        [`bytes=-${size + 50}`, 0, size - 1], // a suffix longer than the file: all of it
        [`bytes=${size - 10}-${size + 5000}`, size - 10, size - 1], // an end past the file is cut
        [`bytes=${size - 1}-${size - 1}`, size - 1, size - 1],
        ['BYTES=7-8', 7, 8], // the unit is case-insensitive
      ];
      for (const [range, start, end] of cases) {
        const res = await rec({ range });
        expect(res.statusCode, range).toBe(206);
        expect(res.headers['content-range'], range).toBe(`bytes ${start}-${end}/${size}`);
        expect(res.headers['content-length'], range).toBe(String(end - start + 1));
        expect(res.headers['accept-ranges']).toBe('bytes');
        expect(res.headers['content-type']).toBe('audio/webm');
        expect(res.headers['cache-control']).toBe('no-cache');
        expect(res.headers['content-security-policy']).toContain('sandbox');
        expect(res.rawPayload.equals(all.subarray(start, end + 1)), range).toBe(true);
      }
      // Ranges put together give back the file, as a player's reads do.
      const parts: Buffer[] = [];
      for (let start = 0; start < size; start += 4096) {
        const res = await rec({ range: `bytes=${start}-${start + 4095}` });
        expect(res.statusCode).toBe(206);
        parts.push(res.rawPayload);
      }
      expect(Buffer.concat(parts).equals(all)).toBe(true);
    });

    it('sends photos and recordings, whole or in part, uncompressed to a client that accepts brotli', async () => {
      const enc = { 'accept-encoding': 'gzip, deflate, br' };
      for (const media of [recording, photo]) {
        const whole = await get(media.id, enc);
        expect(whole.statusCode).toBe(200);
        expect(whole.headers['content-encoding']).toBeUndefined();
        expect(whole.rawPayload.equals(media.bytes)).toBe(true);
        const part = await get(media.id, { ...enc, range: 'bytes=100-1099' });
        expect(part.statusCode).toBe(206);
        expect(part.headers['content-encoding']).toBeUndefined();
        expect(part.headers['content-range']).toBe(`bytes 100-1099/${media.bytes.length}`);
        expect(part.rawPayload.equals(media.bytes.subarray(100, 1100))).toBe(true);
      }
    });

    it('answers a range outside the file with 416 and the file size', async () => {
      const size = recording.bytes.length;
      for (const range of [`bytes=${size}-`, `bytes=${size + 10}-${size + 20}`, 'bytes=-0']) {
        const res = await rec({ range });
        expect(res.statusCode, range).toBe(416);
        expect(res.headers['content-range'], range).toBe(`bytes */${size}`);
        expect(res.headers['content-type']).toContain('application/json');
        const [err] = JSON.parse(res.body) as Array<{ code: number; description: string }>;
        expect(err!.code).toBe(416);
        expect(err!.description).toContain(`${size} bytes long`);
        expect(res.rawPayload.includes(recording.bytes.subarray(0, 16))).toBe(false);
      }
    });

    it('ignores malformed and multiple ranges and sends the whole file with 200', async () => {
      for (const range of [
        'bytes=5-2',
        'bytes=0-1,4-5',
        'bytes=0-1, 10-',
        'items=0-5',
        'bytes=abc',
        'bytes=-',
        'bytes=1-2-3',
        'bytes 0-5',
        'bytes=0x10-20',
        'bytes=-5-',
        '',
      ]) {
        const res = await rec({ range });
        expect(res.statusCode, range).toBe(200);
        expect(res.headers['content-range']).toBeUndefined();
        expect(res.headers['accept-ranges']).toBe('bytes');
        expect(res.headers['content-length']).toBe(String(recording.bytes.length));
        expect(res.rawPayload.equals(recording.bytes), range).toBe(true);
      }
    });

    it('honours If-Range only when it is the current ETag', async () => {
      const whole = await rec();
      const etag = whole.headers['etag'] as string;
      const same = await rec({ range: 'bytes=10-19', 'if-range': etag });
      expect(same.statusCode).toBe(206);
      expect(same.rawPayload.equals(recording.bytes.subarray(10, 20))).toBe(true);
      for (const ifRange of [
        `"${recording.id}-1"`, // the file changed size: another representation
        `W/${etag}`, // a weak tag never matches If-Range
        'Tue, 01 Dec 2026 10:00:00 GMT', // a date: we send no Last-Modified
      ]) {
        const other = await rec({ range: 'bytes=10-19', 'if-range': ifRange });
        expect(other.statusCode, ifRange).toBe(200);
        expect(other.rawPayload.equals(recording.bytes), ifRange).toBe(true);
      }
      // If-Range decides before the range is checked against the size.
      const stale = await rec({ range: 'bytes=999999999-', 'if-range': '"old"' });
      expect(stale.statusCode).toBe(200);
      // If-Range without a Range is ignored.
      expect((await rec({ 'if-range': '"old"' })).statusCode).toBe(200);
    });

    it('answers HEAD with the lengths and no body', async () => {
      const size = recording.bytes.length;
      const head = await get(recording.id, {}, 'HEAD');
      expect(head.statusCode).toBe(200);
      expect(head.headers['content-length']).toBe(String(size));
      expect(head.headers['accept-ranges']).toBe('bytes');
      expect(head.rawPayload.length).toBe(0);
      const part = await get(recording.id, { range: 'bytes=0-99' }, 'HEAD');
      expect(part.statusCode).toBe(206);
      expect(part.headers['content-length']).toBe('100');
      expect(part.headers['content-range']).toBe(`bytes 0-99/${size}`);
      expect(part.rawPayload.length).toBe(0);
    });

    it('keeps media nobody may see a 404 with no bytes, whatever the Range', async () => {
      const size = personal.bytes.length;
      const start = personal.bytes.subarray(0, 16);
      const asked: Array<Record<string, string>> = [
        { range: 'bytes=0-99' },
        { range: `bytes=${size}-` }, // unsatisfiable, but the 404 comes first
        { range: 'bytes=-10', 'x-report-secret': newKey() },
        { range: 'bytes=0-1,4-5' },
      ];
      for (const headers of asked) {
        const res = await get(personal.id, headers);
        expect(res.statusCode, headers.range).toBe(404);
        expect(res.headers['content-range']).toBeUndefined();
        expect(res.headers['accept-ranges']).toBeUndefined();
        expect(res.headers['content-type']).toContain('application/json');
        expect(res.body).toContain('There is no photo or recording here');
        expect(res.rawPayload.includes(start)).toBe(false);
      }
      const unknown = await get('A'.repeat(22), { range: 'bytes=0-1' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.headers['content-range']).toBeUndefined();
      // Its reporter gets the range, privately.
      const mine = await get(personal.id, { range: 'bytes=0-99', 'x-report-secret': secret });
      expect(mine.statusCode).toBe(206);
      expect(mine.headers['cache-control']).toBe('private, no-store');
      expect(mine.rawPayload.equals(personal.bytes.subarray(0, 100))).toBe(true);
    });

    it('serves ranges over a real socket as a player reads them', async () => {
      const address = new URL(await t.app.listen({ port: 0, host: '127.0.0.1' }));
      /** One request on its own connection; `dropAfterHeaders` hangs up before reading the body. */
      const request = (headers: Record<string, string>, dropAfterHeaders = false) =>
        new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>(
          (resolve, reject) => {
            const req = httpGet({
              host: address.hostname,
              port: address.port,
              path: `/api/media/${recording.id}`,
              agent: false,
              headers,
            });
            req.on('error', reject);
            req.on('response', (res) => {
              const out = { status: res.statusCode!, headers: res.headers, body: Buffer.alloc(0) };
              if (dropAfterHeaders) {
                req.destroy();
                resolve(out);
                return;
              }
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () => resolve({ ...out, body: Buffer.concat(chunks) }));
              res.on('error', reject);
            });
          },
        );
      const size = recording.bytes.length;
      const probe = await request({ range: 'bytes=0-1' });
      expect(probe.status).toBe(206);
      expect(probe.headers['content-range']).toBe(`bytes 0-1/${size}`);
      expect(probe.body.equals(recording.bytes.subarray(0, 2))).toBe(true);
      const rest = await request({ range: 'bytes=2-', 'if-range': probe.headers.etag! });
      expect(rest.status).toBe(206);
      expect(rest.headers['content-length']).toBe(String(size - 2));
      expect(rest.body.equals(recording.bytes.subarray(2))).toBe(true);
      // A player that hangs up without reading leaves the server serving others (and closing).
      expect((await request({}, true)).status).toBe(200);
      const after = await request({ range: 'bytes=-10' });
      expect(after.body.equals(recording.bytes.subarray(-10))).toBe(true);
    });

    it("audits every ranged read of a centre report's photo and nothing for outsiders", async () => {
      const { cookie } = await signedInCentre(t, 'Range Street Centre');
      const jpeg = await cameraJpeg({ width: 640, height: 480 });
      const body = multipartWithFiles(
        [...hateOnBehalf(), ...centreFields()],
        [{ name: 'IMG_1.JPG', type: 'image/jpeg', bytes: jpeg }],
      );
      const filed = await t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        payload: body.payload,
        headers: {
          'content-type': body.contentType,
          'idempotency-key': randomUUID(),
          'x-centre-background': '1',
          cookie,
        },
      });
      expect(filed.statusCode, filed.body).toBe(201);
      const reference = idOf(filed.body);
      const file = await stored(reference);
      const mediaActions = async () =>
        (await t.store.centres.auditFor(reference))
          .filter((e) => e.action === 'read_media')
          .map((e) => e.actor_kind);

      // Outsiders with a Range: 404, no bytes, nothing audited.
      const { cookie: otherCookie } = await signedInCentre(t, 'Another range centre');
      const outsiders: Array<Record<string, string>> = [{}, { cookie: otherCookie }];
      for (const headers of outsiders) {
        const res = await get(file.id, { ...headers, range: 'bytes=0-99' });
        expect(res.statusCode).toBe(404);
        expect(res.rawPayload.includes(file.bytes.subarray(0, 16))).toBe(false);
      }
      expect(await mediaActions()).toEqual([]);

      // Staff: each request is one audit entry, ranged, whole or refused as out of the file.
      const staff = await signedIn(t.app, await makeStaff(t.store));
      const size = file.bytes.length;
      const first = await get(file.id, { cookie: staff, range: 'bytes=0-1' });
      expect(first.statusCode).toBe(206);
      expect(first.headers['cache-control']).toBe('private, no-store');
      expect(first.rawPayload.equals(file.bytes.subarray(0, 2))).toBe(true);
      const rest = await get(file.id, { cookie: staff, range: 'bytes=2-' });
      expect(rest.rawPayload.equals(file.bytes.subarray(2))).toBe(true);
      expect((await get(file.id, { cookie: staff, range: `bytes=${size}-` })).statusCode).toBe(416);
      expect((await get(file.id, { cookie: staff })).statusCode).toBe(200);
      // The filing centre's user too.
      const mine = await get(file.id, { cookie, range: 'bytes=-100' });
      expect(mine.statusCode).toBe(206);
      expect(mine.rawPayload.equals(file.bytes.subarray(size - 100))).toBe(true);
      expect((await mediaActions()).sort()).toEqual([
        'centre_user',
        'staff',
        'staff',
        'staff',
        'staff',
      ]);
    });
  },
  { mediaInS3: true },
);
