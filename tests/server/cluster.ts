/**
 * Several real server processes as production runs them: the compiled server (plain node) on one
 * PostgreSQL schema and one S3 server, each instance on its own port. For the multi-instance
 * test and `npm run chaos -- --instances N`.
 */
import { compileServer } from '../compiled-server';
import { startServer, type RunningServer } from '../e2e/harness';
import { PG_URL, postgresDatabase, type Database } from './helpers';
import { startS3Server, type S3Server } from './s3-server';

export interface Cluster {
  instances: RunningServer[];
  db: Database;
  s3: S3Server;
  close(): Promise<void>;
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
