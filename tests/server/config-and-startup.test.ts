/**
 * Start-up: the council file is checked and a broken one is refused naming each field; settings
 * come from the environment; the real `server.ts` listens, answers, and stops cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeArgs } from '../compiled-server';
import {
  DEMO_COUNCIL_PATH,
  loadCouncilConfig,
  parseCouncilConfig,
} from '../../src/server/config/load-council';
import { readSettings } from '../../src/server/settings';

const demoText = readFileSync(DEMO_COUNCIL_PATH, 'utf8');
const work = mkdtempSync(join(tmpdir(), 'nr-startup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function brokenCouncil(): string {
  const c = JSON.parse(demoText);
  c.referencePrefix = 'dbc';
  c.colours.brand = 'green';
  c.services[2].attributes[0].code = 'Bad Code';
  c.services[3].group = 'Other';
  return JSON.stringify(c);
}

describe('council configuration', () => {
  it('the demo council loads', async () => {
    const r = await loadCouncilConfig(DEMO_COUNCIL_PATH);
    expect(r.ok).toBe(true);
  });

  it('a broken file names every problem by its field path', () => {
    const r = parseCouncilConfig(brokenCouncil());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = r.error.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^referencePrefix: use 2 to 5 capital letters$/),
        expect.stringMatching(/^colours\.brand: use a colour like #1d70b8$/),
        expect.stringMatching(/^services\[2\]\.attributes\[0\]\.code: use lower-case letters/),
        expect.stringMatching(/^services\[3\]\.group: /),
      ]),
    );
  });

  it('text that is not JSON, and a missing file, are errors too', async () => {
    const notJson = parseCouncilConfig('{ "id": ');
    expect(notJson.ok).toBe(false);
    if (!notJson.ok) expect(notJson.error).toMatch(/not valid JSON/);
    const missing = await loadCouncilConfig(join(work, 'nope.json'));
    expect(missing).toEqual({ ok: false, error: '(file): cannot be read (ENOENT)' });
  });
});

describe('settings from the environment', () => {
  it('has the documented defaults', () => {
    const r = readSettings({});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: resolve('./data'),
      distDir: resolve('./dist'),
      councilConfig: DEMO_COUNCIL_PATH,
      store: { kind: 'sqlite', dataDir: resolve('./data') },
    });
  });

  it('DATABASE_URL selects PostgreSQL', () => {
    const r = readSettings({ DATABASE_URL: 'postgres://u@db.example/reports' });
    expect(r.ok && r.value.store).toEqual({
      kind: 'postgres',
      url: 'postgres://u@db.example/reports',
    });
  });

  it('keeps media in DATA_DIR/media unless MEDIA_S3_BUCKET selects object storage', () => {
    const folder = readSettings({ DATA_DIR: '/srv/nr' });
    expect(folder.ok && folder.value.media).toEqual({ kind: 'folder', dir: '/srv/nr/media' });
    const s3 = readSettings({
      MEDIA_S3_BUCKET: 'council-media',
      MEDIA_S3_ENDPOINT: 'https://s3.example.org:9000',
      MEDIA_S3_PREFIX: 'dacorum',
      AWS_REGION: 'eu-west-2',
    });
    expect(s3.ok && s3.value.media).toEqual({
      kind: 's3',
      bucket: 'council-media',
      endpoint: 'https://s3.example.org:9000',
      prefix: 'dacorum/',
      region: 'eu-west-2',
    });
  });

  it('names each bad media and shutdown setting', () => {
    const r = readSettings({
      MEDIA_S3_BUCKET: 'Not A Bucket',
      MEDIA_S3_ENDPOINT: 'ftp://store',
      MEDIA_S3_PREFIX: 'a b',
      SHUTDOWN_GRACE_SECONDS: 'soon',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((e) => e.split(':')[0])).toEqual([
      'MEDIA_S3_BUCKET',
      'MEDIA_S3_ENDPOINT',
      'MEDIA_S3_PREFIX',
      'SHUTDOWN_GRACE_SECONDS',
    ]);
    const stray = readSettings({ MEDIA_S3_ENDPOINT: 'https://s3.example.org' });
    expect(!stray.ok && stray.error).toEqual([
      'MEDIA_S3_ENDPOINT: set MEDIA_S3_BUCKET too, or remove them',
    ]);
  });

  it('names each bad setting', () => {
    const r = readSettings({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toEqual([
      'PORT: "eighty" is not a port number (0-65535)',
      expect.stringMatching(/^LOG_LEVEL: /),
      'DATABASE_URL: only postgres:// or postgresql:// URLs are supported',
    ]);
  });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real server.ts; `whenListening` gets the URL once it prints its ready line. */
function runServer(
  env: Record<string, string>,
  whenListening?: (url: string, stop: () => void) => Promise<void>,
): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, nodeArgs('server'), {
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let started = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /Neighbourhood Reporter listening on (http:\/\/\S+)/.exec(stdout);
      if (match && !started && whenListening) {
        started = true;
        whenListening(match[1]!, () => child.kill('SIGTERM')).catch((error: unknown) => {
          child.kill('SIGKILL');
          fail(error);
        });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

describe('server.ts', () => {
  it('refuses to start on a broken council file, naming the fields', async () => {
    const file = join(work, 'broken-council.json');
    writeFileSync(file, brokenCouncil());
    const run = await runServer({ COUNCIL_CONFIG: file, DATA_DIR: join(work, 'data-broken') });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the council configuration');
    expect(run.stderr).toContain('referencePrefix: use 2 to 5 capital letters');
    expect(run.stderr).toContain('services[2].attributes[0].code:');
    expect(run.stdout).not.toContain('listening');
  });

  it('refuses a bad PORT', async () => {
    const run = await runServer({ PORT: '99999' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('PORT: "99999" is not a port number');
  });

  it('starts with a fresh DATA_DIR, answers, and exits 0 on SIGTERM', async () => {
    const dataDir = join(work, 'fresh', 'data');
    let health: unknown;
    let posted = 0;
    const run = await runServer(
      { DATA_DIR: dataDir, DIST_DIR: join(work, 'no-dist') },
      async (url, stop) => {
        health = await (await fetch(`${url}/api/health`)).json();
        const res = await fetch(`${url}/open311/v2/requests.json`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'service_code=littering&address_string=Howardsgate&attribute%5Bamount%5D=small',
        });
        posted = res.status;
        stop();
      },
    );
    expect(health).toEqual({ ok: true });
    expect(posted).toBe(201);
    expect(run.stdout).toMatch(/^Neighbourhood Reporter listening on http:\/\/127\.0\.0\.1:\d+$/m);
    expect(run.stdout).toContain('stopped (SIGTERM)');
    expect(run.code).toBe(0);
    expect(existsSync(join(dataDir, 'reports.sqlite'))).toBe(true);
  });

  it('on SIGTERM finishes a request already in flight before exiting', async () => {
    const boundary = 'inflightboundary';
    const fields = [
      ['service_code', 'littering'],
      ['address_string', 'Howardsgate'],
      ['attribute[amount]', 'small'],
    ];
    const body = Buffer.from(
      fields
        .map(
          ([n, v]) =>
            `--${boundary}\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${v}\r\n`,
        )
        .join('') + `--${boundary}--\r\n`,
    );
    let answer = { status: 0, body: '' };
    const run = await runServer(
      { DATA_DIR: join(work, 'inflight'), DIST_DIR: join(work, 'no-dist') },
      async (url, stop) => {
        const { hostname, port } = new URL(url);
        const done = new Promise<void>((resolve, reject) => {
          const req = httpRequest(
            {
              hostname,
              port,
              method: 'POST',
              path: '/open311/v2/requests.json',
              headers: {
                'content-type': `multipart/form-data; boundary=${boundary}`,
                'content-length': body.length,
                // The server's "100 Continue" says it has taken the request (in flight).
                expect: '100-continue',
              },
            },
            (res) => {
              let text = '';
              res.on('data', (c: Buffer) => (text += c.toString()));
              res.on('end', () => {
                answer = { status: res.statusCode ?? 0, body: text };
                resolve();
              });
            },
          );
          req.on('error', reject);
          // Once the server has taken the request: part of the body, then the stop, then the
          // rest a little after the server was told to stop.
          req.on('continue', () => {
            req.write(body.subarray(0, 40));
            stop();
            void sleep(300).then(() => req.end(body.subarray(40)));
          });
          req.flushHeaders();
        });
        await done;
      },
    );
    expect(answer.status).toBe(201);
    expect(answer.body).toMatch(/DBC-/);
    expect(run.code).toBe(0);
  });
});
