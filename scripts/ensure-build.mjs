// Builds the PWA when ./dist is missing or older than its sources, so `npm start` works right
// after `npm install` and never serves a stale app.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const built = join(root, 'dist', 'index.html');
const sources = [
  'index.html',
  'vite.config.ts',
  'package-lock.json',
  'src/app',
  'src/sw',
  'src/shared',
  'public',
];

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((n) => newest(join(path, n))));
}

const stale =
  !existsSync(built) ||
  Math.max(...sources.map((p) => newest(join(root, p)))) > statSync(built).mtimeMs;
if (stale) {
  console.log('Building the app (first start or sources changed)...');
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}
