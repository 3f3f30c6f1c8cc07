/**
 * Orphan media files, on a real SQLite file and on PostgreSQL with a real temporary media folder:
 * the app sweeps, when it starts, files no `media` row refers to that are over an hour old
 * (keeping younger ones, which may be another instance's upload in flight, files with rows, and
 * anything not named as a media file), and logs what it removed; and a report whose transaction
 * fails removes its own files (a trigger makes the database refuse the media rows).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type AppOptions } from '../../src/server/app';
import { newMediaId } from '../../src/server/media/media-files';
import { openSqliteStore } from '../../src/server/store/sqlite';
import type { Store } from '../../src/server/store/store';
import {
  demoCouncil,
  flyTipping,
  newKey,
  pgSkipReason,
  postgresDatabase,
  type BackendName,
  TEST_LOAD,
} from './helpers';
import { postWithFiles } from './media-helpers';

/** A database the test may also write to behind the store's back (to add a failing trigger). */
interface WritableDb {
  openStore(): Promise<Store>;
  query(sql: string): Promise<unknown[]>;
  drop(): Promise<void>;
}

function sqliteDb(): WritableDb {
  const dir = mkdtempSync(join(tmpdir(), 'nr-orphans-'));
  const file = join(dir, 'reports.sqlite');
  return {
    openStore: async () => openSqliteStore(file),
    async query(sql) {
      const raw = new BetterSqlite3(file);
      try {
        const statement = raw.prepare(sql);
        return statement.reader ? statement.all() : (statement.run(), []);
      } finally {
        raw.close();
      }
    },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

const FAIL_MEDIA_INSERTS: Record<BackendName, string[]> = {
  sqlite: [
    `CREATE TRIGGER refuse_media BEFORE INSERT ON media BEGIN SELECT RAISE(ABORT, 'the disk is full (test)'); END`,
  ],
  postgres: [
    `CREATE FUNCTION refuse_media() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'the disk is full (test)'; END $$ LANGUAGE plpgsql`,
    `CREATE TRIGGER refuse_media BEFORE INSERT ON media FOR EACH ROW EXECUTE FUNCTION refuse_media()`,
  ],
};
const ALLOW_MEDIA_INSERTS: Record<BackendName, string[]> = {
  sqlite: ['DROP TRIGGER refuse_media'],
  postgres: ['DROP TRIGGER refuse_media ON media', 'DROP FUNCTION refuse_media()'],
};

const TWO_HOURS_AGO = () => new Date(Date.now() - 2 * 60 * 60 * 1000);
const smallPhoto = (n: number) =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: { r: n, g: 80, b: 160 } } })
    .png()
    .toBuffer();

for (const name of ['sqlite', 'postgres'] as const) {
  const skip = name === 'postgres' ? pgSkipReason : null;
  const title = 'Orphan media files';
  (skip ? describe.skip : describe)(
    skip ? `${title} on postgres (skipped: ${skip})` : `${title} on ${name}`,
    () => {
      let db: WritableDb;
      const apps: FastifyInstance[] = [];
      const folders: string[] = [];
      const start = async (overrides: Partial<AppOptions> = {}) => {
        const app = await buildApp({
          load: TEST_LOAD,
          council: demoCouncil,
          store: await db.openStore(),
          distDir: join(tmpdir(), 'nr-no-dist'),
          ...overrides,
        });
        apps.push(app);
        return app;
      };
      const newFolder = () => {
        const dir = mkdtempSync(join(tmpdir(), 'nr-orphan-media-'));
        folders.push(dir);
        return dir;
      };
      const idOf = (body: string) =>
        (JSON.parse(body) as Array<{ service_request_id: string }>)[0]!.service_request_id;

      beforeAll(async () => {
        db = name === 'sqlite' ? sqliteDb() : await postgresDatabase();
      });
      afterAll(async () => {
        for (const app of apps) await app.close();
        await db?.drop();
        for (const dir of folders) rmSync(dir, { recursive: true, force: true });
      });

      it('sweeps old files without a row at start, keeps young ones and referenced files, and says so', async () => {
        const mediaDir = newFolder();
        const first = await start({ mediaDir });
        const sent = await postWithFiles(first, flyTipping(), [
          { name: 'p.png', type: 'image/png', bytes: await smallPhoto(1) },
        ]);
        expect(sent.statusCode, sent.body).toBe(201);
        const [row] = (await db.query(
          `SELECT id, file_name FROM media WHERE report_id = '${idOf(sent.body)}'`,
        )) as Array<{ id: string; file_name: string }>;
        await first.close();

        const at = (f: string) => join(mediaDir, f);
        const old = (f: string) => utimesSync(at(f), TWO_HOURS_AGO(), TWO_HOURS_AGO());
        // The report's own file, old: kept because its row is there.
        const referenced = row!.file_name;
        const referencedBytes = readFileSync(at(referenced));
        old(referenced);
        // Two files from a server that died before its transaction committed, over an hour ago.
        const oldOrphans = [`${newMediaId()}.jpg`, `${newMediaId()}.webm`];
        writeFileSync(at(oldOrphans[0]!), Buffer.alloc(5000, 1));
        writeFileSync(at(oldOrphans[1]!), Buffer.alloc(3000, 2));
        oldOrphans.forEach(old);
        // An upload in flight on another instance: written a moment ago, no row yet.
        const young = `${newMediaId()}.jpg`;
        writeFileSync(at(young), Buffer.alloc(4000, 3));
        // Things that are not media files are never ours to remove.
        writeFileSync(at('notes.txt'), 'kept by the operator');
        old('notes.txt');
        mkdirSync(at(`${newMediaId()}.m4a`));

        const logged: string[] = [];
        const second = await start({
          mediaDir,
          logger: { level: 'info', stream: { write: (line: string) => logged.push(line) } },
        });
        const left = readdirSync(mediaDir).sort();
        for (const f of oldOrphans) expect(left).not.toContain(f);
        expect(left).toContain(young);
        expect(left).toContain(referenced);
        expect(left).toContain('notes.txt');
        expect(left).toHaveLength(4);
        const sweepLines = logged
          .map((l) => JSON.parse(l) as { msg: string; removed?: number; bytesFreed?: number })
          .filter((l) => l.msg.includes('orphan media'));
        expect(sweepLines).toEqual([
          expect.objectContaining({
            msg: 'Removed 2 orphan media files (8000 bytes freed).',
            removed: 2,
            bytesFreed: 8000,
          }),
        ]);
        // The report's file is still served.
        const served = await second.inject({ url: `/api/media/${row!.id}` });
        expect(served.statusCode).toBe(200);
        expect(served.rawPayload.equals(referencedBytes)).toBe(true);
        await second.close();

        // Once the young orphan is over an hour old, the next start removes it.
        old(young);
        const third = await start({ mediaDir });
        expect(readdirSync(mediaDir)).not.toContain(young);
        expect(readdirSync(mediaDir)).toContain(referenced);
        await third.close();
      });

      it('removes its own files when the report transaction fails, with or without a key', async () => {
        const mediaDir = newFolder();
        const app = await start({ mediaDir });
        const photo = { name: 'p.png', type: 'image/png', bytes: await smallPhoto(2) };
        for (const sql of FAIL_MEDIA_INSERTS[name]) await db.query(sql);
        const count = async () =>
          Number(
            ((await db.query('SELECT COUNT(*) AS n FROM reports')) as Array<{ n: unknown }>)[0]!.n,
          );
        const reportsBefore = await count();
        const key = newKey();
        try {
          const keyed = await postWithFiles(app, flyTipping(), [photo, photo], key);
          expect(keyed.statusCode, keyed.body).toBe(500);
          const unkeyed = await postWithFiles(app, flyTipping(), [photo]);
          expect(unkeyed.statusCode, unkeyed.body).toBe(500);
          expect(readdirSync(mediaDir)).toEqual([]);
          expect(await count()).toBe(reportsBefore);
        } finally {
          for (const sql of ALLOW_MEDIA_INSERTS[name]) await db.query(sql);
        }
        // The database takes media again: the same key is free and the files are kept.
        const again = await postWithFiles(app, flyTipping(), [photo, photo], key);
        expect(again.statusCode, again.body).toBe(201);
        expect(readdirSync(mediaDir)).toHaveLength(2);
      });
    },
  );
}
