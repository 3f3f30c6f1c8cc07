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
 * - Files are served from the media store (a folder or object storage: media-files.ts) by the
 *   name in the database, never by a path from the
 *   request; a sandboxing Content-Security-Policy and nosniff stop a file from ever acting as a page.
 * - Byte ranges (byte-range.ts): Safari and iOS neither play nor seek a recording without them.
 *   Every answer says `Accept-Ranges: bytes` and carries a strong ETag (the media id and the file's
 *   size: files are written once and never changed), which If-Range is checked against. The file
 *   is streamed from the store, whole or the range, never read into memory.
 * - If-None-Match with the ETag gets 304 and no body (RFC 9110: it is checked before Range), so a
 *   phone that has a public photo does not fetch it again on every look (public media is
 *   `no-cache`: kept, but asked about; everything else is `no-store`, never kept).
 * - A ranged request goes through exactly the same checks, in the same order, before the file is
 *   even opened: a 404 stays a 404 whatever the Range says.
 * - Audit of ranged reads: every request a centre report's allowed reader makes is audited, ranged
 *   or not, 206, 416 or HEAD alike. A player makes several requests per recording (a first probe,
 *   then a range per seek), so this writes a few entries per listening, but each is a real read of
 *   the report's content and nothing is lost: deduplicating per session or minute would need
 *   shared state between instances (or a read before every write) and would leave a later read
 *   of other bytes unrecorded, which the rule "audit every read" does not allow.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type {} from '../fastify-augment';
import { REPORT_SECRET_HEADER } from '../../shared/open311';
import { checkOne } from '../centres/access';
import { HttpError, notFound } from '../http/errors';
import { visibilityFor } from '../reports/views';
import { isPrivileged } from '../staff/auth';
import type { ApiKeyScope } from '../staff/tokens';
import { answerRange } from './byte-range';

const MEDIA_ID = /^[A-Za-z0-9_-]{22}$/;
/** API-key scopes that may read reports in full, as for GET requests/{id}.json. */
// updates:write reads reports as the public does: posting an update needs only the reference.
const READ_SCOPES: readonly ApiKeyScope[] = ['reports:read'];

const oneHeader = (value: string | string[] | undefined) =>
  Array.isArray(value) ? undefined : value;

/** If-None-Match against our ETag: the weak comparison, a list or `*` (RFC 9110 13.1.2). */
function noneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const tag = part.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

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

    const file = await app.mediaFiles.open(media.fileName);
    if (!file) throw missing;
    const etag = `"${media.id}-${file.size}"`;
    const cacheControl = visibility === 'public' ? 'no-cache' : 'private, no-store';
    if (noneMatch(oneHeader(request.headers['if-none-match']), etag)) {
      await file.close();
      return reply
        .code(304)
        .header('etag', etag)
        .header('cache-control', cacheControl)
        .header('vary', 'X-Report-Secret, Cookie, Authorization, X-Api-Key')
        .send();
    }
    // Several Range (or If-Range) headers are not one range: the whole file.
    const range = answerRange(
      oneHeader(request.headers.range),
      oneHeader(request.headers['if-range']),
      file.size,
      etag,
    );
    if (range.kind === 'unsatisfiable') {
      await file.close();
      throw new HttpError(
        416,
        [
          `The range asked for is outside the file, which is ${file.size} bytes long: ask for bytes from 0 to ${file.size - 1}.`,
        ],
        { 'content-range': `bytes */${file.size}`, 'accept-ranges': 'bytes' },
      );
    }
    reply
      .header('content-type', media.contentType)
      .header('cache-control', cacheControl)
      .header('vary', 'X-Report-Secret, Cookie, Authorization, X-Api-Key')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('content-disposition', 'inline')
      .header('accept-ranges', 'bytes')
      .header('etag', etag);
    const part = range.kind === 'part' ? { start: range.start, end: range.end } : undefined;
    if (part) {
      reply.code(206).header('content-range', `bytes ${part.start}-${part.end}/${file.size}`);
    }
    reply.header('content-length', part ? part.end - part.start + 1 : file.size);
    if (request.method === 'HEAD') {
      // No body, but the Content-Length above: Fastify keeps it for a stream, and would read
      // the file's stream to the end only to drop it.
      await file.close();
      return reply.send(Readable.from([]));
    }
    return reply.send(await file.stream(part));
  });
}
