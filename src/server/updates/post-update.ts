/**
 * Reading a posted update (FixMyStreet's servicerequestupdates fields) into a stored update, with
 * a 400 naming every problem, and storing it with its idempotency rules.
 *
 * Notes
 * - `update_id` is the poster's id for the update (a case-management system's, or a UUID the staff
 *   console makes per form), so a repeat of the same post is harmless: the same content answers
 *   with the first update, other content under the same id is a 422.
 * - The content hash covers what the poster sent (the time only when they gave one), so a retry
 *   that leaves the time to the server is still the same update.
 * - `updated_datetime` is when the change happened; it may not be in the future (5 minutes of
 *   clock skew allowed) or before the report arrived. Without it, the server's time is used.
 * - A new update queues a push for each phone that asked to hear about the report (push/); the
 *   push worker sends them off the request path.
 */
import { z } from 'zod';
import { UPDATE_NOTE_MAX } from '../../shared/request-updates';
import { REPORT_STATUSES, ReportStatus } from '../../shared/statuses';
import { HttpError, badRequest, notFound } from '../http/errors';
import type { FormFields } from '../http/form-body';
import { sha256 } from '../reports/idempotency';
import { normaliseReference } from '../reports/reference';
import type { Store } from '../store/store';
import type { StoredUpdate, UpdateAuthorKind } from './updates-repository';

const CLOCK_SKEW_MS = 5 * 60 * 1000;
const KNOWN = new Set([
  'update_id',
  'service_request_id',
  'status',
  'updated_datetime',
  'description',
  'media_url',
  'external_status_code',
]);
/** Spec fields a client may send that carry nothing for us. */
const IGNORED = new Set([
  'api_key',
  'jurisdiction_id',
  'account_id',
  'email',
  'first_name',
  'last_name',
]);

const Instant = z.iso.datetime({ offset: true });

export interface UpdateAuthor {
  kind: UpdateAuthorKind;
  id: string | null;
}

export interface PostedUpdate {
  update: StoredUpdate;
  replayed: boolean;
}

function single(fields: FormFields, problems: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of fields) {
    if (IGNORED.has(name)) continue;
    if (!KNOWN.has(name)) {
      problems.push(`${name.slice(0, 80)}: is not a field of a service request update`);
      continue;
    }
    if (out.has(name)) problems.push(`${name}: is given more than once`);
    else out.set(name, value.trim());
  }
  return out;
}

/** Validates and stores one update; throws HttpError for every 4xx. */
export async function postUpdate(
  store: Store,
  referencePrefix: string,
  fields: FormFields,
  author: UpdateAuthor,
  now: Date,
): Promise<PostedUpdate> {
  const problems: string[] = [];
  const f = single(fields, problems);
  const updateId = f.get('update_id') ?? '';
  if (!/^[A-Za-z0-9._:-]{1,100}$/.test(updateId)) {
    problems.push(
      'update_id: give your id for this update (1 to 100 letters, digits, ".", "_", ":" or "-")',
    );
  }
  const rawRef = f.get('service_request_id') ?? '';
  if (!rawRef) problems.push('service_request_id: give the reference of the report');
  const statusText = (f.get('status') ?? '').toLowerCase();
  const status = ReportStatus.safeParse(statusText);
  if (!status.success) {
    problems.push(
      `status: ${statusText ? `"${statusText.slice(0, 40)}" is not a status` : 'give the new status'}; use one of ${REPORT_STATUSES.join(', ')}`,
    );
  }
  const description = f.get('description') ?? '';
  if (description.length > UPDATE_NOTE_MAX) {
    problems.push(
      `description: at most ${UPDATE_NOTE_MAX} characters (this has ${description.length})`,
    );
  }
  const mediaUrl = f.get('media_url') || null;
  if (mediaUrl !== null && (!/^https?:\/\/\S+$/i.test(mediaUrl) || mediaUrl.length > 500)) {
    problems.push('media_url: give an http(s) address of at most 500 characters');
  }
  const code = f.get('external_status_code') || null;
  if (code !== null && code.length > 100) {
    problems.push('external_status_code: at most 100 characters');
  }
  const givenTime = f.get('updated_datetime') || null;
  if (givenTime !== null && !Instant.safeParse(givenTime).success) {
    problems.push(
      'updated_datetime: give a W3C date and time with a zone, like 2026-11-21T18:30:00Z',
    );
  } else if (givenTime !== null && Date.parse(givenTime) > now.getTime() + CLOCK_SKEW_MS) {
    problems.push('updated_datetime: is in the future');
  }
  if (problems.length) throw badRequest(...problems);

  const reportId = normaliseReference(rawRef, referencePrefix);
  const report = reportId ? await store.reports.findById(reportId) : null;
  if (!report) throw notFound(`There is no report with the reference "${rawRef.slice(0, 40)}".`);
  // Whole seconds, as the wire shows times (W3C without fractions): what is read is what is stored.
  const at = new Date(
    Math.floor((givenTime ? Date.parse(givenTime) : now.getTime()) / 1000) * 1000,
  ).toISOString();
  if (Date.parse(at) < Math.floor(Date.parse(report.requested_datetime) / 1000) * 1000) {
    throw badRequest('updated_datetime: is before the report arrived');
  }
  const update: StoredUpdate = {
    update_id: updateId,
    report_id: report.id,
    status: status.data!,
    description,
    media_url: mediaUrl,
    external_status_code: code,
    updated_datetime: at,
    created_at: now.toISOString(),
    author_kind: author.kind,
    author_id: author.id,
    content_hash: sha256(
      JSON.stringify([report.id, status.data, description, mediaUrl, code, givenTime]),
    ),
  };
  const result = await store.updates.post(update);
  switch (result.kind) {
    case 'created':
      return { update: result.update, replayed: false };
    case 'replayed':
      return { update: result.update, replayed: true };
    case 'conflict':
      throw new HttpError(422, [
        `update_id "${updateId}" was already used for a different update. Use a new update_id for a new update.`,
      ]);
    case 'no-report':
      throw notFound(`There is no report with the reference "${rawRef.slice(0, 40)}".`);
  }
}
