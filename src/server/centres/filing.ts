/**
 * The centre's part of intake (POST requests.json with `centre_*` fields, see
 * src/shared/centre-report.ts): who may file one, the checks of the centre's fields, and the
 * filing row written in the report's own transaction.
 *
 * Notes
 * - Only a signed-in centre user (session cookie, same-origin POST) may send `centre_*` fields;
 *   without a centre session it is a 401 (the app keeps the report sealed and asks the user to
 *   sign in again), from another site a 403; both before the Idempotency-Key is looked at.
 * - Problems with the centre's fields and with the report itself come back in one 400.
 * - A centre report keeps no reporter's secret: the Idempotency-Key stays on the tablet after
 *   sending, and must not open the victim's report to whoever holds the tablet.
 * - Photos and recordings come with a centre report as with any other: `media` file parts of the
 *   same POST, through the same media pipeline (real type by content, sizes and counts, photos
 *   re-encoded with every bit of metadata stripped, bombs refused, recordings checked by
 *   structure) and the category's `media` settings; their hashes are in the Idempotency-Key's
 *   request hash. The tablet keeps them sealed until the council has them
 *   (app/outbox/sealed-outbox.ts).
 * - A centre report's media are as private as the report: GET /api/media/:id serves them only to
 *   staff, integrations allowed to read reports and users of the filing centre, and audits each
 *   of those reads as `read_media` (media/media-routes.ts through centres/access.ts `checkOne`);
 *   residents, the public and other centres get the 404 of a missing file, and the views they
 *   get carry no media URLs.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { CouncilConfig } from '../../shared/council-config';
import {
  centreContactProblems,
  parseCentreFields,
  splitCentreFields,
  type CentreContact,
  type CentreFields,
} from '../../shared/centre-report';
import type { FieldProblem } from '../../shared/report';
import { HttpError, badRequest } from '../http/errors';
import type { FormFields } from '../http/form-body';
import { assertSameOrigin } from '../staff/auth';
import type { Database } from '../store/schema';
import type { Store, StoredReport } from '../store/store';
import { currentCentreUser } from './auth';

/** The signed-in centre user filing the report. */
export interface CentreFiler {
  userId: string;
  centreId: string;
}

/** The request's centre user when it carries a centre session (checked for same origin). */
export async function centreFilerOf(
  app: FastifyInstance,
  request: FastifyRequest,
): Promise<CentreFiler | null> {
  const hit = await currentCentreUser(app, request);
  if (!hit) return null;
  return { userId: hit.user.id, centreId: hit.centre.id };
}

/** Whether the fields make a centre report. */
export function isCentreReport(fields: FormFields): boolean {
  return splitCentreFields(fields).centre.length > 0;
}

/** A 401 without a centre session, a 403 from another site. */
export function assertMayFile(
  request: FastifyRequest,
  filer: CentreFiler | null,
): asserts filer is CentreFiler {
  if (!filer) {
    throw new HttpError(401, [
      'centre_*: only a signed-in reporting centre may file a report on behalf of a victim. Sign in at /centre, or leave out the centre_ fields.',
    ]);
  }
  assertSameOrigin(request);
}

const describe = (problems: FieldProblem[]) =>
  badRequest(...problems.map((p) => `${p.field}: ${p.message}`));

/** Validates the report (with intake's `validate`) and the centre's fields; one 400 lists all. */
export function validateCentreReport<R extends { email: string | null; phone: string | null }>(
  fields: FormFields,
  council: CouncilConfig,
  now: Date,
  validate: (fields: FormFields, council: CouncilConfig, now: Date) => { report: R },
): { report: R; centre: CentreFields } {
  const { centre: wire, rest } = splitCentreFields(fields);
  const problems: FieldProblem[] = [];
  const centre = parseCentreFields(wire);
  if (!centre.ok) problems.push(...centre.problems);
  let report: R | null = null;
  try {
    report = validate(rest, council, now).report;
  } catch (error) {
    if (!(error instanceof HttpError) || error.statusCode !== 400) throw error;
    problems.push(
      ...error.descriptions.map((d) => {
        const i = d.indexOf(': ');
        return { field: d.slice(0, i), message: d.slice(i + 2) };
      }),
    );
  }
  if (centre.ok && report) {
    problems.push(
      ...centreContactProblems(centre.value.centre_contact as CentreContact, {
        email: report.email ?? undefined,
        phone: report.phone ?? undefined,
      }),
    );
  }
  if (problems.length || !report || !centre.ok) throw describe(problems);
  return { report, centre: centre.value as CentreFields };
}

/** Writes the filing (and its audit entry) in the report's transaction. */
export function filingWriter(store: Store, filer: CentreFiler, centre: CentreFields, now: Date) {
  return async (trx: Kysely<Database>, report: StoredReport) => {
    const at = now.toISOString();
    await store.centres.insertFiling(trx, {
      report_id: report.id,
      centre_id: filer.centreId,
      filed_by: filer.userId,
      filed_at: at,
      consent_to_report: 'yes',
      police_consent: centre.centre_police_consent,
      contact: centre.centre_contact,
      not_to_share: centre.centre_not_to_share,
      centre_reference: centre.centre_reference,
      victim_support: centre.centre_victim_support,
      updated_at: at,
    });
  };
}
