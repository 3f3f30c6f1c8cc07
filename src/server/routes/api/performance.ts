/**
 * Published response times as open data: /api/performance.json and /api/performance.csv (the
 * same result in two forms; see stats/published.ts). Public, computed per request from the
 * database, so every instance answers the same. `no-cache`: the service worker keeps the last
 * copy for offline reading (src/sw/sw.ts), and a browser always asks for the current figures.
 */
import type { FastifyInstance } from 'fastify';
import type {} from '../../fastify-augment';
import { performanceCsvRows, toCsv } from '../../../shared/performance-csv';
import { publishedPerformance } from '../../stats/published';

export async function performanceRoutes(app: FastifyInstance) {
  app.get('/performance.json', async (_request, reply) => {
    const perf = await publishedPerformance(app.store, app.council, app.clock());
    return reply.header('cache-control', 'no-cache').send(perf);
  });

  app.get('/performance.csv', async (_request, reply) => {
    const perf = await publishedPerformance(app.store, app.council, app.clock());
    return reply
      .header('cache-control', 'no-cache')
      .header('content-disposition', `attachment; filename="response-times-${perf.today}.csv"`)
      .type('text/csv; charset=utf-8')
      .send(toCsv(performanceCsvRows(perf)));
  });
}
