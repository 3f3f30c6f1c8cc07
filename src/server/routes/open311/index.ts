/** Open311 GeoReport v2 under /open311/v2 (see ARCHITECTURE.md, "The contract"). */
import type { FastifyInstance } from 'fastify';
import { requestRoutes } from './requests';
import { serviceRoutes } from './services';
import { updateRoutes } from './updates';

export async function open311Routes(app: FastifyInstance) {
  await app.register(serviceRoutes);
  await app.register(requestRoutes);
  await app.register(updateRoutes);
}
