/**
 * GET /api/ready through the real app: 200 while PostgreSQL and the media store answer; 503 when
 * the database is unreachable (connections cut and refused), when it accepts connections but
 * never answers (the check gives up, so the answer comes within READY_TIMEOUT_MS), and when the
 * S3 server is stopped. GET /api/health stays 200 throughout: the process is alive. PostgreSQL is
 * reached through a loopback relay the test can cut.
 */
import { createServer, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { READY_TIMEOUT_MS } from '../../src/server/routes/api/health';
import { openPostgresStore } from '../../src/server/store/postgres';
import {
  demoCouncil,
  PG_URL,
  pgSkipReason,
  postgresDatabase,
  type Database,
  TEST_LOAD,
} from './helpers';
import { startS3Server, type S3Server } from './s3-server';

type Mode = 'relay' | 'down' | 'silent';

async function startRelay(target: URL) {
  let mode: Mode = 'relay';
  const sockets = new Set<Socket>();
  const pairs = new Set<[Socket, Socket]>();
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    if (mode === 'down') return client.destroy();
    if (mode === 'silent') return; // accepted, never answered
    const up = connect(Number(target.port || 5432), target.hostname);
    sockets.add(up);
    up.on('close', () => sockets.delete(up));
    up.on('error', () => client.destroy());
    const pair: [Socket, Socket] = [client, up];
    pairs.add(pair);
    up.on('close', () => pairs.delete(pair));
    client.pipe(up).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    /** 'down' and 'relay' cut every connection; 'silent' leaves them open but carries nothing. */
    set(next: Mode) {
      mode = next;
      if (next === 'silent') {
        for (const [client, up] of pairs) {
          client.unpipe(up);
          up.unpipe(client);
        }
      } else {
        for (const s of sockets) s.destroy();
      }
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const title = 'GET /api/ready on PostgreSQL with media in S3';
(pgSkipReason ? describe.skip : describe)(
  pgSkipReason ? `${title} (skipped: ${pgSkipReason})` : title,
  () => {
    let db: Database;
    let s3: S3Server;
    let relay: Awaited<ReturnType<typeof startRelay>>;
    let app: Awaited<ReturnType<typeof buildApp>>;
    beforeAll(async () => {
      db = await postgresDatabase();
      s3 = await startS3Server();
      relay = await startRelay(new URL(PG_URL));
      const url = new URL(PG_URL);
      url.host = `127.0.0.1:${relay.port}`;
      app = await buildApp({
        load: TEST_LOAD,
        council: demoCouncil,
        store: await openPostgresStore({ connectionString: url.toString(), searchPath: db.schema }),
        distDir: join(tmpdir(), 'nr-no-dist'),
        media: s3.media('ready'),
      });
    });
    afterAll(async () => {
      relay?.set('down');
      await app?.close();
      await relay?.close();
      await s3?.stop();
      await db?.drop();
    });

    const ready = async () => {
      const began = Date.now();
      const res = await app.inject({ url: '/api/ready' });
      return { status: res.statusCode, body: res.json(), ms: Date.now() - began };
    };

    it('is 200 while both answer', async () => {
      expect(await ready()).toMatchObject({
        status: 200,
        body: { ok: true, database: 'ok', media: 'ok' },
      });
    });

    it('is 503 when the database is unreachable, and 200 again when it is back', async () => {
      relay.set('down');
      const r = await ready();
      expect(r).toMatchObject({
        status: 503,
        body: { ok: false, database: 'failed', media: 'ok' },
      });
      console.log(`ready with PostgreSQL unreachable: 503 in ${r.ms} ms`);
      expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
      relay.set('relay');
      expect((await ready()).status).toBe(200);
    });

    it('is 503 when the database accepts connections but never answers: the check gives up', async () => {
      relay.set('silent');
      const r = await ready();
      expect(r).toMatchObject({
        status: 503,
        body: { ok: false, database: 'timed out', media: 'ok' },
      });
      expect(r.ms).toBeGreaterThanOrEqual(READY_TIMEOUT_MS - 50);
      console.log(`ready with PostgreSQL silent: 503 in ${r.ms} ms`);
      relay.set('relay');
    });

    it('is 503 when the S3 server is stopped', async () => {
      await s3.stop();
      const r = await ready();
      expect(r).toMatchObject({
        status: 503,
        body: { ok: false, database: 'ok', media: 'failed' },
      });
      console.log(`ready with S3 stopped: 503 in ${r.ms} ms`);
    });
  },
);
