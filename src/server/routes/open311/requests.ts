/**
 * Open311 service requests: file one (POST requests.json, with the Idempotency-Key extension)
 * and read them back (GET requests.json, GET requests/{id}.json) in the view the caller may see.
 */
import type { FastifyInstance } from 'fastify';
import type {} from '../../fastify-augment';
import { REPORT_SECRET_HEADER } from '../../../shared/open311';
import { notFound } from '../../http/errors';
import { readFormFields } from '../../http/form-body';
import { attachMediaUrls, isViewList } from '../../media/media-views';
import { UploadCollector } from '../../media/uploads';
import { readIdempotencyKey } from '../../reports/idempotency';
import { takeReport } from '../../reports/intake';
import { parseRequestsQuery } from '../../reports/query';
import { normaliseReference } from '../../reports/reference';
import { requestView } from '../../reports/views';
import { isPrivileged } from '../../staff/auth';
import { auditList, checkOne } from '../../centres/access';
import { centreFilerOf, isCentreReport } from '../../centres/filing';
import { withCentre } from '../../centres/views';
import type { ApiKeyScope } from '../../staff/tokens';
import { updateView } from '../../updates/views';

/** API-key scopes that may read reports in full (staff sessions always may). */
// updates:write reads reports as the public does: posting an update needs only the reference.
const READ_SCOPES: readonly ApiKeyScope[] = ['reports:read'];

export const REPLAYED_HEADER = 'idempotent-replayed';

export async function requestRoutes(app: FastifyInstance) {
  // Answers depend on the reporter's secret: never cached by shared caches.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    reply.header('vary', 'X-Report-Secret, Cookie, Authorization, X-Api-Key');
  });

  // Views that show what happened also list the report's photos and recordings.
  app.addHook('preSerialization', async (request, _reply, payload: unknown) => {
    if (request.method === 'GET' && isViewList(payload)) {
      await attachMediaUrls(app, request, payload);
    }
    return payload;
  });

  app.post('/requests.json', async (request, reply) => {
    const key = readIdempotencyKey(request.headers);
    const uploads = new UploadCollector();
    const fields = await readFormFields(request, uploads);
    const outcome = await takeReport(app.store, app.council, {
      fields,
      key,
      now: new Date(),
      uploads: uploads.uploads,
      mediaFiles: app.mediaFiles,
      // Extension: centre reports (src/shared/centre-report.ts).
      centreFiler: isCentreReport(fields) ? await centreFilerOf(app, request) : null,
      request,
    });
    if (outcome.replayed) reply.header(REPLAYED_HEADER, 'true');
    return reply.code(outcome.status).type('application/json; charset=utf-8').send(outcome.body);
  });

  app.get('/requests.json', async (request) => {
    const query = parseRequestsQuery(
      request.query as Record<string, unknown>,
      app.council.referencePrefix,
      new Date(),
    );
    const listed = await app.store.reports.list(query);
    const secret = request.headers[REPORT_SECRET_HEADER];
    const privileged = await isPrivileged(app, request, READ_SCOPES);
    // Centre reports: only staff and integrations list them here (audited); others never see them.
    const filings = await app.store.centres.filingsFor(listed.map((r) => r.id));
    const reports = privileged ? listed : listed.filter((r) => !filings.has(r.id));
    if (privileged) await auditList(app, request, filings, READ_SCOPES);
    return reports.map((r) => withCentre(requestView(r, app.council, secret, privileged), filings));
  });

  app.get<{ Params: { id: string } }>('/requests/:id.json', async (request) => {
    const id = normaliseReference(request.params.id, app.council.referencePrefix);
    const report = id ? await app.store.reports.findById(id) : null;
    const missing = () =>
      notFound(`There is no report with the reference "${request.params.id.slice(0, 40)}".`);
    if (!report) throw missing();
    // A centre report: its centre, staff and integrations only (audited), else as if absent.
    const centre = await checkOne(app, request, report, 'read', READ_SCOPES);
    if (!centre.visible) throw missing();
    const privileged = centre.filing !== null || (await isPrivileged(app, request, READ_SCOPES));
    const view = withCentre(
      requestView(report, app.council, request.headers[REPORT_SECRET_HEADER], privileged),
      centre.filing,
    );
    if (view.visibility === 'full') {
      // Extension: the history for the reporter and staff (src/shared/request-updates.ts).
      const [updates, survey] = await Promise.all([
        app.store.updates.forReport(report.id),
        app.store.surveys.find(report.id),
      ]);
      view.updates = updates.map((u) => updateView(u, true));
      view.survey_answered = survey !== null;
    }
    return [view];
  });
}
