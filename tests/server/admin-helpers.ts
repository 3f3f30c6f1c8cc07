/**
 * Helpers for the `npm run admin` tests: the real command in a child process against a real
 * SQLite file in a temporary data folder, and the app opened on that same file, as an
 * administrator's server would open it.
 *
 * Notes
 * - DATABASE_URL is removed from the child's environment so the command writes the SQLite file
 *   the test then opens, whatever the machine's environment says.
 * - `adminCli` registers the folder's removal after the file's tests, so call it at the top level.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll } from 'vitest';
import { nodeArgs } from '../compiled-server';
import { buildApp } from '../../src/server/app';
import { openSqliteStore } from '../../src/server/store/sqlite';
import { demoCouncil, TEST_LOAD } from './helpers';

const ROOT = resolve(import.meta.dirname, '../..');

export interface AdminRun {
  code: number;
  out: string;
  err: string;
}

export interface AdminCli {
  dataDir: string;
  /** Runs `npm run admin -- <args>`, writing `stdin` to it; resolves when it exits. */
  admin(args: string[], stdin?: string): Promise<AdminRun>;
  /** The app on the command's SQLite file (close it when done). */
  openApp(): Promise<FastifyInstance>;
}

/** A temporary data folder (named from `prefix`) and the admin command working on it. */
export function adminCli(prefix: string): AdminCli {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  return {
    dataDir,
    admin: (args, stdin = '') =>
      new Promise((res) => {
        const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
        delete env.DATABASE_URL;
        const child = spawn(process.execPath, [...nodeArgs('admin'), ...args], {
          cwd: ROOT,
          env,
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.stdin.end(stdin);
        child.on('exit', (code) => res({ code: code ?? -1, out, err }));
      }),
    openApp: () =>
      buildApp({
        load: TEST_LOAD,
        council: demoCouncil,
        store: openSqliteStore(join(dataDir, 'reports.sqlite')),
        // The media folder the command uses (DATA_DIR/media), as the server would.
        mediaDir: join(dataDir, 'media'),
        distDir: join(tmpdir(), 'nr-no-dist'),
      }),
  };
}
