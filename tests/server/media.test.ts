/**
 * The media pipeline through the real app on real SQLite and PostgreSQL: photos re-encoded with
 * no metadata, recordings checked by content, limits with clear 4xx answers, storage outside the
 * web root, media URLs only for whoever may see the report, and idempotency over the bytes.
 */
import { createHash, randomFillSync } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { bombPng, cameraJpeg, pdfBytes } from '../fixtures/photos';
import { describeEachStore, flyTipping, harassment, newKey, riskAnswers } from './helpers';
import {
  descriptions,
  fixture,
  noise,
  postWithFiles,
  storedBytes,
  storedCount,
  type FilePart,
} from './media-helpers';
import { bearer, makeApiKey } from './staff-helpers';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const GPS = { lat: 51.8003, long: -0.2051 };

let camera: Buffer;
beforeAll(async () => {
  camera = await cameraJpeg({ gps: GPS, make: 'Example Camera Co', model: 'Phone 12' });
}, 60_000);

const jpeg = (bytes: Buffer, name = 'photo.jpg'): FilePart => ({ name, type: 'image/jpeg', bytes });
const smallPng = (n: number) =>
  sharp({
    create: { width: 64, height: 48, channels: 3, background: { r: n * 40, g: 90, b: 120 } },
  })
    .png()
    .toBuffer();

interface MediaRow {
  id: string;
  report_id: string;
  kind: string;
  content_type: string;
  file_name: string;
  duration_ms: number | null;
  upload_sha256: string;
  position: number;
}

describeEachStore(
  'Media uploads',
  (t) => {
    const rows = async (reportId: string) =>
      (await t.db.query(
        `SELECT * FROM media WHERE report_id = '${reportId}' ORDER BY position`,
      )) as MediaRow[];
    const idOf = (body: string) =>
      (JSON.parse(body) as Array<{ service_request_id: string }>)[0]!.service_request_id;
    const storedFile = (name: string) => storedBytes(t.app, name);

    it('re-encodes a 12-megapixel camera photo: at most 1920 px, no EXIF, GPS or profile', async () => {
      expect((await sharp(camera).metadata()).exif).toBeDefined();
      const res = await postWithFiles(t.app, flyTipping(), [jpeg(camera, 'IMG_0001.JPG')]);
      expect(res.statusCode, res.body).toBe(201);
      const [row] = await rows(idOf(res.body));
      expect(row).toMatchObject({ kind: 'photo', content_type: 'image/jpeg', position: 0 });
      expect(row!.upload_sha256).toBe(sha256(camera));
      const stored = await storedFile(row!.file_name);
      const meta = await sharp(stored).metadata();
      expect(meta.format).toBe('jpeg');
      expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(1920);
      expect(stored.length).toBeLessThanOrEqual(600 * 1024);
      expect(meta.exif).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(stored.includes(Buffer.from('Example Camera Co'))).toBe(false);
      // Random names, kept outside the web root.
      expect(row!.file_name).toMatch(/^[A-Za-z0-9_-]{22}\.jpg$/);
    });

    it('lists media_url and media_urls on the public view and serves the file', async () => {
      const photos = [jpeg(await smallPng(1), 'a.png'), jpeg(await smallPng(2), 'b.png')];
      const res = await postWithFiles(t.app, flyTipping(), photos);
      expect(res.statusCode, res.body).toBe(201);
      const id = idOf(res.body);
      const view = await t.app.inject({ url: `/open311/v2/requests/${id}.json` });
      const [v] = JSON.parse(view.body) as Array<{ media_url: string; media_urls: string[] }>;
      expect(v!.media_urls).toHaveLength(2);
      expect(v!.media_url).toBe(v!.media_urls[0]);
      expect(v!.media_url).toMatch(/^http:\/\/localhost(:\d+)?\/api\/media\/[A-Za-z0-9_-]{22}$/);
      const file = await t.app.inject({ url: new URL(v!.media_urls[1]!).pathname });
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('image/jpeg');
      expect(file.headers['content-security-policy']).toContain("default-src 'none'");
      expect((await sharp(file.rawPayload).metadata()).width).toBe(64);
      const list = await t.app.inject({
        url: `/open311/v2/requests.json?service_request_id=${id}`,
      });
      expect(JSON.parse(list.body)[0].media_urls).toEqual(v!.media_urls);
    });

    it('keeps Personal media for the reporter and those allowed to read reports', async () => {
      const key = newKey();
      const res = await postWithFiles(t.app, harassment(), [jpeg(await smallPng(3))], key);
      expect(res.statusCode, res.body).toBe(201);
      const id = idOf(res.body);
      const [row] = await rows(id);
      const url = `/api/media/${row!.id}`;
      expect((await t.app.inject({ url })).statusCode).toBe(404);
      const wrong = await t.app.inject({ url, headers: { 'x-report-secret': newKey() } });
      expect(wrong.statusCode).toBe(404);
      const mine = await t.app.inject({ url, headers: { 'x-report-secret': key } });
      expect(mine.statusCode).toBe(200);
      expect(mine.headers['cache-control']).toBe('private, no-store');
      const publicView = await t.app.inject({ url: `/open311/v2/requests/${id}.json` });
      expect(publicView.body).not.toContain('/api/media/');
      const full = await t.app.inject({
        url: `/open311/v2/requests/${id}.json`,
        headers: { 'x-report-secret': key },
      });
      expect(JSON.parse(full.body)[0].media_url).toContain(row!.id);
      expect((await t.app.inject({ url: '/api/media/not-an-id' })).statusCode).toBe(404);
      // Integrations allowed to read reports see it too; a made-up key is refused.
      const reader = await makeApiKey(t.store, ['reports:read']);
      expect((await t.app.inject({ url, headers: bearer(reader) })).statusCode).toBe(200);
      const fake = bearer(`nrk_${'x'.repeat(43)}`);
      expect((await t.app.inject({ url, headers: fake })).statusCode).toBe(401);
    });

    it('refuses PDF bytes named .jpg with 415', async () => {
      const res = await postWithFiles(t.app, flyTipping(), [jpeg(pdfBytes(), 'bags.jpg')]);
      expect(res.statusCode).toBe(415);
      expect(descriptions(res.body)[0]).toMatch(/"bags\.jpg" is not a photo .*application\/pdf/);
    });

    it('refuses a 30 MB upload with 413', async () => {
      const big = randomFillSync(Buffer.alloc(30 * 1024 * 1024));
      big.set([0xff, 0xd8, 0xff, 0xe0], 0);
      const res = await postWithFiles(t.app, flyTipping(), [jpeg(big, 'huge.jpg')]);
      expect(res.statusCode).toBe(413);
      expect(descriptions(res.body)[0]).toMatch(/"huge\.jpg" is larger than 12 MB/);
    });

    it('refuses a sixth photo with 400', async () => {
      const photos = await Promise.all([1, 2, 3, 4, 5, 6].map(smallPng));
      const res = await postWithFiles(
        t.app,
        flyTipping(),
        photos.map((b, i) => ({ name: `p${i}.png`, type: 'image/png', bytes: b })),
      );
      expect(res.statusCode).toBe(400);
      expect(descriptions(res.body)).toEqual([
        'media: at most 5 photos may be sent with a report.',
      ]);
    });

    it('refuses a fourth recording with 400', async () => {
      const clip = { name: 'c.webm', type: 'audio/webm', bytes: fixture('tone-2s.webm') };
      const res = await postWithFiles(t.app, noise(riskAnswers()), [clip, clip, clip, clip]);
      expect(res.statusCode).toBe(400);
      expect(descriptions(res.body)).toEqual([
        'media: at most 3 recordings may be sent with a report.',
      ]);
    });

    it('keeps a noise recording as audio with its duration (MP4 and WebM)', async () => {
      for (const [name, type] of [
        ['tone-2s.m4a', 'audio/mp4'],
        ['tone-2s.webm', 'audio/webm'],
      ] as const) {
        const bytes = fixture(name);
        const res = await postWithFiles(t.app, noise(riskAnswers()), [{ name, type, bytes }]);
        expect(res.statusCode, res.body).toBe(201);
        const [row] = await rows(idOf(res.body));
        expect(row!.content_type).toBe(type);
        expect(Number(row!.duration_ms)).toBeGreaterThan(1500);
        expect(Number(row!.duration_ms)).toBeLessThan(2500);
        expect((await storedFile(row!.file_name)).equals(bytes)).toBe(true);
      }
    });

    it('refuses video, recordings over 30 s, and media a category does not take', async () => {
      const video = await postWithFiles(t.app, noise(riskAnswers()), [
        { name: 'clip.webm', type: 'audio/webm', bytes: fixture('camera-1s.webm') },
      ]);
      expect(video.statusCode).toBe(415);
      expect(descriptions(video.body)[0]).toMatch(/video/);
      const long = await postWithFiles(t.app, noise(riskAnswers()), [
        { name: 'long.webm', type: 'audio/webm', bytes: fixture('tone-33s.webm') },
      ]);
      expect(long.statusCode).toBe(400);
      expect(descriptions(long.body)[0]).toMatch(/at most 30 seconds/);
      const photoForNoise = await postWithFiles(t.app, noise(riskAnswers()), [
        jpeg(await smallPng(4)),
      ]);
      expect(photoForNoise.statusCode).toBe(400);
      expect(descriptions(photoForNoise.body)[0]).toMatch(/do not take photos/);
      const recordingForFlyTipping = await postWithFiles(t.app, flyTipping(), [
        { name: 'r.m4a', type: 'audio/mp4', bytes: fixture('tone-2s.m4a') },
      ]);
      expect(recordingForFlyTipping.statusCode).toBe(400);
    });

    it('refuses file parts under another name, empty files and a damaged JPEG', async () => {
      const other = await postWithFiles(t.app, flyTipping(), [
        { ...jpeg(await smallPng(5)), field: 'photo' },
      ]);
      expect(other.statusCode).toBe(400);
      expect(descriptions(other.body)[0]).toMatch(/file parts named "media"/);
      const empty = await postWithFiles(t.app, flyTipping(), [jpeg(Buffer.alloc(0), 'e.jpg')]);
      expect(empty.statusCode).toBe(400);
      const cut = await postWithFiles(t.app, flyTipping(), [jpeg(camera.subarray(0, 5000))]);
      expect(cut.statusCode).toBe(415);
    });

    it('replays a resend with the same photos and refuses the same key with other photos', async () => {
      const key = newKey();
      const first = await postWithFiles(t.app, flyTipping(), [jpeg(await smallPng(6))], key);
      expect(first.statusCode).toBe(201);
      const again = await postWithFiles(t.app, flyTipping(), [jpeg(await smallPng(6))], key);
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toBe(first.body);
      expect(await rows(idOf(first.body))).toHaveLength(1);
      const other = await postWithFiles(t.app, flyTipping(), [jpeg(await smallPng(7))], key);
      expect(other.statusCode).toBe(422);
    });

    it('leaves no file behind when the report is refused', async () => {
      const before = await storedCount(t.app);
      const bad = flyTipping().filter(([n]) => n !== 'service_code');
      const res = await postWithFiles(
        t.app,
        [['service_code', 'fly-tipping'], ...bad.slice(0, 2)],
        [jpeg(await smallPng(8))],
      );
      expect(res.statusCode).toBe(400);
      const mixed = await postWithFiles(t.app, flyTipping(), [
        jpeg(await smallPng(8)),
        jpeg(pdfBytes(), 'second.jpg'),
      ]);
      expect(mixed.statusCode).toBe(415);
      expect(await storedCount(t.app)).toBe(before);
    });
  },
  { mediaInS3: true },
);

describe('Decompression bomb', () => {
  it('refuses a PNG declaring 50,000 x 50,000 pixels with 413, under 300 MB of memory', () => {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'media-bomb-probe.ts')],
      { encoding: 'utf8', timeout: 110_000 },
    );
    const r = JSON.parse(out.trim().split('\n').pop()!) as {
      status: number;
      body: string;
      maxRssMb: number;
    };
    expect(r.status, r.body).toBe(413);
    expect(r.body).toContain('50,000 x 50,000 pixels');
    expect(r.maxRssMb).toBeLessThan(300);
    expect(bombPng().length).toBeLessThan(2000);
  });
});
