/**
 * A real S3 protocol server for the tests: s3rver (npm) in its own process on loopback, storing
 * in a temporary folder, with one bucket made at start. Own process, so a test can stop it and
 * see what the app does without its object store.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { MediaSettings } from '../../src/server/media/media-files';

const BIN = join(
  dirname(createRequire(import.meta.url).resolve('s3rver/package.json')),
  'bin',
  's3rver.js',
);

/** s3rver's fixed credentials, in the variables the AWS SDK reads. */
export const S3_ENV = {
  AWS_ACCESS_KEY_ID: 'S3RVER',
  AWS_SECRET_ACCESS_KEY: 'S3RVER',
  AWS_REGION: 'us-east-1',
};

export interface S3Server {
  endpoint: string;
  bucket: string;
  /** The environment a server process needs to keep its media here (under `prefix`). */
  env(prefix?: string): Record<string, string>;
  /** Settings for `buildApp` (media under `prefix`). */
  media(prefix?: string): MediaSettings;
  stop(): Promise<void>;
}

export async function startS3Server(bucket = 'media'): Promise<S3Server> {
  Object.assign(process.env, S3_ENV);
  const dir = mkdtempSync(join(tmpdir(), 'nr-s3-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [BIN, '-d', dir, '-a', '127.0.0.1', '-p', '0', '--silent', '--configure-bucket', bucket],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`s3rver did not start: ${out}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on [^:]+:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`s3rver exited (${code}): ${out}`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    env: (prefix = '') => ({
      ...S3_ENV,
      MEDIA_S3_BUCKET: bucket,
      MEDIA_S3_ENDPOINT: endpoint,
      MEDIA_S3_PREFIX: prefix,
    }),
    media: (prefix = '') => ({
      kind: 's3',
      bucket,
      endpoint,
      prefix: prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix,
      region: S3_ENV.AWS_REGION,
    }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
