/**
 * Non-Open311 endpoints under /api: health, the public council configuration, the street
 * gazetteer and report media.
 */
import type { FastifyInstance } from 'fastify';
import type {} from '../../fastify-augment';
import { publicCouncil } from '../../../shared/council-config';
import { mediaRoutes } from '../../media/media-routes';
import { gazetteerRoutes } from './gazetteer';

export async function apiRoutes(app: FastifyInstance) {
  app.get('/health', async (_request, reply) => {
    const ok = await app.store.ping();
    return reply
      .code(ok ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ ok });
  });

  // Computed once: the configuration does not change while the process runs.
  const council = publicCouncil(app.council);
  app.get('/council.json', async (_request, reply) =>
    reply.header('cache-control', 'no-cache').send(council),
  );

  await app.register(gazetteerRoutes);
  await app.register(mediaRoutes);
}
