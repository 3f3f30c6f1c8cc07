/**
 * Staff privacy endpoints under /api/staff (docs/privacy.md; contract in shared/privacy-api.ts):
 * the access audit (JSON and CSV), people's rights (find, export, erase or anonymise, correct),
 * and setting a report's legal hold, for administrators only; any case officer may read the hold.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type {} from '../../fastify-augment';
import {
  AuditQuerySchema,
  CorrectFormSchema,
  EraseFormSchema,
  HoldFormSchema,
  SubjectSchema,
} from '../../../shared/privacy-api';
import { formatConfigError } from '../../../shared/council-config';
import { badRequest, notFound } from '../../http/errors';
import { normaliseReference } from '../../reports/reference';
import { assertSameOrigin, requireAdmin, requireStaff } from '../../staff/auth';
import { auditCsv, queryAudit } from '../../privacy/audit-query';
import {
  auditFind,
  correctContact,
  eraseSubject,
  exportSubject,
  findSubject,
  type Actor,
} from '../../privacy/rights';
import { readSimpleForm } from './form';

/** Parses with a shared schema; a 400 naming each field and what to fix. */
function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw badRequest(...formatConfigError(r.error).split('\n'));
  return r.data;
}

const query = (request: FastifyRequest) => request.query as Record<string, unknown>;
const one = (q: Record<string, unknown>, name: string) =>
  typeof q[name] === 'string' && q[name] !== '' ? (q[name] as string) : undefined;

const subjectOf = (q: Record<string, unknown>) =>
  parse(SubjectSchema, {
    email: one(q, 'email'),
    phone: one(q, 'phone'),
    reference: one(q, 'reference'),
  });

export async function staffPrivacyRoutes(app: FastifyInstance) {
  const actorOf = async (request: FastifyRequest): Promise<Actor> => ({
    kind: 'staff',
    id: (await requireAdmin(app, request)).id,
  });

  const auditPage = async (request: FastifyRequest) => {
    await requireAdmin(app, request);
    const q = parse(AuditQuerySchema, query(request));
    const page = await queryAudit(app.store, app.council, q);
    if (!page.ok) throw badRequest(page.error);
    return page.value;
  };

  app.get('/audit', async (request) => auditPage(request));
  app.get('/audit.csv', async (request, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="access-audit.csv"')
      .send(auditCsv((await auditPage(request)).entries)),
  );

  const found = async (request: FastifyRequest) => {
    const actor = await actorOf(request);
    const subject = subjectOf(query(request));
    const records = await findSubject(app.store, app.council, subject);
    if (!records)
      throw badRequest(
        `reference: "${subject.reference?.slice(0, 40)}" is not a reference of ours`,
      );
    return { actor, subject, records };
  };

  app.get('/rights', async (request) => {
    const { actor, subject, records } = await found(request);
    await auditFind(app.store, actor, subject, records);
    return records.summary;
  });

  app.get('/rights/export.tar.gz', async (request, reply) => {
    const { actor, subject, records } = await found(request);
    const stream = await exportSubject(app.store, app.mediaFiles, actor, subject, records);
    return reply
      .type('application/gzip')
      .header('content-disposition', 'attachment; filename="subject-access.tar.gz"')
      .send(stream);
  });

  app.post('/rights/erase', async (request) => {
    assertSameOrigin(request);
    const form = await readSimpleForm(request, ['email', 'phone', 'reference', 'mode', 'reason']);
    const { actor, records } = await (async () => {
      const actor = await actorOf(request);
      const subject = parse(SubjectSchema, {
        email: form.one('email') || undefined,
        phone: form.one('phone') || undefined,
        reference: form.one('reference') || undefined,
      });
      const records = await findSubject(app.store, app.council, subject);
      if (!records) throw badRequest('reference: this is not a reference of ours');
      return { actor, records };
    })();
    const f = parse(EraseFormSchema, { mode: form.one('mode'), reason: form.one('reason') });
    return eraseSubject(app.store, app.council, app.mediaFiles, actor, records, f.mode, f.reason);
  });

  app.post('/rights/correct', async (request) => {
    assertSameOrigin(request);
    const actor = await actorOf(request);
    const form = await readSimpleForm(request, ['reference', 'field', 'value', 'reason']);
    const f = parse(CorrectFormSchema, {
      reference: form.one('reference'),
      field: form.one('field'),
      value: form.one('value') ?? '',
      reason: form.one('reason'),
    });
    if (!(await correctContact(app.store, app.council, actor, f))) {
      throw notFound(`There is no report with the reference "${f.reference.slice(0, 40)}".`);
    }
    return { corrected: f.field };
  });

  const heldReport = async (request: FastifyRequest<{ Params: { id: string } }>) => {
    const id = normaliseReference(request.params.id, app.council.referencePrefix);
    const hold = id ? await app.store.privacy.legalHold(id) : null;
    if (!id || hold === null) {
      throw notFound(`There is no report with the reference "${request.params.id.slice(0, 40)}".`);
    }
    return { id, hold };
  };

  app.get<{ Params: { id: string } }>('/reports/:id/hold', async (request) => {
    await requireStaff(app, request);
    const { hold } = await heldReport(request);
    return { legal_hold: hold };
  });

  app.post<{ Params: { id: string } }>('/reports/:id/hold', async (request) => {
    assertSameOrigin(request);
    const staff = await requireAdmin(app, request);
    const { id } = await heldReport(request);
    const form = await readSimpleForm(request, ['hold', 'reason']);
    const f = parse(HoldFormSchema, { hold: form.one('hold'), reason: form.one('reason') });
    await app.store.privacy.setLegalHold(id, f.hold === 'yes');
    await app.store.privacy.audit([
      {
        at: new Date().toISOString(),
        actor_kind: 'staff',
        actor_id: staff.id,
        report_id: id,
        action: 'set_hold',
        detail: `${f.hold === 'yes' ? 'on hold' : 'hold lifted'}; reason: ${f.reason}`,
      },
    ]);
    return { legal_hold: f.hold === 'yes' };
  });
}
