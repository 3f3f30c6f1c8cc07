/**
 * Taking in one report: validate it against the shared contract and the council's configuration,
 * store it, and answer, honouring the Idempotency-Key extension.
 *
 * Notes
 * - Order matters. With a key, the ledger is consulted before the council's rules: a resend of a
 *   report that was stored gets its first answer back even if, say, the category was withdrawn
 *   since. Only then is the report validated; a 4xx releases the key so the resident can fix the
 *   report and resend with the same key.
 * - The claim is an insert on the key's unique index, and the report insert and the key's
 *   completion share one transaction, so correctness holds across instances on one PostgreSQL.
 * - Photos and recordings: their bytes' hashes are part of the request hash; they are decoded,
 *   re-encoded and written to the media folder after the claim and before the report's
 *   transaction (which inserts their rows), and their files are removed if the report is not
 *   stored. A replay processes nothing.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { CouncilConfig } from '../../shared/council-config';
import type { CreatedRequest } from '../../shared/open311';
import {
  problemsFromZod,
  ReportSubmissionSchema,
  validateForCouncil,
  type FieldProblem,
} from '../../shared/report';
import { submissionFromFields } from '../../shared/open311';
import { assessRisk } from '../../shared/risk';
import { addWorkingDays } from '../../shared/working-days';
import { HttpError, badRequest } from '../http/errors';
import type { FormFields } from '../http/form-body';
import type { MediaFiles } from '../media/media-files';
import type { NewMedia } from '../media/media-repository';
import { discardMedia, saveMedia } from '../media/save-media';
import type { Upload } from '../media/uploads';
import type { NewReport, Store, StoredReport } from '../store/store';
import {
  assertMayFile,
  filingWriter,
  isCentreReport,
  validateCentreReport,
  type CentreFiler,
} from '../centres/filing';
import { STALE_CLAIM_MS, decideOnExisting, inFlight, requestHash, secretHash } from './idempotency';
import { newReference } from './reference';

export interface IntakeInput {
  fields: FormFields;
  /** The Idempotency-Key (already checked to be a UUID), or null. */
  key: string | null;
  now: Date;
  /** Photos and recordings of the request (file parts), checked for size, count and type. */
  uploads?: Upload[];
  /** Where media files go; needed when there are uploads. */
  mediaFiles?: MediaFiles;
  /** The signed-in centre user, when the request carries a centre session (centres/filing.ts). */
  centreFiler?: CentreFiler | null;
  /** The request, for the same-origin check of a centre report. */
  request?: FastifyRequest;
}

export interface IntakeOutcome {
  status: number;
  /** JSON text, so a replay sends exactly the bytes of the first answer. */
  body: string;
  replayed: boolean;
}

const CLAIM_ATTEMPTS = 3;

function describe(problems: FieldProblem[]): HttpError {
  return badRequest(...problems.map((p) => `${p.field}: ${p.message}`));
}

/** Fields -> a report ready to store, or a 400 naming every problem. */
export function validateFields(
  fields: FormFields,
  council: CouncilConfig,
  now: Date,
): { report: Omit<NewReport, 'requested_datetime' | 'updated_datetime' | 'secret_hash'> } {
  const wire = submissionFromFields(fields);
  if (!wire.ok) throw describe(wire.problems);
  const parsed = ReportSubmissionSchema.safeParse(wire.value);
  if (!parsed.success) throw describe(problemsFromZod(parsed.error));
  const checked = validateForCouncil(parsed.data, council);
  if (!checked.ok) throw describe(checked.problems);
  const r = checked.report;
  // The server is the authority on priority: the band sets the first-contact target, else the
  // category's published first-response target applies.
  const risk = assessRisk(council, checked.service, r.attributes);
  const days = risk.contactDays ?? checked.service.target.firstResponseDays;
  return {
    report: {
      service_code: r.service_code,
      service_group: checked.service.group,
      status: 'open',
      description: r.description,
      lat: r.lat ?? null,
      long: r.long ?? null,
      address_string: r.address_string ?? null,
      address_id: r.address_id ?? null,
      attributes: r.attributes,
      email: r.email ?? null,
      first_name: r.first_name ?? null,
      last_name: r.last_name ?? null,
      phone: r.phone ?? null,
      device_id: r.device_id ?? null,
      occurred_datetime: r.occurred_datetime ? new Date(r.occurred_datetime).toISOString() : null,
      expected_datetime: addWorkingDays(now, days),
      risk_band: risk.band,
    },
  };
}

/** The 201 answer of POST requests.json. */
export function createdBody(report: StoredReport, council: CouncilConfig): string {
  const service = council.services.find((s) => s.service_code === report.service_code);
  const body: CreatedRequest = [
    {
      service_request_id: report.id,
      service_notice: service?.target.promise ?? '',
      account_id: null,
      expected_datetime: report.expected_datetime,
    },
  ];
  return JSON.stringify(body);
}

/** Prepares and writes the request's media for the validated report (none: no work). */
async function mediaFor(
  input: IntakeInput,
  council: CouncilConfig,
  serviceCode: string,
): Promise<NewMedia[]> {
  const uploads = input.uploads ?? [];
  if (uploads.length === 0) return [];
  const service = council.services.find((s) => s.service_code === serviceCode);
  if (!service || !input.mediaFiles) throw new Error('media sent but no media folder configured');
  return saveMedia(input.mediaFiles, uploads, service, input.now);
}

type Claim = { kind: 'owned'; token: string } | { kind: 'replay'; status: number; body: string };

async function claimKey(store: Store, key: string, hash: string, now: Date): Promise<Claim> {
  for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
    const token = randomUUID();
    if (await store.idempotency.claim({ key, requestHash: hash, token, now })) {
      return { kind: 'owned', token };
    }
    const existing = await store.idempotency.find(key);
    if (!existing) continue; // released between our insert and our read
    const decision = decideOnExisting(existing, hash, now);
    if (decision.kind === 'replay') return decision;
    if (decision.kind === 'take-over') {
      const staleBefore = new Date(now.getTime() - STALE_CLAIM_MS);
      const took = await store.idempotency.takeOver({
        key,
        requestHash: hash,
        token,
        now,
        staleBefore,
      });
      if (took) return { kind: 'owned', token };
    }
  }
  throw inFlight();
}

/** Validates and stores one report; throws HttpError for every 4xx. */
export async function takeReport(
  store: Store,
  council: CouncilConfig,
  input: IntakeInput,
): Promise<IntakeOutcome> {
  const { key, now } = input;
  const newId = () => newReference(council.referencePrefix);
  const stamp = now.toISOString();
  // A centre report (centre_* fields): refused before the key is looked at unless a centre user
  // sent it; validated with the centre's fields; kept without a reporter's secret.
  const centreReport = isCentreReport(input.fields);
  if (centreReport) {
    if (!input.request) throw new Error('a centre report needs its request');
    assertMayFile(input.request, input.centreFiler ?? null);
  }
  const validate = () => {
    if (!centreReport) return { report: validateFields(input.fields, council, now).report };
    const checked = validateCentreReport(input.fields, council, now, validateFields);
    return {
      report: checked.report,
      afterInsert: filingWriter(store, input.centreFiler!, checked.centre, now),
    };
  };
  const secretFor = (k: string) => (centreReport ? null : secretHash(k));

  if (!key) {
    const { report, afterInsert } = validate();
    const full = {
      ...report,
      requested_datetime: stamp,
      updated_datetime: stamp,
      secret_hash: null,
    };
    const media = await mediaFor(input, council, report.service_code);
    try {
      const created = await store.createReport(full, { newId, media, afterInsert });
      if (!created.ok) throw new Error(`could not store the report: ${created.reason}`);
      return { status: 201, body: createdBody(created.report, council), replayed: false };
    } catch (error) {
      if (input.mediaFiles) await discardMedia(input.mediaFiles, media);
      throw error;
    }
  }

  const hash = requestHash(
    input.fields,
    (input.uploads ?? []).map((u) => u.sha256),
  );
  const claim = await claimKey(store, key, hash, now);
  if (claim.kind === 'replay') return { status: claim.status, body: claim.body, replayed: true };

  let media: NewMedia[] = [];
  try {
    const { report, afterInsert } = validate();
    media = await mediaFor(input, council, report.service_code);
    const full = {
      ...report,
      requested_datetime: stamp,
      updated_datetime: stamp,
      secret_hash: secretFor(key),
    };
    const created = await store.createReport(full, {
      newId,
      media,
      afterInsert,
      completeKey: {
        key,
        token: claim.token,
        response: (stored) => ({ status: 201, body: createdBody(stored, council) }),
      },
    });
    if (!created.ok) {
      if (created.reason === 'key-lost') throw inFlight();
      throw new Error(`could not store the report: ${created.reason}`);
    }
    return { status: 201, body: createdBody(created.report, council), replayed: false };
  } catch (error) {
    // Only successful creates are kept: free the key so a corrected report can reuse it.
    await store.idempotency.release(key, claim.token).catch(() => false);
    if (input.mediaFiles) await discardMedia(input.mediaFiles, media);
    throw error;
  }
}
