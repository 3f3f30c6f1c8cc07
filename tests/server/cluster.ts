/**
 * Several real server processes as production runs them: the compiled server (plain node) on one
 * PostgreSQL schema and one S3 server, each instance on its own port. For the multi-instance
 * test and `npm run chaos -- --instances N`.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { startServer, type RunningServer } from '../e2e/harness';
import { PG_URL, postgresDatabase, type Database } from './helpers';
import { startS3Server, type S3Server } from './s3-server';

const ROOT = resolve(import.meta.dirname, '../..');

export interface Cluster {
  instances: RunningServer[];
  db: Database;
  s3: S3Server;
  close(): Promise<void>;
}

/** Compiles the server into a temporary folder in the project (its packages resolve from there). */
export function compileServer(): { serverJs: string; remove(): void } {
  const cache = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const out = mkdtempSync(join(cache, 'nr-dist-server-'));
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-server.mjs'), '--out', out], {
    stdio: 'pipe',
  });
  return {
    serverJs: join(out, 'server.js'),
    remove: () => rmSync(out, { recursive: true, force: true }),
  };
}

export async function startCluster(
  n: number,
  opts: { apiOnly?: boolean; env?: Record<string, string> } = {},
): Promise<Cluster> {
  const db = await postgresDatabase();
  const s3 = await startS3Server();
  const compiled = compileServer();
  const url = new URL(PG_URL);
  url.searchParams.set('options', `-c search_path=${db.schema}`);
  const env = {
    ...s3.env('media'),
    DATABASE_URL: url.toString(),
    NODE_ENV: 'production',
    ...opts.env,
  };
  const instances: RunningServer[] = [];
  try {
    // One after the other: the first applies the migrations.
    for (let i = 0; i < n; i++) {
      instances.push(
        await startServer({ compiled: compiled.serverJs, apiOnly: opts.apiOnly, env }),
      );
    }
  } catch (error) {
    for (const s of instances) await s.stop();
    throw error;
  }
  return {
    instances,
    db,
    s3,
    async close() {
      for (const s of instances) await s.stop();
      await s3.stop();
      await db.drop();
      compiled.remove();
    },
  };
}
