/**
 * Published response times as open data: /api/performance.json and /api/performance.csv (the
 * same result in two forms; see stats/published.ts), from the figures cache (computed at most
 * once per FIGURES_CACHE_SECONDS however many ask; stats/figures-cache.ts). Each body has an ETag
 * and a matching If-None-Match gets 304; max-age is the cache's interval (`no-cache` at 0), and
 * the service worker keeps the last copy for offline reading (src/sw/sw.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '../../fastify-augment';
import { matchesEtag } from '../../stats/figures-cache';

export async function performanceRoutes(app: FastifyInstance) {
  const cacheControl =
    app.figures.seconds > 0 ? `public, max-age=${app.figures.seconds}` : 'no-cache';

  /** Headers every answer carries; true when the client's copy is current (304 sent). */
  const notModified = (request: FastifyRequest, reply: FastifyReply, etag: string) => {
    reply.header('cache-control', cacheControl).header('etag', etag);
    if (!matchesEtag(request.headers['if-none-match'], etag)) return false;
    void reply.code(304).send();
    return true;
  };

  app.get('/performance.json', async (request, reply) => {
    const f = await app.figures.get();
    if (notModified(request, reply, f.jsonEtag)) return reply;
    return reply.type('application/json; charset=utf-8').send(f.json);
  });

  app.get('/performance.csv', async (request, reply) => {
    const f = await app.figures.get();
    if (notModified(request, reply, f.csvEtag)) return reply;
    return reply
      .header('content-disposition', `attachment; filename="response-times-${f.perf.today}.csv"`)
      .type('text/csv; charset=utf-8')
      .send(f.csv);
  });
}
