// `npm run dev`: the API (tsx watch, port 8080) and Vite's dev server (port 5173, which proxies
// /api, /open311 and the manifest to the API) together. Ctrl-C stops both; if either stops, so
// does the other. Note: the service worker is not active in dev (test offline with a build).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const bin = (pkg, rel) => join(dirname(require.resolve(`${pkg}/package.json`)), rel);

const children = [
  {
    name: 'api',
    args: [bin('tsx', 'dist/cli.mjs'), 'watch', 'src/server/server.ts'],
    env: { PORT: process.env.PORT ?? '8080', HOST: process.env.HOST ?? '127.0.0.1' },
  },
  { name: 'vite', args: [bin('vite', 'bin/vite.js')], env: {} },
].map(({ name, args, env }) => {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.log(`\n[dev] ${name} stopped (${signal ?? code}); stopping the other one.`);
      stop(code ?? 1);
    }
  });
  return child;
});

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  const force = setTimeout(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  }, 5000);
  force.unref();
  Promise.all(
    children.map((c) =>
      c.exitCode !== null || c.signalCode !== null
        ? null
        : new Promise((res) => c.once('exit', res)),
    ),
  ).then(() => process.exit(code));
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
