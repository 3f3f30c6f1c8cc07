/**
 * Two instances as production runs them: two compiled server processes (plain node), each on its
 * own port, on one PostgreSQL schema and one S3 server. A report with photos filed through A is
 * read with its photos (whole and a byte range) through B; a status update posted to B shows on
 * A; A is killed (SIGKILL) in the middle of a run of resident reports sent alternately to both,
 * each retried with its Idempotency-Key until answered, and every report is stored exactly once.
 * Also: GET /api/ready on both, and 503 from it once the S3 server is stopped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_SECRET_HEADER } from '../../src/shared/open311';
import { STALE_CLAIM_MS } from '../../src/server/reports/idempotency';
import { cameraJpeg } from '../fixtures/photos';
import type { RunningServer } from '../e2e/harness';
import { startCluster, type Cluster } from './cluster';
import { flyTipping, newKey, pgSkipReason, replacing, urlEncoded, type Fields } from './helpers';
import { multipartWithFiles } from './media-helpers';
import { bearer, makeApiKey, UPDATES_URL, updateFields } from './staff-helpers';

const REQUESTS = '/open311/v2/requests.json';
const RUN = 40;

async function post(server: RunningServer, fields: Fields, key: string) {
  const res = await fetch(`${server.url}${REQUESTS}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': key },
    body: urlEncoded(fields),
  });
  return { status: res.status, body: await res.text() };
}

const title = 'Two instances on one PostgreSQL and one S3 server';
(pgSkipReason ? describe.skip : describe)(
  pgSkipReason ? `${title} (skipped: ${pgSkipReason})` : title,
  () => {
    let cluster: Cluster;
    let a: RunningServer;
    let b: RunningServer;
    beforeAll(async () => {
      cluster = await startCluster(2, { apiOnly: true });
      [a, b] = cluster.instances as [RunningServer, RunningServer];
    }, 180_000);
    afterAll(async () => cluster?.close(), 60_000);

    it('both are ready: the database and the object store answer', async () => {
      for (const s of [a, b]) {
        const res = await fetch(`${s.url}/api/ready`);
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ ok: true, database: 'ok', media: 'ok' });
      }
    });

    it('a report with photos filed through A is read, with its photos, through B', async () => {
      const photos = [await cameraJpeg({ width: 900 }), await cameraJpeg({ width: 640 })];
      const body = multipartWithFiles(
        flyTipping(),
        photos.map((bytes, i) => ({ name: `p${i}.jpg`, type: 'image/jpeg', bytes })),
      );
      const sent = await fetch(`${a.url}${REQUESTS}`, {
        method: 'POST',
        headers: { 'content-type': body.contentType, 'idempotency-key': newKey() },
        body: body.payload,
      });
      const text = await sent.text();
      expect(sent.status, text).toBe(201);
      const ref = (JSON.parse(text) as Array<{ service_request_id: string }>)[0]!
        .service_request_id;

      const view = await fetch(`${b.url}/open311/v2/requests/${ref}.json`);
      expect(view.status).toBe(200);
      const [v] = (await view.json()) as Array<{ media_urls: string[] }>;
      expect(v!.media_urls).toHaveLength(2);
      for (const mediaUrl of v!.media_urls) {
        const path = new URL(mediaUrl).pathname;
        const fromA = Buffer.from(await (await fetch(`${a.url}${path}`)).arrayBuffer());
        const fromB = await fetch(`${b.url}${path}`);
        expect(fromB.status).toBe(200);
        expect(fromB.headers.get('content-type')).toBe('image/jpeg');
        const bytesB = Buffer.from(await fromB.arrayBuffer());
        expect(bytesB.length).toBeGreaterThan(1000);
        expect(bytesB.equals(fromA)).toBe(true);
        const etag = fromB.headers.get('etag')!;
        const part = await fetch(`${b.url}${path}`, { headers: { range: 'bytes=100-299' } });
        expect(part.status).toBe(206);
        expect(Buffer.from(await part.arrayBuffer()).equals(bytesB.subarray(100, 300))).toBe(true);
        const again = await fetch(`${a.url}${path}`, { headers: { 'if-none-match': etag } });
        expect(again.status).toBe(304);
      }
    });

    it('a status update posted to B shows on A', async () => {
      const secret = newKey();
      const sent = await post(a, flyTipping(), secret);
      expect(sent.status, sent.body).toBe(201);
      const ref = (JSON.parse(sent.body) as Array<{ service_request_id: string }>)[0]!
        .service_request_id;
      const store = await cluster.db.openStore();
      const writer = await makeApiKey(store, ['updates:write']).finally(() => store.close());
      const update = await fetch(`${b.url}${UPDATES_URL}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...bearer(writer) },
        body: urlEncoded(
          updateFields({
            reference: ref,
            status: 'INVESTIGATING',
            note: 'Seen by a second server.',
          }),
        ),
      });
      expect(update.status, await update.text()).toBe(201);
      // As the reporter sees it (the council's note is for the reporter, not the public view).
      const onA = await fetch(`${a.url}/open311/v2/requests/${ref}.json`, {
        headers: { [REPORT_SECRET_HEADER]: secret },
      });
      const [r] = (await onA.json()) as Array<{ status_notes: string }>;
      expect(r).toMatchObject({
        status_notes: 'Seen by a second server.',
      });
    });

    it('stores every report exactly once when A is killed in the middle of a run sent to both', async () => {
      const keys = Array.from({ length: RUN }, () => newKey());
      const answered = new Map<string, string>();
      let killedAt = -1;
      const sendOne = async (i: number) => {
        const fields = replacing(flyTipping(), 'description', `Run report ${i} of ${RUN}.`);
        // Alternately to A and B; whatever fails (A gone) is sent again to the other, as a
        // phone's outbox does, with the same key.
        const seen: string[] = [];
        // A report caught in flight by the kill keeps its key claimed until the claim is stale
        // (STALE_CLAIM_MS, 2 minutes): answered 409 until then, as a phone would be.
        const deadline = Date.now() + STALE_CLAIM_MS + 60_000;
        for (let attempt = 0; Date.now() < deadline; attempt++) {
          const target = (i + attempt) % 2 === 0 ? a : b;
          try {
            const res = await post(target, fields, keys[i]!);
            if (res.status === 201) {
              answered.set(keys[i]!, res.body);
              return;
            }
            seen.push(`${res.status} ${res.body.slice(0, 120)}`);
          } catch {
            seen.push('no answer');
            // Connection refused or reset: the instance is down.
          }
          await new Promise((r) => setTimeout(r, Math.min(100 + attempt * 200, 2000)));
        }
        throw new Error(`report ${i} was never answered: ${seen.join('; ')}`);
      };
      const inFlight: Array<Promise<void>> = [];
      try {
        for (let i = 0; i < RUN; i++) {
          inFlight.push(sendOne(i));
          if (i === RUN / 2) {
            killedAt = i;
            await a.kill();
          }
          await new Promise((r) => setTimeout(r, 20));
        }
        await Promise.all(inFlight);
      } finally {
        await Promise.allSettled(inFlight);
        await a.start();
      }
      expect(killedAt).toBe(RUN / 2);
      expect(answered.size).toBe(RUN);
      const rows = (await cluster.db.query(
        `SELECT id, description FROM reports WHERE description LIKE 'Run report %'`,
      )) as Array<{ id: string; description: string }>;
      expect(rows).toHaveLength(RUN);
      expect(new Set(rows.map((r) => r.description)).size).toBe(RUN);
      // The reference each sender was given is the one stored.
      const ids = new Set(rows.map((r) => r.id));
      for (const body of answered.values()) {
        expect(
          ids.has(
            (JSON.parse(body) as Array<{ service_request_id: string }>)[0]!.service_request_id,
          ),
        ).toBe(true);
      }
    }, 300_000);

    it('GET /api/ready answers 503 once the S3 server is stopped; health still 200', async () => {
      await cluster.s3.stop();
      for (const s of [a, b]) {
        const began = Date.now();
        const res = await fetch(`${s.url}/api/ready`);
        expect(res.status).toBe(503);
        const body = (await res.json()) as { ok: boolean; database: string; media: string };
        expect(body).toMatchObject({ ok: false, database: 'ok' });
        expect(body.media).not.toBe('ok');
        console.log(`ready without S3: 503 (${body.media}) in ${Date.now() - began} ms`);
      }
      expect((await fetch(`${a.url}/api/health`)).status).toBe(200);
    });
  },
);
