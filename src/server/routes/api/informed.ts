/** Keeping residents informed, under /api: staff, statistics, surveys and case reviews. */
import type { FastifyInstance } from 'fastify';
import { performanceRoutes } from './performance';
import { staffRoutes } from './staff';

export async function informedApiRoutes(app: FastifyInstance) {
  await app.register(staffRoutes, { prefix: '/staff' });
  await app.register(performanceRoutes);
}
