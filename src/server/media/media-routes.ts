/**
 * GET /api/media/:id: one photo or recording, to whoever may see its report's details: anyone
 * for a report shown publicly; for Personal reports the reporter (X-Report-Secret), staff and
 * integrations allowed to read reports; for a centre's report, staff, those integrations and the
 * filing centre's users, each read written to the centre audit log as `read_media` before the
 * bytes leave (as the report itself is), and nobody else: residents, the public and other
 * centres get the 404 of a missing file.
 *
 * Notes
 * - Not allowed and not there get the same 404, so an id reveals nothing.
 * - Files are served from the media folder by the name in the database, never by a path from the
 *   request; a sandboxing Content-Security-Policy and nosniff stop a file from ever acting as a page.
 */
import type { FastifyInstance } from 'fastify';
import type {} from '../fastify-augment';
import { REPORT_SECRET_HEADER } from '../../shared/open311';
import { checkOne } from '../centres/access';
import { notFound } from '../http/errors';
import { visibilityFor } from '../reports/views';
import { isPrivileged } from '../staff/auth';
import type { ApiKeyScope } from '../staff/tokens';

const MEDIA_ID = /^[A-Za-z0-9_-]{22}$/;
/** API-key scopes that may read reports in full, as for GET requests/{id}.json. */
const READ_SCOPES: readonly ApiKeyScope[] = ['reports:read', 'updates:write'];

export async function mediaRoutes(app: FastifyInstance) {
  app.get<{ Params: { id: string } }>('/media/:id', async (request, reply) => {
    const missing = notFound('There is no photo or recording here, or it is not public.');
    const { id } = request.params;
    if (!MEDIA_ID.test(id)) throw missing;
    const media = await app.store.media.findById(id);
    const report = media ? await app.store.reports.findById(media.reportId) : null;
    if (!media || !report) throw missing;
    const centre = await checkOne(app, request, report, 'read_media', READ_SCOPES);
    if (!centre.visible) throw missing;
    const privileged = centre.filing !== null || (await isPrivileged(app, request, READ_SCOPES));
    const service = app.council.services.find((s) => s.service_code === report.service_code);
    const secret = request.headers[REPORT_SECRET_HEADER];
    const visibility = visibilityFor(report, service, secret, privileged);
    if (visibility === 'status_only') throw missing;
    const bytes = await app.mediaFiles.read(media.fileName);
    if (!bytes) throw missing;
    return reply
      .header('content-type', media.contentType)
      .header('cache-control', visibility === 'public' ? 'no-cache' : 'private, no-store')
      .header('vary', 'X-Report-Secret, Cookie, Authorization')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('content-disposition', 'inline')
      .send(bytes);
  });
}
