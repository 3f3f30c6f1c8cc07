/**
 * The staff API under /api/staff: sign in and out, who am I, and the work queue. Everything but
 * sign-in needs a session (401 otherwise); POSTs must come from this origin (staff/auth.ts).
 * Staff read a report in full, with its history, from GET /open311/v2/requests/{id}.json and post
 * updates to /open311/v2/servicerequestupdates.json, with the same session.
 */
import type { FastifyInstance } from 'fastify';
import type {} from '../../fastify-augment';
import { open311Status } from '../../../shared/statuses';
import { badRequest } from '../../http/errors';
import { w3c } from '../../reports/views';
import { assertSameOrigin, endSession, requireStaff, startSession } from '../../staff/auth';
import type { QueueFilter } from '../../staff/queue-repository';
import { signIn } from '../../staff/sign-in';
import { auditList } from '../../centres/access';
import { readSimpleForm } from './form';

const PAGE_MAX = 200;

function intParam(value: unknown, name: string, fallback: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  if (typeof value !== 'string' || !/^\d{1,6}$/.test(value) || Number(value) > max) {
    throw badRequest(`${name}: give a whole number from 0 to ${max}`);
  }
  return Number(value);
}

export async function staffRoutes(app: FastifyInstance) {
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.post('/sign-in', async (request, reply) => {
    assertSameOrigin(request);
    const form = await readSimpleForm(request, ['email', 'password']);
    const staff = await signIn(
      app.store,
      request,
      { email: form.one('email'), password: form.one('password', true) },
      app.signInLimits,
    );
    await startSession(app, request, reply, staff);
    return { name: staff.name, email: staff.email, role: staff.role };
  });

  app.post('/sign-out', async (request, reply) => {
    assertSameOrigin(request);
    await endSession(app, request, reply);
    return reply.code(204).send();
  });

  app.get('/me', async (request) => {
    const staff = await requireStaff(app, request);
    return { name: staff.name, email: staff.email, role: staff.role };
  });

  app.get('/reports', async (request) => {
    await requireStaff(app, request);
    const q = request.query as Record<string, unknown>;
    const filter = (q.status ?? 'open') as QueueFilter;
    if (!['open', 'closed', 'all'].includes(filter)) {
      throw badRequest('status: use open, closed or all');
    }
    const limit = intParam(q.limit, 'limit', 50, PAGE_MAX) || 50;
    const offset = intParam(q.offset, 'offset', 0, 1_000_000);
    const { total, reports } = await app.store.queue.page({ filter, limit, offset });
    // Centre reports in the queue: listed with their centre, and the listing audited.
    const filings = await app.store.centres.filingsFor(reports.map((r) => r.id));
    await auditList(app, request, filings, []);
    const now = Date.now();
    return {
      total,
      offset,
      limit,
      reports: reports.map((r) => {
        const service = app.council.services.find((s) => s.service_code === r.service_code);
        const open = open311Status(r.status) === 'open';
        return {
          service_request_id: r.id,
          service_code: r.service_code,
          service_name: service?.service_name ?? r.service_code,
          group: r.service_group,
          status: open311Status(r.status),
          extended_status: r.status,
          risk_band: r.risk_band,
          requested_datetime: w3c(r.requested_datetime),
          expected_datetime: r.expected_datetime === null ? null : w3c(r.expected_datetime),
          address: r.address_string,
          overdue: open && r.expected_datetime !== null && Date.parse(r.expected_datetime) < now,
          filed_by_centre: filings.get(r.id)?.centre_name ?? null,
        };
      }),
    };
  });
}
