/** Open311 discovery and services: the council's categories and their questions. */
import type { FastifyInstance } from 'fastify';
import type {} from '../../fastify-augment';
import { discoveryDocument, serviceDefinition, serviceListItem } from '../../../shared/open311';
import { effectiveAttributes } from '../../../shared/risk';
import { notFound } from '../../http/errors';

export async function serviceRoutes(app: FastifyInstance) {
  app.get('/discovery.json', async () => discoveryDocument(app.council, app.publicUrl));

  app.get('/services.json', async () => app.council.services.map(serviceListItem));

  app.get<{ Params: { code: string } }>('/services/:code.json', async (request) => {
    const service = app.council.services.find((s) => s.service_code === request.params.code);
    if (!service) {
      throw notFound(`There is no category "${request.params.code.slice(0, 64)}".`);
    }
    return serviceDefinition(service, effectiveAttributes(app.council, service));
  });
}
