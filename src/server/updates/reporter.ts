/**
 * The reporter's own endpoints (surveys, case reviews) find a report by its reference and the
 * secret the phone holds. A missing report, a missing secret and a wrong secret all get the same
 * 404, so these endpoints say nothing about reports the caller did not file.
 */
import { notFound } from '../http/errors';
import { secretMatches } from '../reports/idempotency';
import { normaliseReference } from '../reports/reference';
import type { Store, StoredReport } from '../store/store';

export const noSuchReport = (reference: string) =>
  notFound(`There is no report with the reference "${reference.slice(0, 40)}".`);

/** The report when the secret is its reporter's; null otherwise (absent, unknown, wrong). */
export async function reportOfReporter(
  store: Store,
  referencePrefix: string,
  reference: string,
  secret: unknown,
): Promise<StoredReport | null> {
  const id = normaliseReference(reference, referencePrefix);
  const report = id ? await store.reports.findById(id) : null;
  return report && secretMatches(secret, report.secret_hash) ? report : null;
}
