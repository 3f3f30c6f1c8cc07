/**
 * The retention job (docs/privacy.md): applies the council's schedule in bounded batches. Closed
 * reports past their group's period lose their contact details and free text, then their media;
 * centre filings and audit entries go after their own periods. Open reports and reports on legal
 * hold are never touched (the repository's queries leave them out).
 *
 * Notes
 * - One instance at a time: the run holds a lease in the database, renewed between batches.
 * - It reports counts only, never a reference or a detail, so its log is safe to keep.
 * - Answers that are lists or numbers are kept (they describe the problem, not the person, and
 *   make reports comparable); typed answers (text, names, registrations, dates) are removed.
 */
import { randomUUID } from 'node:crypto';
import type { CouncilConfig } from '../../shared/council-config';
import { NSIR_GROUPS } from '../../shared/council-config';
import { monthsBefore } from '../../shared/privacy-config';
import type { MediaFiles } from '../media/media-files';
import type { StoredReport, Store } from '../store/store';
import { removeReportMedia } from './media-removal';
import type { AnonymisedReport } from './privacy-repository';

export interface RetentionCounts {
  reportsAnonymised: number;
  reportsMediaDeleted: number;
  mediaFilesDeleted: number;
  centreFilingsCleared: number;
  auditEntriesDeleted: number;
  contactKeysWritten: number;
}

export type RetentionOutcome = { ran: true; counts: RetentionCounts } | { ran: false };

export interface RetentionOptions {
  batch?: number;
  /** A run stops after this many batches of each kind and carries on next time. */
  maxBatches?: number;
}

const LEASE = 'retention';
const LEASE_MS = 10 * 60 * 1000;
const KEPT_TYPES = new Set(['singlevaluelist', 'multivaluelist', 'number']);

/** The report's answers without typed text (see the notes). */
export function scrubAnswers(council: CouncilConfig, r: StoredReport): AnonymisedReport {
  const service = council.services.find((s) => s.service_code === r.service_code);
  const kept = new Set(
    service?.attributes.filter((a) => KEPT_TYPES.has(a.datatype)).map((a) => a.code) ?? [],
  );
  return {
    id: r.id,
    attributes: Object.fromEntries(Object.entries(r.attributes).filter(([k]) => kept.has(k))),
  };
}

/** Anonymises these reports (contact details, free text, typed answers) and deletes their media. */
export async function anonymiseReports(
  store: Store,
  council: CouncilConfig,
  files: MediaFiles,
  ids: readonly string[],
  now: Date,
): Promise<{ reports: number; mediaFiles: number }> {
  if (ids.length === 0) return { reports: 0, mediaFiles: 0 };
  const reports = await store.reports.list({ ids: [...ids], limit: ids.length });
  await store.privacy.anonymise(
    reports.map((r) => scrubAnswers(council, r)),
    now,
  );
  const mediaFiles = await removeReportMedia(store, files, ids, now);
  return { reports: reports.length, mediaFiles };
}

export async function runRetention(
  store: Store,
  council: CouncilConfig,
  files: MediaFiles,
  now: Date,
  { batch = 200, maxBatches = 500 }: RetentionOptions = {},
): Promise<RetentionOutcome> {
  const holder = randomUUID();
  const renew = () =>
    store.privacy.takeLease(LEASE, holder, new Date(), new Date(Date.now() + LEASE_MS));
  if (!(await renew())) return { ran: false };
  const counts: RetentionCounts = {
    reportsAnonymised: 0,
    reportsMediaDeleted: 0,
    mediaFilesDeleted: 0,
    centreFilingsCleared: 0,
    auditEntriesDeleted: 0,
    contactKeysWritten: 0,
  };
  /** Runs `step` until it does less than a batch (or the cap), renewing the lease between. */
  const drain = async (step: () => Promise<number>) => {
    for (let i = 0; i < maxBatches; i++) {
      const n = await step();
      if (n < batch) return;
      if (!(await renew())) throw new Error('the retention lease was lost');
    }
  };
  const schedule = council.privacy.retention;
  try {
    await drain(async () => {
      const n = await store.privacy.backfillKeys(batch);
      counts.contactKeysWritten += n;
      return n;
    });
    for (const group of NSIR_GROUPS) {
      const anonymiseBefore = monthsBefore(now, schedule[group].anonymiseAfterMonths).toISOString();
      await drain(async () => {
        const ids = await store.privacy.dueForAnonymising(group, anonymiseBefore, batch);
        const done = await anonymiseReports(store, council, files, ids, now);
        counts.reportsAnonymised += done.reports;
        counts.mediaFilesDeleted += done.mediaFiles;
        return ids.length;
      });
      const mediaBefore = monthsBefore(now, schedule[group].deleteMediaAfterMonths).toISOString();
      await drain(async () => {
        const ids = await store.privacy.dueForMediaDeletion(group, mediaBefore, batch);
        counts.mediaFilesDeleted += await removeReportMedia(store, files, ids, now);
        counts.reportsMediaDeleted += ids.length;
        return ids.length;
      });
    }
    const filingsBefore = monthsBefore(now, schedule.centreFilingsMonths).toISOString();
    await drain(async () => {
      const n = await store.privacy.clearCentreFilings(filingsBefore, batch);
      counts.centreFilingsCleared += n;
      return n;
    });
    const auditBefore = monthsBefore(now, schedule.auditMonths).toISOString();
    await drain(async () => {
      const n = await store.privacy.purgeAudit(auditBefore, batch);
      counts.auditEntriesDeleted += n;
      return n;
    });
  } finally {
    await store.privacy.releaseLease(LEASE, holder, new Date());
  }
  return { ran: true, counts };
}
