/**
 * The server and admin command as test processes run them.
 *
 * `npm test` compiles the server once (tests/global-setup.ts, the same esbuild step as
 * `npm run build`) and every test that starts a server process runs that compiled copy with plain
 * node: tsx compiling the sources again in each process took 3 to 12 s per start on two busy
 * cores, and the e2e files alone start more than fifty servers. The copy is made from the current
 * sources at the start of each run, so it can never be stale. Outside Vitest (benchmarks, chaos)
 * the sources run through tsx, as `npm start` does.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/** Where global-setup.ts put this run's compiled server, if it did. */
export const COMPILED_DIR_VAR = 'NR_TEST_COMPILED_SERVER_DIR';

/** Compiles the server into a temporary folder in the project (its packages resolve from there). */
export function compileServer(): { dir: string; serverJs: string; remove(): void } {
  const cache = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'nr-dist-server-'));
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-server.mjs'), '--out', dir], {
    stdio: 'pipe',
  });
  return {
    dir,
    serverJs: join(dir, 'server.js'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Node's arguments to run the server (`server`) or the admin command (`admin`). */
export function nodeArgs(entry: 'server' | 'admin'): string[] {
  const dir = process.env[COMPILED_DIR_VAR];
  if (dir) return [join(dir, `${entry}.js`)];
  return [
    '--import',
    'tsx',
    entry === 'server' ? 'src/server/server.ts' : 'src/server/admin/cli.ts',
  ];
}
