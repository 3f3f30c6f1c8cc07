/**
 * Web push opt-in (src/shared/push.ts is the contract):
 * - GET  /api/push/key.json: the server's VAPID public key, for PushManager.subscribe.
 * - POST /api/push/subscriptions: a phone asks to hear when the council updates a report.
 * - POST /api/push/subscriptions/remove: it no longer wants to (the report deleted from it).
 *
 * Notes
 * - A resident's report is proven by its secret (X-Report-Secret); a centre's report only by a
 *   signed-in user of that centre, on this origin (the victim is never notified, the centre is).
 *   Anything else gets the 404 of a report that does not exist. The subscription remembers which
 *   of the two it was (its audience), so the centre's push opens the centre's page.
 * - A report takes at most MAX_PER_REPORT subscriptions, so one report cannot make every update
 *   fan out without bound.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '../../fastify-augment';
import { REPORT_SECRET_HEADER } from '../../../shared/open311';
import {
  PUSH_KEY_PATH,
  PUSH_SUBSCRIBE_PATH,
  PUSH_UNSUBSCRIBE_PATH,
  PushSubscribeFormSchema,
  PushUnsubscribeFormSchema,
  type PushAudience,
} from '../../../shared/push';
import { HttpError, badRequest } from '../../http/errors';
import { readerOf } from '../../centres/access';
import { endpointAllowed } from '../../push/settings';
import { normaliseReference } from '../../reports/reference';
import { assertSameOrigin } from '../../staff/auth';
import type { StoredReport } from '../../store/store';
import { noSuchReport, reportOfReporter } from '../../updates/reporter';
import { readSimpleForm } from './form';
import type { z } from 'zod';

export const MAX_PER_REPORT = 10;

function parse<T extends z.ZodType>(schema: T, fields: Record<string, string | undefined>) {
  const parsed = schema.safeParse(fields);
  if (!parsed.success) {
    throw badRequest(
      ...parsed.error.issues.map((i) =>
        i.message.includes(':') ? i.message : `${i.path.join('.')}: ${i.message}`,
      ),
    );
  }
  return parsed.data as z.infer<T>;
}

/**
 * The report when the caller may hear about it, and who the caller is: its centre's user, or
 * whoever holds its secret (the resident).
 */
async function reportFor(
  app: FastifyInstance,
  request: FastifyRequest,
  reference: string,
): Promise<{ report: StoredReport; audience: PushAudience }> {
  const id = normaliseReference(reference, app.council.referencePrefix);
  const filing = id ? await app.store.centres.findFiling(id) : null;
  if (filing) {
    const reader = await readerOf(app, request, []);
    if (reader.kind !== 'centre_user' || reader.centreId !== filing.centre_id) {
      throw noSuchReport(reference);
    }
    assertSameOrigin(request);
    const report = await app.store.reports.findById(filing.report_id);
    if (!report) throw noSuchReport(reference);
    return { report, audience: 'centre' };
  }
  const report = await reportOfReporter(
    app.store,
    app.council.referencePrefix,
    reference,
    request.headers[REPORT_SECRET_HEADER],
  );
  if (!report) throw noSuchReport(reference);
  return { report, audience: 'resident' };
}

export async function pushRoutes(app: FastifyInstance) {
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get(PUSH_KEY_PATH, async () => ({ publicKey: app.push.publicKey }));

  app.post(PUSH_SUBSCRIBE_PATH, async (request, reply) => {
    const form = await readSimpleForm(request, [
      'service_request_id',
      'endpoint',
      'p256dh',
      'auth',
      'lang',
    ]);
    const sub = parse(PushSubscribeFormSchema, {
      service_request_id: form.one('service_request_id'),
      endpoint: form.one('endpoint'),
      p256dh: form.one('p256dh'),
      auth: form.one('auth'),
      lang: form.one('lang'),
    });
    if (!endpointAllowed(sub.endpoint, app.pushSettings)) {
      throw badRequest('endpoint: give the https address of a push service');
    }
    const { report, audience } = await reportFor(app, request, sub.service_request_id);
    if ((await app.store.push.countForReport(report.id)) >= MAX_PER_REPORT) {
      const mine = await app.store.push.unsubscribe(report.id, sub.endpoint);
      if (!mine) {
        throw new HttpError(409, [
          `This report already tells ${MAX_PER_REPORT} devices about its updates; stop it on one of them first.`,
        ]);
      }
    }
    await app.store.push.subscribe(
      {
        report_id: report.id,
        endpoint: sub.endpoint,
        p256dh: sub.p256dh,
        auth: sub.auth,
        lang: sub.lang,
        audience,
      },
      new Date(),
    );
    return reply.code(201).send({ service_request_id: report.id, lang: sub.lang });
  });

  app.post(PUSH_UNSUBSCRIBE_PATH, async (request, reply) => {
    const form = await readSimpleForm(request, ['service_request_id', 'endpoint']);
    const sub = parse(PushUnsubscribeFormSchema, {
      service_request_id: form.one('service_request_id'),
      endpoint: form.one('endpoint'),
    });
    const { report } = await reportFor(app, request, sub.service_request_id);
    await app.store.push.unsubscribe(report.id, sub.endpoint);
    return reply.code(204).send();
  });
}
