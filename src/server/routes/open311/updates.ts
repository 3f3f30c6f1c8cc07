/**
 * FixMyStreet's Open311 extension `servicerequestupdates`: status updates with notes.
 *
 * - POST: staff (session cookie, same-origin) or an integration whose API key has the
 *   `updates:write` scope. Idempotent on `update_id` (see updates/post-update.ts).
 * - GET: staff and `reports:read` integrations read every update in full; the reporter reads
 *   their report's updates in full with X-Report-Secret (a wrong secret is a 404, as for a
 *   report that does not exist); `updates:write` integrations read in full the updates of the
 *   reports the public sees (never Personal or centre reports); the public reads the status
 *   changes of those, without notes, media or codes.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type {} from '../../fastify-augment';
import { REPORT_SECRET_HEADER } from '../../../shared/open311';
import { SERVICE_REQUEST_UPDATES_PATH } from '../../../shared/request-updates';
import { badRequest, notFound } from '../../http/errors';
import { readFormFields } from '../../http/form-body';
import { secretMatches } from '../../reports/idempotency';
import { normaliseReference } from '../../reports/reference';
import { visibilityFor } from '../../reports/views';
import {
  assertSameOrigin,
  currentApiKey,
  currentStaff,
  isPrivileged,
  requireScope,
  unauthorised,
} from '../../staff/auth';
import { noFiles } from '../api/form';
import { audit, auditList, checkOne } from '../../centres/access';
import type { ApiKeyScope } from '../../staff/tokens';
import { postUpdate, type UpdateAuthor } from '../../updates/post-update';
import { updateView } from '../../updates/views';

export const REPLAYED_HEADER = 'idempotent-replayed';
/** Scopes that read every update, Personal and centre reports' too. */
const READ_SCOPES: readonly ApiKeyScope[] = ['reports:read'];
/** Scopes that read in full the updates of reports the public sees (posting needs no more). */
const WRITE_SCOPES: readonly ApiKeyScope[] = ['updates:write'];
const DAY_MS = 86_400_000;
const DEFAULT_WINDOW_DAYS = 90;
const MAX_RESULTS = 1000;
const W3cDate = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

function param(query: Record<string, unknown>, name: string): string | undefined {
  const v = query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw badRequest(`${name}: give it once`);
  return v.trim() === '' ? undefined : v.trim();
}

function dateParam(query: Record<string, unknown>, name: string, endOfDay = false) {
  const v = param(query, name);
  if (v === undefined) return undefined;
  if (!W3cDate.safeParse(v).success) {
    throw badRequest(`${name}: "${v.slice(0, 40)}" is not a W3C date like 2026-11-21T18:30:00Z`);
  }
  const d = new Date(v);
  return endOfDay && v.length === 10 ? new Date(d.getTime() + DAY_MS - 1) : d;
}

export async function updateRoutes(app: FastifyInstance) {
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    reply.header('vary', 'X-Report-Secret, Cookie, Authorization, X-Api-Key');
  });

  const author = async (request: FastifyRequest, fields: Array<[string, string]>) => {
    const key = await currentApiKey(app, request, fields);
    if (key) {
      requireScope(key, 'updates:write');
      return { kind: 'integration', id: key.id } satisfies UpdateAuthor;
    }
    const hit = await currentStaff(app, request);
    if (!hit)
      throw unauthorised(
        'Sign in as council staff, or send an API key with the "updates:write" scope.',
      );
    assertSameOrigin(request);
    return { kind: 'staff', id: hit.staff.id } satisfies UpdateAuthor;
  };

  app.post(SERVICE_REQUEST_UPDATES_PATH, async (request, reply) => {
    const fields = await readFormFields(request, noFiles);
    const who = await author(request, fields);
    const posted = await postUpdate(
      app.store,
      app.council.referencePrefix,
      fields,
      who,
      new Date(),
    );
    // Writes to a centre's report are audited (centres/access.ts).
    const filing = await app.store.centres.findFiling(posted.update.report_id);
    if (filing && who.id)
      await audit(app, { kind: who.kind, id: who.id }, 'post_update', [filing.report_id]);
    if (!posted.replayed) app.push.kick();
    if (posted.replayed) reply.header(REPLAYED_HEADER, 'true');
    return reply.code(posted.replayed ? 200 : 201).send([updateView(posted.update, true)]);
  });

  app.get(SERVICE_REQUEST_UPDATES_PATH, async (request) => {
    const query = request.query as Record<string, unknown>;
    const rawRef = param(query, 'service_request_id');
    const secret = request.headers[REPORT_SECRET_HEADER];
    const privileged = await isPrivileged(app, request, READ_SCOPES);
    const writer = !privileged && (await isPrivileged(app, request, WRITE_SCOPES));

    if (rawRef !== undefined) {
      const id = normaliseReference(rawRef, app.council.referencePrefix);
      const report = id ? await app.store.reports.findById(id) : null;
      const missing = notFound(`There is no report with the reference "${rawRef.slice(0, 40)}".`);
      if (!report) throw missing;
      // A centre report: its centre, staff and integrations only (audited), else as if absent.
      const centre = await checkOne(app, request, report, 'read_updates', READ_SCOPES);
      if (!centre.visible) throw missing;
      if (centre.filing) {
        return (await app.store.updates.forReport(report.id)).map((u) => updateView(u, true));
      }
      const reporter = secret !== undefined && secretMatches(secret, report.secret_hash);
      if (secret !== undefined && !reporter && !privileged) throw missing;
      const updates = await app.store.updates.forReport(report.id);
      if (privileged || reporter) return updates.map((u) => updateView(u, true));
      const service = app.council.services.find((s) => s.service_code === report.service_code);
      if (visibilityFor(report, service, undefined) === 'status_only') return [];
      return updates.map((u) => updateView(u, writer));
    }

    if (secret !== undefined && !privileged) {
      throw badRequest('service_request_id: give the report the X-Report-Secret belongs to');
    }
    const end = dateParam(query, 'end_date', true);
    const to = end ?? new Date();
    const from =
      dateParam(query, 'start_date') ?? new Date(to.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS);
    if (from > to) throw badRequest('start_date: must not be after end_date');
    const updates = await app.store.updates.list({ from, to, limit: MAX_RESULTS });
    const ids = [...new Set(updates.map((u) => u.report_id))];
    const filings = await app.store.centres.filingsFor(ids);
    if (privileged) {
      await auditList(app, request, filings, READ_SCOPES, 'read_updates');
      return updates.map((u) => updateView(u, true));
    }
    const reports = ids.length ? await app.store.reports.list({ ids, limit: MAX_RESULTS }) : [];
    const publicIds = new Set(
      reports
        .filter((r) => {
          const service = app.council.services.find((s) => s.service_code === r.service_code);
          return !filings.has(r.id) && visibilityFor(r, service, undefined) === 'public';
        })
        .map((r) => r.id),
    );
    return updates.filter((u) => publicIds.has(u.report_id)).map((u) => updateView(u, writer));
  });
}
