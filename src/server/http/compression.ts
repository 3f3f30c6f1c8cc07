/**
 * Compression of dynamic answers (JSON, CSV, HTML and other text) above 1 KB, brotli or gzip as
 * the client accepts, with `Vary: Accept-Encoding`. Built files carry their own brotli and gzip
 * copies (scripts/vite-precompress.ts), sent as they are: an answer that already has a
 * Content-Encoding is never compressed again.
 *
 * Notes
 * - Brotli at quality 4 (the plugin's default): close to gzip's speed with smaller output; the
 *   top quality costs tens of milliseconds per 100 KB, which a busy server should not pay per
 *   request.
 * - Photos and recordings are compressed formats, so they are left alone by type; a byte-range
 *   answer (206) is never compressed either, since its Content-Range counts the file's bytes.
 * - Request bodies are never decompressed: a compressed upload would get round the size limits.
 */
import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

export const COMPRESS_THRESHOLD_BYTES = 1024;

export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, {
    global: true,
    threshold: COMPRESS_THRESHOLD_BYTES,
    encodings: ['br', 'gzip'],
    globalDecompression: false,
  });
  // App-level onSend hooks run before the route-level one the plugin adds; `x-no-compression`
  // is the plugin's own opt-out.
  app.addHook('onSend', async (request, reply) => {
    if (reply.statusCode === 206 || reply.hasHeader('content-range')) {
      request.headers['x-no-compression'] = '1';
    }
  });
}
