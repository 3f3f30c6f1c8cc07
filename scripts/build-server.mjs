// Compiles the server to plain JavaScript for production: `node dist-server/server.js` (and
// `node dist-server/admin.js` for the admin command), no TypeScript tooling at run time.
// Packages stay in node_modules (native ones cannot be bundled); the files the server reads at
// run time (council configuration, gazetteers, SQL migrations) are copied beside the bundle,
// where the code looks for them relative to itself.
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
// `--out DIR` builds elsewhere (tests build their own copy).
const outAt = process.argv.indexOf('--out');
const out = outAt > 0 ? process.argv[outAt + 1] : join(root, 'dist-server');
const started = performance.now();

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: {
    server: join(root, 'src/server/server.ts'),
    admin: join(root, 'src/server/admin/cli.ts'),
  },
  outdir: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
const config = join(root, 'src/server/config');
for (const f of readdirSync(config).filter((n) => n.endsWith('.json'))) {
  cpSync(join(config, f), join(out, f));
}
cpSync(join(root, 'src/server/store/migrations'), join(out, 'migrations'), { recursive: true });
console.log(
  `Server compiled to ${out} in ${Math.round(performance.now() - started)} ms: node ${join(out, 'server.js')}`,
);
