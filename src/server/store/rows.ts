/**
 * Rows read back from either dialect, normalised into the store's types. Data read from storage
 * is checked before use: a value that no longer fits (an unknown status, broken JSON) is repaired
 * to a safe default rather than crashing a request.
 */
import { z } from 'zod';
import { RiskBand } from '../../shared/council-config';
import { AnswerValue } from '../../shared/report';
import { ReportStatus } from '../../shared/statuses';
import { emailKey, phoneKey } from '../privacy/contact-key';
import type { IdempotencyKeysTable, ReportsTable } from './schema';
import type { IdempotencyRecord, NewReport, StoredReport } from './store';

const Attributes = z.record(z.string(), AnswerValue);

/** Date, SQLite ISO text or PostgreSQL text -> ISO 8601 in UTC. */
export function isoFromDb(value: unknown): string {
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
}

function optionalIso(value: unknown): string | null {
  return value === null || value === undefined ? null : isoFromDb(value);
}

function attributesFromDb(value: unknown): StoredReport['attributes'] {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return {};
    }
  }
  const checked = Attributes.safeParse(parsed);
  return checked.success ? checked.data : {};
}

export function reportFromRow(full: ReportsTable): StoredReport {
  // Privacy bookkeeping (migration 020) is read through the privacy repository, not the report.
  const {
    email_key: _e,
    phone_key: _p,
    legal_hold: _h,
    anonymised_at: _a,
    media_deleted_at: _m,
    ...row
  } = full;
  const status = ReportStatus.safeParse(row.status);
  const band = RiskBand.safeParse(row.risk_band);
  return {
    ...row,
    status: status.success ? status.data : 'open',
    lat: row.lat === null ? null : Number(row.lat),
    long: row.long === null ? null : Number(row.long),
    attributes: attributesFromDb(row.attributes),
    occurred_datetime: optionalIso(row.occurred_datetime),
    requested_datetime: isoFromDb(row.requested_datetime),
    updated_datetime: isoFromDb(row.updated_datetime),
    expected_datetime: optionalIso(row.expected_datetime),
    risk_band: band.success ? band.data : null,
    first_response_at: optionalIso(row.first_response_at),
    closed_at: optionalIso(row.closed_at),
    status_notes: row.status_notes ?? null,
  };
}

export function rowFromReport(id: string, r: NewReport): ReportsTable {
  return {
    ...r,
    id,
    attributes: JSON.stringify(r.attributes),
    first_response_at: r.first_response_at ?? null,
    closed_at: r.closed_at ?? null,
    status_notes: r.status_notes ?? null,
    email_key: emailKey(r.email),
    phone_key: phoneKey(r.phone),
    legal_hold: 0,
    anonymised_at: null,
    media_deleted_at: null,
  };
}

export function idempotencyFromRow(row: IdempotencyKeysTable): IdempotencyRecord {
  return {
    key: row.key,
    request_hash: row.request_hash,
    state: row.state === 'complete' ? 'complete' : 'processing',
    claim_token: row.claim_token,
    response_status: row.response_status === null ? null : Number(row.response_status),
    response_body: row.response_body,
    report_id: row.report_id,
    created_at: isoFromDb(row.created_at),
  };
}
