/**
 * Who may see a centre's reports, and the audit of every read and write of them (ARCHITECTURE.md,
 * "Who may see what": a centre user sees the reports their centre filed; staff see all).
 *
 * Notes
 * - A centre report is invisible to everyone else: residents (it has no reporter's secret), the
 *   public, and other centres get the same 404 as for a reference that does not exist, and lists
 *   leave it out. Staff and integrations allowed to read reports see it in full with the centre's
 *   part (`centre`), and every such read is written to the audit log before the answer is sent.
 *   If the audit cannot be written the request fails: there is no unaudited read.
 * - The routes call in here; the decision and the audit live in one place.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CentreView } from '../../shared/centre-report';
import type {} from '../fastify-augment';
import { currentApiKey, currentStaff } from '../staff/auth';
import type { ApiKeyScope } from '../staff/tokens';
import type { StoredReport } from '../store/store';
import { auditPersonalRead } from '../privacy/access-audit';
import { currentCentreUser } from './auth';
import type { AuditAction, AuditActorKind, CentreFilingView } from './centres-repository';

/** Who is asking, as far as centre reports are concerned. */
export type Reader =
  | { kind: 'staff' | 'integration'; id: string }
  | { kind: 'centre_user'; id: string; centreId: string }
  | { kind: 'other' };

const readers = new WeakMap<FastifyRequest, Promise<Reader>>();

/** Staff (session), an integration whose key has one of the scopes, a centre user, or other. */
export function readerOf(
  app: FastifyInstance,
  request: FastifyRequest,
  scopes: readonly ApiKeyScope[],
): Promise<Reader> {
  let reader = readers.get(request);
  if (!reader) {
    reader = (async (): Promise<Reader> => {
      const staff = await currentStaff(app, request);
      if (staff) return { kind: 'staff', id: staff.staff.id };
      const key = await currentApiKey(app, request);
      if (key && scopes.some((s) => key.scopes.includes(s))) {
        return { kind: 'integration', id: key.id };
      }
      const centre = await currentCentreUser(app, request);
      if (centre) return { kind: 'centre_user', id: centre.user.id, centreId: centre.centre.id };
      return { kind: 'other' };
    })();
    readers.set(request, reader);
  }
  return reader;
}

/** Whether the reader may see this centre's report. */
export function mayRead(reader: Reader, filing: CentreFilingView): boolean {
  if (reader.kind === 'staff' || reader.kind === 'integration') return true;
  return reader.kind === 'centre_user' && reader.centreId === filing.centre_id;
}

/** Writes one audit entry per report for this reader. */
export async function audit(
  app: FastifyInstance,
  reader: Reader,
  action: AuditAction,
  reportIds: readonly string[],
): Promise<void> {
  if (reader.kind === 'other' || reportIds.length === 0) return;
  const at = new Date().toISOString();
  await app.store.centres.audit(
    reportIds.map((report_id) => ({
      at,
      actor_kind: reader.kind as AuditActorKind,
      actor_id: reader.id,
      actor_centre_id: reader.kind === 'centre_user' ? reader.centreId : null,
      report_id,
      action,
    })),
  );
}

/** The centre's part of a report, as staff and the filing centre read it. */
export function centreView(f: CentreFilingView): CentreView {
  return {
    centre_code: f.centre_code,
    centre_name: f.centre_name,
    filed_by: f.filed_by_name,
    filed_at: f.filed_at.replace(/\.\d{3}Z$/, 'Z'),
    consent_to_report: f.consent_to_report,
    police_consent: f.police_consent,
    contact: f.contact,
    not_to_share: f.not_to_share,
    centre_reference: f.centre_reference,
    victim_support: f.victim_support,
  };
}

export interface OneReport {
  /** null: a resident's report (the usual rules apply). */
  filing: CentreFilingView | null;
  /** False: answer exactly as if the report did not exist. */
  visible: boolean;
  reader: Reader;
}

/**
 * Checks one report for the reader and audits the read when it is a centre report they may see.
 * A staff or integration read of any Personal report also goes to the access audit (privacy/).
 */
export async function checkOne(
  app: FastifyInstance,
  request: FastifyRequest,
  report: Pick<StoredReport, 'id' | 'service_group'>,
  action: AuditAction,
  scopes: readonly ApiKeyScope[],
): Promise<OneReport> {
  if (report.service_group === 'Personal') {
    await auditPersonalRead(app, await readerOf(app, request, scopes), report.id, action);
  }
  const filing = await app.store.centres.findFiling(report.id);
  const reader = filing ? await readerOf(app, request, scopes) : ({ kind: 'other' } as Reader);
  if (!filing) return { filing: null, visible: true, reader };
  if (!mayRead(reader, filing)) return { filing, visible: false, reader };
  await audit(app, reader, action, [report.id]);
  return { filing, visible: true, reader };
}

/**
 * Leaves out of a list the centre reports the reader may not see, and audits the ones they may.
 * Returns the kept reports and the filings among them.
 */
export async function filterList<R>(
  app: FastifyInstance,
  request: FastifyRequest,
  items: readonly R[],
  idOf: (item: R) => string,
  action: AuditAction,
  scopes: readonly ApiKeyScope[],
): Promise<{ kept: R[]; filings: Map<string, CentreFilingView> }> {
  const filings = await app.store.centres.filingsFor(items.map(idOf));
  if (filings.size === 0) return { kept: [...items], filings };
  const reader = await readerOf(app, request, scopes);
  const kept = items.filter((item) => {
    const f = filings.get(idOf(item));
    return !f || mayRead(reader, f);
  });
  await audit(
    app,
    reader,
    action,
    [...new Set(kept.map(idOf))].filter((id) => filings.has(id)),
  );
  return { kept, filings };
}

/** Audits a privileged reader's listing of these centre reports (no-op when there are none). */
export async function auditList(
  app: FastifyInstance,
  request: FastifyRequest,
  filings: ReadonlyMap<string, CentreFilingView>,
  scopes: readonly ApiKeyScope[],
  action: AuditAction = 'list',
): Promise<void> {
  if (filings.size === 0) return;
  await audit(app, await readerOf(app, request, scopes), action, [...filings.keys()]);
}
