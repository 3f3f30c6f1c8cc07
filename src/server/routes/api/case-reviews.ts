/** POST /api/case-reviews: an ASB Case Review application (see case-reviews/apply.ts). */
import type { FastifyInstance } from 'fastify';
import type {} from '../../fastify-augment';
import { REPORT_FIELD, applyForCaseReview } from '../../case-reviews/apply';
import { w3c } from '../../reports/views';
import { readSimpleForm } from './form';

const FIELDS = ['application_id', 'name', 'email', 'phone', 'address', 'details', 'consent'];

export async function caseReviewRoutes(app: FastifyInstance) {
  app.post('/case-reviews', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const form = await readSimpleForm(request, [...FIELDS, REPORT_FIELD]);
    const reports = form.fields
      .map(([name, value]) => [REPORT_FIELD.exec(name)?.[1], value.trim()] as const)
      .filter((p): p is readonly [string, string] => p[0] !== undefined)
      .map(([ref, secret]): [string, string] => [ref, secret]);
    const { review, replayed } = await applyForCaseReview(
      app.store,
      app.council,
      {
        applicationId: form.one('application_id') ?? '',
        name: form.one('name') ?? '',
        email: form.one('email') ?? '',
        phone: form.one('phone') ?? '',
        address: form.one('address') ?? '',
        details: form.one('details') ?? '',
        consent: form.one('consent') ?? '',
        reports,
      },
      new Date(),
    );
    if (replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(replayed ? 200 : 201).send({
      case_review_id: review.id,
      service_request_ids: review.report_ids,
      received_datetime: w3c(review.created_at),
    });
  });
}
