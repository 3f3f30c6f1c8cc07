/**
 * The reporting-centre API under /api/centre: sign in and out, who am I, the key secret for the
 * tablet's sealed outbox, and the centre's own reports. Centre users file reports through POST
 * /open311/v2/requests.json with the `centre_*` fields (src/shared/centre-report.ts).
 *
 * Notes
 * - Sign-in is the staff sign-in check (argon2id, the same limits and timing) on centre users,
 *   counted in their own buckets (`centre:<email>`); sessions are in the database (centres/auth.ts).
 * - GET /seal-key answers only to a signed-in session: the random per-user secret from which the
 *   app derives its AES-GCM key. The sign-in answer carries it too, with `offline_days`: how long
 *   the app may keep it wrapped under the password for signing in without signal
 *   (src/app/centre/offline-sign-in.ts; 0 = not at all).
 * - A centre sees only the reports its users filed: another centre's reference is a 404, exactly
 *   as a reference that does not exist. Every read and write is audited (centres/access.ts).
 * - A report's own JSON lists its photos and recordings as the Open311 views do (`media_url`,
 *   `media_urls`) and, for the centre's report page, `media_items` (the same URLs with kind, type
 *   and size, so a photo shows as an image with room kept for it and a recording as a player).
 *   The URLs are /api/media/<id>, which serves them to the filing centre and audits each fetch
 *   there as `read_media`; reading the list here is part of the report's audited `read`.
 */
import type { FastifyInstance } from 'fastify';
import type {} from '../../fastify-augment';
import {
  CentreAmendSchema,
  centreContactProblems,
  parseCentreFields,
  type CentreContact,
} from '../../../shared/centre-report';
import { open311Status } from '../../../shared/statuses';
import { audit, centreView, type Reader } from '../../centres/access';
import {
  DEFAULT_CENTRE_IDLE_MS,
  endCentreSession,
  requireCentreUser,
  startCentreSession,
  type CentreHit,
} from '../../centres/auth';
import type { CentreUser } from '../../centres/centres-repository';
import { DEFAULT_CENTRE_OFFLINE_DAYS } from '../../centres/settings';
import { withCentre } from '../../centres/views';
import { badRequest, notFound } from '../../http/errors';
import { mediaUrl } from '../../media/media-views';
import { normaliseReference } from '../../reports/reference';
import { requestView, w3c } from '../../reports/views';
import { assertSameOrigin } from '../../staff/auth';
import { checkSignIn } from '../../staff/sign-in';
import { updateView } from '../../updates/views';
import { readSimpleForm } from './form';

export interface CentreRoutesOptions {
  /** Idle limit of new sessions (CENTRE_IDLE_MINUTES / CENTRE_IDLE_SECONDS); default 15 min. */
  idleMs?: number;
  /** Days a tablet may sign a user in without signal (CENTRE_OFFLINE_DAYS); default 14. */
  offlineDays?: number;
}

const PAGE_MAX = 200;

function intParam(value: unknown, name: string, fallback: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  if (typeof value !== 'string' || !/^\d{1,6}$/.test(value) || Number(value) > max) {
    throw badRequest(`${name}: give a whole number from 0 to ${max}`);
  }
  return Number(value);
}

const me = (hit: Pick<CentreHit, 'user' | 'centre' | 'session'>) => ({
  name: hit.user.name,
  email: hit.user.email,
  user_id: hit.user.id,
  centre: { code: hit.centre.code, name: hit.centre.name },
  idle_seconds: hit.session.idle_seconds,
});

const readerOfHit = (hit: CentreHit): Reader => ({
  kind: 'centre_user',
  id: hit.user.id,
  centreId: hit.centre.id,
});

export async function centreRoutes(app: FastifyInstance, opts: CentreRoutesOptions) {
  const idleMs = opts.idleMs ?? DEFAULT_CENTRE_IDLE_MS;
  const offlineDays = opts.offlineDays ?? DEFAULT_CENTRE_OFFLINE_DAYS;

  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.post('/sign-in', async (request, reply) => {
    assertSameOrigin(request);
    const form = await readSimpleForm(request, ['email', 'password']);
    const user = await checkSignIn<CentreUser>(
      app.store,
      request,
      { email: form.one('email'), password: form.one('password', true) },
      app.signInLimits,
      {
        bucket: 'centre',
        // A user of a disabled centre cannot sign in (answered like a wrong password).
        async find(email) {
          const u = await app.store.centres.findUserByEmail(email);
          if (!u) return null;
          const centre = await app.store.centres.findCentreById(u.centre_id);
          return centre?.disabled_at === null ? u : { ...u, disabled_at: 'centre disabled' };
        },
      },
    );
    const centre = (await app.store.centres.findCentreById(user.centre_id))!;
    const session = await startCentreSession(app, request, reply, user, idleMs);
    return {
      ...me({ user, centre, session }),
      seal_secret: user.seal_secret,
      offline_days: offlineDays,
    };
  });

  app.post('/sign-out', async (request, reply) => {
    assertSameOrigin(request);
    await endCentreSession(app, request, reply);
    return reply.code(204).send();
  });

  app.get('/me', async (request) => me(await requireCentreUser(app, request)));

  app.get('/seal-key', async (request) => {
    const hit = await requireCentreUser(app, request);
    return { user_id: hit.user.id, seal_secret: hit.user.seal_secret };
  });

  app.get('/reports', async (request) => {
    const hit = await requireCentreUser(app, request);
    const q = request.query as Record<string, unknown>;
    const limit = intParam(q.limit, 'limit', 50, PAGE_MAX) || 50;
    const offset = intParam(q.offset, 'offset', 0, 1_000_000);
    const [total, filings] = await Promise.all([
      app.store.centres.countFilings(hit.centre.id),
      app.store.centres.listFilings(hit.centre.id, limit, offset),
    ]);
    const ids = filings.map((f) => f.report_id);
    const reports = ids.length ? await app.store.reports.list({ ids, limit: ids.length }) : [];
    const byId = new Map(reports.map((r) => [r.id, r]));
    await audit(app, readerOfHit(hit), 'list', ids);
    return {
      total,
      offset,
      limit,
      reports: filings.flatMap((f) => {
        const r = byId.get(f.report_id);
        if (!r) return [];
        const service = app.council.services.find((s) => s.service_code === r.service_code);
        return [
          {
            service_request_id: r.id,
            service_code: r.service_code,
            service_name: service?.service_name ?? r.service_code,
            status: open311Status(r.status),
            extended_status: r.status,
            status_notes: r.status_notes,
            requested_datetime: w3c(r.requested_datetime),
            updated_datetime: w3c(r.updated_datetime),
            centre: centreView(f),
          },
        ];
      }),
    };
  });

  /** The centre's own report, or the same 404 as for a reference that does not exist. */
  const ownFiling = async (hit: CentreHit, raw: string) => {
    const id = normaliseReference(raw, app.council.referencePrefix);
    const filing = id ? await app.store.centres.findFiling(id) : null;
    if (!filing || filing.centre_id !== hit.centre.id) {
      throw notFound(`There is no report with the reference "${raw.slice(0, 40)}".`);
    }
    return filing;
  };

  app.get<{ Params: { id: string } }>('/reports/:id.json', async (request) => {
    const hit = await requireCentreUser(app, request);
    const filing = await ownFiling(hit, request.params.id);
    const report = await app.store.reports.findById(filing.report_id);
    if (!report) throw notFound(`There is no report with the reference "${filing.report_id}".`);
    await audit(app, readerOfHit(hit), 'read', [report.id]);
    const view = withCentre(requestView(report, app.council, undefined, true), filing);
    const [updates, media] = await Promise.all([
      app.store.updates.forReport(report.id),
      app.store.media.listForReports([report.id]),
    ]);
    const items = (media.get(report.id) ?? []).map((m) => ({
      url: mediaUrl(request, m.id),
      kind: m.kind,
      content_type: m.contentType,
      width: m.width,
      height: m.height,
    }));
    return [
      {
        ...view,
        // As in the Open311 views (media/media-views.ts), plus what the page needs to show each.
        media_url: items[0]?.url ?? null,
        media_urls: items.map((i) => i.url),
        media_items: items,
        updates: updates.map((u) => updateView(u, true)),
      },
    ];
  });

  // The centre corrects what it recorded (say the victim now agrees to police involvement).
  app.post<{ Params: { id: string } }>('/reports/:id.json', async (request) => {
    assertSameOrigin(request);
    const hit = await requireCentreUser(app, request);
    const form = await readSimpleForm(request, [/^centre_/]);
    const filing = await ownFiling(hit, request.params.id);
    const parsed = parseCentreFields(form.fields, CentreAmendSchema);
    if (!parsed.ok) throw badRequest(...parsed.problems.map((p) => `${p.field}: ${p.message}`));
    const c = parsed.value;
    if (Object.keys(c).length === 0)
      throw badRequest('centre_*: give at least one field to change');
    // A victim who no longer wants direct contact: their email address and phone number leave
    // the report (kept only while the council may use them). Direct contact needs them, and they
    // are not added here, so a report without them cannot be switched to it.
    let clearVictimContact = false;
    if (c.centre_contact) {
      const report = await app.store.reports.findById(filing.report_id);
      const has = { email: report?.email ?? undefined, phone: report?.phone ?? undefined };
      clearVictimContact =
        c.centre_contact !== 'direct' && (has.email !== undefined || has.phone !== undefined);
      const problems = clearVictimContact
        ? []
        : centreContactProblems(c.centre_contact as CentreContact, has);
      if (problems.length) throw badRequest(...problems.map((p) => `${p.field}: ${p.message}`));
    }
    const updated = await app.store.centres.updateFiling(
      filing.report_id,
      {
        police_consent: c.centre_police_consent as 'yes' | 'no' | undefined,
        contact: c.centre_contact as 'none' | 'centre' | 'direct' | undefined,
        not_to_share: c.centre_not_to_share,
        centre_reference: c.centre_reference,
        victim_support: c.centre_victim_support as 'yes' | 'no' | undefined,
      },
      new Date(),
      { clearVictimContact },
    );
    await audit(app, readerOfHit(hit), 'update', [filing.report_id]);
    return {
      service_request_id: filing.report_id,
      centre: centreView(updated ?? filing),
      victim_contact_removed: clearVictimContact,
    };
  });
}
