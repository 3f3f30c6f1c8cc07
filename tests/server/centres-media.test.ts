/**
 * Photos with reports filed by reporting centres (through the residents' media pipeline), on real
 * SQLite and PostgreSQL: a centre report takes photos through the same media pipeline (re-encoded,
 * every bit of metadata stripped, bombs refused, the Idempotency-Key covering the bytes), and its
 * photos are as private as the report: staff, integrations allowed to read reports and users of
 * the filing centre may fetch them, each read in the centre audit log; another centre, the
 * tablet's key used as a reporter's secret, and anyone else get the 404 of a missing file. The
 * centre's own report JSON (its report page) lists the photos for the filing centre only.
 */
import { createHash, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { beforeAll, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/server/centres/centres-repository';
import { bombPng, cameraJpeg } from '../fixtures/photos';
import {
  centreFields,
  centreSignedIn,
  hateOnBehalf,
  makeCentreUser,
  signedInCentre,
} from './centres-helpers';
import { describeEachStore, type Fields } from './helpers';
import { descriptions, multipartWithFiles, storedBytes, type FilePart } from './media-helpers';
import { bearer, makeApiKey, makeStaff, signedIn } from './staff-helpers';

const CAMERA_MAKE = 'Example Camera Co';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let camera: Buffer;
beforeAll(async () => {
  camera = await cameraJpeg({
    width: 2400,
    height: 1800,
    gps: { lat: 51.8003, long: -0.2051 },
    make: CAMERA_MAKE,
    model: 'Phone 12',
  });
}, 60_000);

const photo = (bytes: Buffer, name = 'IMG_0001.JPG'): FilePart => ({
  name,
  type: 'image/jpeg',
  bytes,
});

describeEachStore(
  'photos with reports filed by reporting centres',
  (t) => {
    /** POSTs a centre report with files, as the tablet does (its cookie, same origin). */
    const fileWithPhotos = (cookie: string, files: FilePart[], key: string, fields?: Fields) => {
      const body = multipartWithFiles(fields ?? [...hateOnBehalf(), ...centreFields()], files);
      return t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        payload: body.payload,
        headers: {
          'content-type': body.contentType,
          'idempotency-key': key,
          'x-centre-background': '1',
          cookie,
        },
      });
    };
    const idOf = (body: string) =>
      (JSON.parse(body) as Array<{ service_request_id: string }>)[0]!.service_request_id;
    const mediaRows = async (reportId: string) =>
      (await t.db.query(
        `SELECT id, file_name, upload_sha256 FROM media WHERE report_id = '${reportId}' ORDER BY position`,
      )) as Array<{ id: string; file_name: string; upload_sha256: string }>;
    const audited = async (reportId: string) =>
      (await t.store.centres.auditFor(reportId)).map(
        (e: AuditEntry) => `${e.actor_kind}:${e.action}`,
      );
    const getMedia = (id: string, headers: Record<string, string> = {}) =>
      t.app.inject({ url: `/api/media/${id}`, headers });

    it('takes a photo with a centre report, strips its metadata, and keeps one copy on a retry', async () => {
      expect((await sharp(camera).metadata()).exif).toBeDefined();
      expect(camera.includes(Buffer.from(CAMERA_MAKE))).toBe(true);
      const { centre: c, cookie } = await signedInCentre(t, 'Northgate Library');
      const key = randomUUID();
      const first = await fileWithPhotos(cookie, [photo(camera)], key);
      expect(first.statusCode, first.body).toBe(201);
      const reference = idOf(first.body);
      expect(await t.store.centres.findFiling(reference)).toMatchObject({ centre_id: c.id });

      const rows = await mediaRows(reference);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.upload_sha256).toBe(sha256(camera));
      const stored = await storedBytes(t.app, rows[0]!.file_name);
      const meta = await sharp(stored).metadata();
      expect(meta.format).toBe('jpeg');
      expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(1920);
      expect(meta.exif).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(stored.includes(Buffer.from(CAMERA_MAKE))).toBe(false);
      expect(stored.includes(Buffer.from('Exif'))).toBe(false);

      // The answer to the first attempt was lost: the tablet sends the same bytes again.
      const again = await fileWithPhotos(cookie, [photo(camera)], key);
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toBe(first.body);
      expect(await mediaRows(reference)).toHaveLength(1);
      // Other bytes under the same key are another request, refused.
      const other = await fileWithPhotos(cookie, [photo(await cameraJpeg({ seed: 7 }))], key);
      expect(other.statusCode).toBe(422);
    });

    it('refuses a decompression bomb with a centre report as with any other, and frees the key', async () => {
      const { cookie } = await signedInCentre(t);
      const key = randomUUID();
      const bomb = await fileWithPhotos(cookie, [photo(bombPng(), 'bomb.png')], key);
      expect(bomb.statusCode).toBe(413);
      expect(descriptions(bomb.body)[0]).toContain('megapixels');
      // The corrected report goes with the same key.
      const fixed = await fileWithPhotos(cookie, [photo(camera)], key);
      expect(fixed.statusCode, fixed.body).toBe(201);
    });

    it('serves the photo only to staff, integrations and the filing centre, each read audited', async () => {
      const { centre: c, cookie } = await signedInCentre(t, 'Riverside Community Centre');
      const key = randomUUID();
      const filed = await fileWithPhotos(cookie, [photo(camera)], key);
      expect(filed.statusCode, filed.body).toBe(201);
      const reference = idOf(filed.body);
      const [row] = await mediaRows(reference);
      const mediaId = row!.id;
      expect(await audited(reference)).toEqual(['centre_user:file']);

      // Nobody else: the public, the tablet's key as a reporter's secret, another centre.
      const { cookie: otherCookie } = await signedInCentre(t, 'Another centre');
      const readKey = await makeApiKey(t.store, ['reports:read']);
      const resident = { 'x-report-secret': key };
      const outsiders: Array<Record<string, string>> = [{}, resident, { cookie: otherCookie }];
      for (const headers of outsiders) {
        const res = await getMedia(mediaId, headers);
        expect(res.statusCode).toBe(404);
        expect(res.body).toContain('There is no photo or recording here');
        expect(res.headers['content-type']).not.toContain('image');
        const view = await t.app.inject({
          url: `/open311/v2/requests/${reference}.json`,
          headers,
        });
        expect(view.statusCode).toBe(404);
      }
      expect(await audited(reference)).toEqual(['centre_user:file']);

      // Staff: the view lists it, the file is served privately, the read is audited.
      const staff = await signedIn(t.app, await makeStaff(t.store));
      const view = await t.app.inject({
        url: `/open311/v2/requests/${reference}.json`,
        headers: { cookie: staff },
      });
      const [v] = JSON.parse(view.body) as Array<{ media_urls: string[] }>;
      expect(v!.media_urls).toEqual([expect.stringMatching(new RegExp(`/api/media/${mediaId}$`))]);
      const byStaff = await getMedia(mediaId, { cookie: staff });
      expect(byStaff.statusCode).toBe(200);
      expect(byStaff.headers['content-type']).toBe('image/jpeg');
      expect(byStaff.headers['cache-control']).toBe('private, no-store');
      expect(byStaff.rawPayload.equals(await storedBytes(t.app, row!.file_name))).toBe(true);

      // An integration allowed to read reports, and another user of the filing centre.
      expect((await getMedia(mediaId, bearer(readKey))).statusCode).toBe(200);
      const colleague = await centreSignedIn(t.app, await makeCentreUser(t.store, c.code));
      expect((await getMedia(mediaId, { cookie: colleague })).statusCode).toBe(200);

      const entries = await t.store.centres.auditFor(reference);
      expect(entries.map((e) => `${e.actor_kind}:${e.action}`)).toEqual([
        'centre_user:file',
        'staff:read',
        'staff:read_media',
        'integration:read_media',
        'centre_user:read_media',
      ]);
      expect(entries.at(-1)!.actor_centre_id).toBe(c.id);
      expect(entries.filter((e) => e.action === 'read_media').map((e) => e.report_id)).toEqual([
        reference,
        reference,
        reference,
      ]);
    });

    it("lists the photos in the filing centre's report JSON, whose URLs only that centre fetches", async () => {
      const { cookie } = await signedInCentre(t, 'Eastfield Community Hub');
      const filed = await fileWithPhotos(
        cookie,
        [photo(camera), photo(await cameraJpeg({ width: 800, height: 1200, seed: 3 }), 'b.jpg')],
        randomUUID(),
      );
      expect(filed.statusCode, filed.body).toBe(201);
      const reference = idOf(filed.body);
      const ids = (await mediaRows(reference)).map((r) => r.id);
      expect(ids).toHaveLength(2);

      const detail = (headers: Record<string, string>) =>
        t.app.inject({ url: `/api/centre/reports/${reference}.json`, headers });
      const res = await detail({ cookie });
      expect(res.statusCode, res.body).toBe(200);
      const [view] = JSON.parse(res.body) as Array<{
        media_url: string;
        media_urls: string[];
        media_items: Array<Record<string, unknown>>;
      }>;
      const urls = ids.map((id) =>
        expect.stringMatching(new RegExp(`^http://[^/]+/api/media/${id}$`)),
      );
      expect(view!.media_urls).toEqual(urls);
      expect(view!.media_url).toBe(view!.media_urls[0]);
      expect(view!.media_items).toEqual([
        {
          url: view!.media_urls[0],
          kind: 'photo',
          content_type: 'image/jpeg',
          width: 1920,
          height: 1440,
        },
        {
          url: view!.media_urls[1],
          kind: 'photo',
          content_type: 'image/jpeg',
          width: 800,
          height: 1200,
        },
      ]);

      // The URLs as the page fetches them: the filing centre gets the photos, another centre the
      // 404 of a missing file (and the report itself is a 404 for it too).
      const paths = view!.media_urls.map((u) => new URL(u).pathname);
      for (const path of paths) {
        const got = await t.app.inject({ url: path, headers: { cookie } });
        expect(got.statusCode).toBe(200);
        expect(got.headers['content-type']).toBe('image/jpeg');
      }
      const { cookie: otherCookie } = await signedInCentre(t, 'Westbrook Advice Centre');
      expect((await detail({ cookie: otherCookie })).statusCode).toBe(404);
      for (const path of paths) {
        const got = await t.app.inject({ url: path, headers: { cookie: otherCookie } });
        expect(got.statusCode).toBe(404);
        expect(got.headers['content-type']).not.toContain('image');
      }

      // The report read is audited once; each photo fetched once more as read_media.
      expect((await audited(reference)).sort()).toEqual(
        [
          'centre_user:file',
          'centre_user:read',
          'centre_user:read_media',
          'centre_user:read_media',
        ].sort(),
      );
    });
  },
  { mediaInS3: true },
);
