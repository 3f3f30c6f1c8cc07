/**
 * Non-Open311 endpoints under /api: health and readiness, the public council configuration, the street
 * gazetteer and report media.
 */
import type { FastifyInstance } from 'fastify';
import type {} from '../../fastify-augment';
import { publicCouncil } from '../../../shared/council-config';
import { mediaRoutes } from '../../media/media-routes';
import { gazetteerRoutes } from './gazetteer';
import { healthRoutes } from './health';

export async function apiRoutes(app: FastifyInstance) {
  await app.register(healthRoutes);

  // Computed once: the configuration does not change while the process runs.
  // The privacy notice and retention schedule are public: residents read them before reporting.
  const council = publicCouncil(app.council);
  app.get('/council.json', async (_request, reply) =>
    reply.header('cache-control', 'no-cache').send(council),
  );

  await app.register(gazetteerRoutes);
  await app.register(mediaRoutes);
}
