/**
 * People's rights (UK GDPR Articles 15-17): find every record linked to an email address, phone
 * number or reference; export them as one JSON file with the media in a .tar.gz; erase them or
 * anonymise them; correct a contact detail. The staff routes and `npm run admin` both call here,
 * and every action writes an access audit entry saying who, why and how many, never the detail.
 *
 * Notes
 * - Reports on legal hold are found and exported but never erased or anonymised; the answer
 *   names them so the officer can tell the person why.
 * - Erasing removes the reports with their updates, survey answers, media, centre filings and
 *   audit entries; the published figures lose those reports. Anonymising keeps the figures.
 */
import type { CouncilConfig } from '../../shared/council-config';
import type { EraseOutcome, Subject, SubjectSummary } from '../../shared/privacy-api';
import { readWhole, type MediaFiles } from '../media/media-files';
import { normaliseReference } from '../reports/reference';
import type { Store } from '../store/store';
import { emailKey, phoneKey } from './contact-key';
import type { AccessAction, AccessActorKind } from './privacy-repository';
import { anonymiseReports } from './retention';
import type { ContactField, FoundIds, SubjectKeys } from './rights-repository';
import { tarGz, type TarEntry } from './tar';

export interface Actor {
  kind: AccessActorKind;
  id: string;
}

export interface SubjectRecords {
  found: FoundIds;
  summary: SubjectSummary;
  /** Everything found, as the export's JSON holds it. */
  data: Record<string, unknown>;
  mediaFiles: { name: string; fileName: string }[];
}

function keysOf(subject: Subject, prefix: string): SubjectKeys | null {
  if (subject.email) return { emailKey: emailKey(subject.email)! };
  if (subject.phone) return { phoneKey: phoneKey(subject.phone)! };
  const id = normaliseReference(subject.reference ?? '', prefix);
  return id ? { reportId: id } : null;
}

const kindOf = (s: Subject) => (s.email ? 'email' : s.phone ? 'phone' : 'reference');

async function audit(store: Store, actor: Actor, action: AccessAction, detail: string) {
  await store.privacy.audit([
    {
      at: new Date().toISOString(),
      actor_kind: actor.kind,
      actor_id: actor.id,
      report_id: null,
      action,
      detail,
    },
  ]);
}

/** Every record linked to the subject; null when a reference is not one of ours. */
export async function findSubject(
  store: Store,
  council: CouncilConfig,
  subject: Subject,
): Promise<SubjectRecords | null> {
  const keys = keysOf(subject, council.referencePrefix);
  if (!keys) return null;
  const found = await store.rights.findIds(keys);
  const ids = found.reportIds;
  const [reports, updates, surveys, media, filings, reviews, auditEntries] = await Promise.all([
    store.reports.list({ ids, limit: ids.length || 1 }),
    ids.length ? store.updates.list({ reportIds: ids, limit: 10_000 }) : Promise.resolve([]),
    Promise.all(ids.map((id) => store.surveys.find(id))),
    store.media.listForReports(ids),
    store.centres.filingsFor(ids),
    store.rights.caseReviews(found.caseReviewIds),
    store.rights.auditEntries(ids),
  ]);
  const mediaList = [...media.values()].flat();
  const mediaFiles = mediaList.map((m) => ({
    name: `media/${m.reportId}/${m.fileName}`,
    fileName: m.fileName,
  }));
  const answered = surveys.filter((s) => s !== null);
  const reportsOut = ids.length ? reports.filter((r) => ids.includes(r.id)) : [];
  return {
    found,
    summary: {
      reports: reportsOut.map((r) => r.id),
      updates: updates.length,
      surveys: answered.length,
      media: mediaList.length,
      case_reviews: reviews.length,
      centre_filings: filings.size,
      audit_entries: auditEntries.length,
      held: found.heldIds,
      truncated: found.truncated,
    },
    data: {
      council: council.name,
      searched_by: kindOf(subject),
      reports: reportsOut.map(({ secret_hash: _s, ...r }) => r),
      updates,
      survey_answers: answered,
      media: mediaList.map((m, i) => ({ ...m, file: mediaFiles[i]!.name })),
      case_reviews: reviews,
      centre_filings: [...filings.values()],
      audit_entries: auditEntries,
    },
    mediaFiles,
  };
}

/** Audits a search (the staff page shows the summary). */
export async function auditFind(
  store: Store,
  actor: Actor,
  subject: Subject,
  records: SubjectRecords,
) {
  await audit(
    store,
    actor,
    'find',
    `by ${kindOf(subject)}; ${records.summary.reports.length} reports`,
  );
}

/** The export archive: subject-access.json and the media files. */
export async function exportSubject(
  store: Store,
  files: MediaFiles,
  actor: Actor,
  subject: Subject,
  records: SubjectRecords,
) {
  await audit(
    store,
    actor,
    'export',
    `by ${kindOf(subject)}; ${records.summary.reports.length} reports, ${records.summary.media} media`,
  );
  const generatedAt = new Date();
  const json = JSON.stringify(
    { generated_at: generatedAt.toISOString(), ...records.data },
    null,
    2,
  );
  const entries: TarEntry[] = [
    { name: 'subject-access.json', bytes: async () => Buffer.from(json, 'utf8') },
    ...records.mediaFiles.map((m) => ({ name: m.name, bytes: () => readWhole(files, m.fileName) })),
  ];
  return tarGz(entries, generatedAt);
}

export async function eraseSubject(
  store: Store,
  council: CouncilConfig,
  files: MediaFiles,
  actor: Actor,
  records: SubjectRecords,
  mode: 'erase' | 'anonymise',
  reason: string,
): Promise<EraseOutcome> {
  const held = new Set(records.found.heldIds);
  const ids = records.found.reportIds.filter((id) => !held.has(id));
  const now = new Date();
  let mediaFiles = 0;
  if (mode === 'erase') {
    const names = await store.rights.erase(ids, records.found.caseReviewIds);
    await files.remove(names);
    mediaFiles = names.length;
  } else {
    mediaFiles = (await anonymiseReports(store, council, files, ids, now)).mediaFiles;
    await store.rights.anonymiseCaseReviews(records.found.caseReviewIds);
  }
  const outcome = {
    mode,
    reports: ids.length,
    caseReviews: records.found.caseReviewIds.length,
    mediaFiles,
    held: [...held],
  };
  await audit(
    store,
    actor,
    mode,
    `${ids.length} reports, ${outcome.caseReviews} case reviews, ${mediaFiles} media; ${held.size} kept on legal hold; reason: ${reason}`,
  );
  return outcome;
}

/** Corrects one contact detail of a report; false when there is no such report. */
export async function correctContact(
  store: Store,
  council: CouncilConfig,
  actor: Actor,
  input: { reference: string; field: ContactField; value: string; reason: string },
): Promise<boolean> {
  const id = normaliseReference(input.reference, council.referencePrefix);
  if (!id || !(await store.rights.correct(id, input.field, input.value))) return false;
  await store.privacy.audit([
    {
      at: new Date().toISOString(),
      actor_kind: actor.kind,
      actor_id: actor.id,
      report_id: id,
      action: 'correct',
      detail: `${input.field} ${input.value === '' ? 'removed' : 'changed'}; reason: ${input.reason}`,
    },
  ]);
  return true;
}
