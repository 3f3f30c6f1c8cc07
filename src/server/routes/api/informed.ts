/** Keeping residents informed, under /api: staff, statistics, surveys and case reviews. */
import type { FastifyInstance } from 'fastify';
import { caseReviewRoutes } from './case-reviews';
import { performanceRoutes } from './performance';
import { staffRoutes } from './staff';
import { staffPrivacyRoutes } from './staff-privacy';
import { surveyRoutes } from './surveys';

export async function informedApiRoutes(app: FastifyInstance) {
  await app.register(staffRoutes, { prefix: '/staff' });
  await app.register(staffPrivacyRoutes, { prefix: '/staff' });
  await app.register(performanceRoutes);
  await app.register(surveyRoutes);
  await app.register(caseReviewRoutes);
}
