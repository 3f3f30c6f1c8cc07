/**
 * Vite plugin: after the build, writes a brotli and a gzip copy next to every compressible file
 * under `assets/`, at the highest levels, so the server sends them with no work per request
 * (@fastify/static `preCompressed`, src/server/routes/app-shell.ts).
 *
 * Notes
 * - Only `assets/`: those files are named by their content, so a copy can never be older than its
 *   file. The few others (sw.js, index.html) may be replaced in place, and the server compresses
 *   them per request instead (src/server/http/compression.ts); the browser fetches sw.js only to
 *   compare its bytes.
 * - Only text formats are compressed; images and fonts are compressed already.
 * - Source maps are skipped: browsers fetch them only with developer tools open.
 * - A copy that would not be smaller is not written, so the server sends the original.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt|xml)$/;
/** Smaller files gain nothing worth a second request path (one TCP packet either way). */
const MIN_BYTES = 512;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    // Dot folders (the server-rendering build) are never sent to browsers.
    if (name.startsWith('.')) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Writes `.br` and `.gz` copies of every compressible file under `dir`; returns how many. */
export function precompressDir(dir: string): number {
  let written = 0;
  for (const file of filesUnder(dir)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const raw = readFileSync(file);
    if (raw.length < MIN_BYTES) continue;
    const br = brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    });
    const gz = gzipSync(raw, { level: constants.Z_BEST_COMPRESSION });
    if (br.length < raw.length) writeFileSync(`${file}.br`, br);
    if (gz.length < raw.length) writeFileSync(`${file}.gz`, gz);
    written += 1;
  }
  return written;
}

export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'nr-precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      if (config.build.ssr) return;
      outDir = join(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        const n = precompressDir(join(outDir, 'assets'));
        this.info?.(`brotli and gzip copies of ${n} files`);
      },
    },
  };
}
