/**
 * POST /api/surveys: the one-minute satisfaction survey after a report is closed (the
 * satisfaction KPI in /api/performance.json). The reporter proves the report is theirs with
 * X-Report-Secret; one answer per report (a repeat of the same answer gets the first back, a
 * different one is a 409).
 */
import type { FastifyInstance } from 'fastify';
import type {} from '../../fastify-augment';
import { REPORT_SECRET_HEADER } from '../../../shared/open311';
import { SURVEY_COMMENT_MAX } from '../../../shared/request-updates';
import { isClosed } from '../../../shared/statuses';
import { HttpError, badRequest } from '../../http/errors';
import { w3c } from '../../reports/views';
import { noSuchReport, reportOfReporter } from '../../updates/reporter';
import type { StoredSurvey } from '../../updates/updates-repository';
import { readSimpleForm } from './form';

const view = (s: StoredSurvey) => ({
  service_request_id: s.report_id,
  satisfaction: s.satisfaction,
  comment: s.comment,
  created_datetime: w3c(s.created_at),
});

export async function surveyRoutes(app: FastifyInstance) {
  app.post('/surveys', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const form = await readSimpleForm(request, ['service_request_id', 'satisfaction', 'comment']);
    const reference = form.one('service_request_id') ?? '';
    const satisfaction = form.one('satisfaction') ?? '';
    const comment = form.one('comment') ?? '';
    const problems: string[] = [];
    if (!reference) problems.push('service_request_id: give the reference of your report');
    if (!/^[1-5]$/.test(satisfaction)) {
      problems.push(
        'satisfaction: choose how satisfied you are, from 1 (very dissatisfied) to 5 (very satisfied)',
      );
    }
    if (comment.length > SURVEY_COMMENT_MAX) {
      problems.push(
        `comment: at most ${SURVEY_COMMENT_MAX} characters (this has ${comment.length})`,
      );
    }
    if (problems.length) throw badRequest(...problems);

    const report = await reportOfReporter(
      app.store,
      app.council.referencePrefix,
      reference,
      request.headers[REPORT_SECRET_HEADER],
    );
    if (!report) throw noSuchReport(reference);
    if (!isClosed(report.status)) {
      throw new HttpError(409, [
        'This report is not closed yet: the survey opens when it is closed.',
      ]);
    }
    const survey: StoredSurvey = {
      report_id: report.id,
      satisfaction: Number(satisfaction),
      comment,
      created_at: new Date().toISOString(),
    };
    if ((await app.store.surveys.add(survey)) === 'created') {
      return reply.code(201).send(view(survey));
    }
    const first = (await app.store.surveys.find(report.id))!;
    if (first.satisfaction === survey.satisfaction && first.comment === survey.comment) {
      return reply.code(200).header('idempotent-replayed', 'true').send(view(first));
    }
    throw new HttpError(409, ['You have already answered the survey for this report. Thank you.']);
  });
}
