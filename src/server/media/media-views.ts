/**
 * The media of reports in Open311 request views: `media_url` (the spec's one URL: the first photo
 * or recording) and the extension `media_urls` (all of them, in the order sent). Only views that
 * show what happened get them; a status-only view never says whether a report has media.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServiceRequestView } from '../../shared/open311';
import type {} from '../fastify-augment';

/** The absolute URL of one photo or recording, on PUBLIC_URL. */
export const mediaUrl = (request: FastifyRequest, id: string) =>
  `${request.server.publicUrl}/api/media/${id}`;

/** Fills in media_url and media_urls on the views that may show them (one query for all). */
export async function attachMediaUrls(
  app: FastifyInstance,
  request: FastifyRequest,
  views: ServiceRequestView[],
): Promise<void> {
  const visible = views.filter((v) => v.visibility !== 'status_only');
  if (visible.length === 0) return;
  const media = await app.store.media.listForReports(visible.map((v) => v.service_request_id));
  for (const v of visible) {
    const urls = (media.get(v.service_request_id) ?? []).map((m) => mediaUrl(request, m.id));
    v.media_url = urls[0] ?? null;
    v.media_urls = urls;
  }
}

/** True for a payload that is a list of request views (GET requests.json and requests/{id}.json). */
export function isViewList(payload: unknown): payload is ServiceRequestView[] {
  return (
    Array.isArray(payload) &&
    payload.every(
      (v) => typeof v === 'object' && v !== null && 'service_request_id' in v && 'visibility' in v,
    )
  );
}
