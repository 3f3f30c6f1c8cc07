/**
 * Who may see what of a report (ARCHITECTURE.md, "Who may see what"), as Open311 request views.
 *
 * Notes
 * - Three views: 'status_only' (Personal reports, to the public: what kind, its status and
 *   dates, nothing about what happened, where or who), 'public' (other reports: what and where,
 *   never contact details, the device, or answers the council marked private) and 'full' (the
 *   reporter, who proved it with the report's secret).
 * - A report counts as Personal when it was filed in that group or its category is in it now:
 *   moving a category never makes old reports more public.
 * - A wrong secret is treated exactly like no secret, so the answer reveals nothing about it.
 */
import type { CouncilConfig, Service } from '../../shared/council-config';
import type { ServiceRequestView } from '../../shared/open311';
import { effectiveAttributes } from '../../shared/risk';
import { open311Status } from '../../shared/statuses';
import type { StoredReport } from '../store/store';
import { secretMatches } from './idempotency';

export type Visibility = ServiceRequestView['visibility'];

/** W3C datetime with zone, without milliseconds: 2026-11-21T18:30:00Z. */
export const w3c = (iso: string) => iso.replace(/\.\d{3}Z$/, 'Z');
const w3cOrNull = (iso: string | null) => (iso === null ? null : w3c(iso));

export function visibilityFor(
  report: StoredReport,
  service: Service | undefined,
  presentedSecret: unknown,
  privileged = false,
): Visibility {
  if (privileged || secretMatches(presentedSecret, report.secret_hash)) return 'full';
  const personal = report.service_group === 'Personal' || service?.group === 'Personal';
  return personal ? 'status_only' : 'public';
}

/**
 * The report as the given audience may see it. `privileged`: staff or an integration allowed to
 * read reports, who get the full view (as the reporter does).
 */
export function requestView(
  report: StoredReport,
  council: CouncilConfig,
  presentedSecret: unknown,
  privileged = false,
): ServiceRequestView {
  const service = council.services.find((s) => s.service_code === report.service_code);
  const visibility = visibilityFor(report, service, presentedSecret, privileged);
  const base: ServiceRequestView = {
    service_request_id: report.id,
    status: open311Status(report.status),
    extended_status: report.status,
    service_name: service?.service_name ?? report.service_code,
    service_code: report.service_code,
    group: report.service_group,
    agency_responsible: council.name,
    service_notice: service?.target.promise ?? null,
    requested_datetime: w3c(report.requested_datetime),
    updated_datetime: w3c(report.updated_datetime),
    expected_datetime: w3cOrNull(report.expected_datetime),
    visibility,
  };
  if (visibility === 'status_only') return base;

  const hidden = new Set(
    visibility === 'full'
      ? []
      : service
        ? effectiveAttributes(council, service)
            .filter((a) => a.private)
            .map((a) => a.code)
        : // A withdrawn category: no way to tell which answers were private, so none are shown.
          Object.keys(report.attributes),
  );
  const attributes = Object.fromEntries(
    Object.entries(report.attributes).filter(([code]) => !hidden.has(code)),
  );
  const shared: ServiceRequestView = {
    ...base,
    status_notes: null,
    description: report.description,
    address: report.address_string,
    address_id: report.address_id,
    zipcode: null,
    lat: report.lat,
    long: report.long,
    media_url: null,
    attributes,
    occurred_datetime: w3cOrNull(report.occurred_datetime),
  };
  if (visibility === 'public') return shared;
  return {
    ...shared,
    // The council's latest note: reporter and staff only (updates carry the rest of the history).
    status_notes: report.status_notes,
    email: report.email,
    first_name: report.first_name,
    last_name: report.last_name,
    phone: report.phone,
    risk_band: report.risk_band,
  };
}
