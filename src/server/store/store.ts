/**
 * The store interface the intake API talks to. Two implementations share one Kysely query layer:
 * SQLite (one file under DATA_DIR, the embedded default) and PostgreSQL (several API instances).
 *
 * Notes
 * - Repositories answer "not there" with `null` and "did not happen" with `false`; only a broken
 *   database throws, and the app's error handler turns that into a 500 without details.
 * - Timestamps cross this interface as ISO 8601 strings in UTC; each dialect stores them its own
 *   way (text in SQLite, timestamptz in PostgreSQL) and reads them back in this form.
 * - Nothing here keeps state between calls: correctness across instances comes from the
 *   database's unique keys and transactions (see `IdempotencyRepository`).
 */
import type { Kysely } from 'kysely';
import type { RiskBand } from '../../shared/council-config';
import type { AnswerValue } from '../../shared/report';
import type { ReportStatus } from '../../shared/statuses';
import type { JobLeasesRepository } from '../jobs/job-leases-repository';
import type { MediaRepository, NewMedia } from '../media/media-repository';
import type { CaseReviewsRepository } from '../case-reviews/case-reviews-repository';
import type { CentresRepository } from '../centres/centres-repository';
import type { PushRepository } from '../push/push-repository';
import type { DemoRepository, MetaRepository } from '../seed/demo-repository';
import type {
  ApiKeysRepository,
  SessionsRepository,
  SignInAttemptsRepository,
  StaffRepository,
} from '../staff/staff-repository';
import type { QueueRepository } from '../staff/queue-repository';
import type { PrivacyRepository } from '../privacy/privacy-repository';
import type { RightsRepository } from '../privacy/rights-repository';
import type { StatsRepository } from '../stats/stats-repository';
import type { Database } from './schema';
import type { SurveysRepository, UpdatesRepository } from '../updates/updates-repository';

export type Dialect = 'sqlite' | 'postgres';

/** A report as stored. Field names follow the Open311 wire names. */
export interface StoredReport {
  /** The council reference residents see, e.g. `DBC-7K2M9Q4X`. */
  id: string;
  service_code: string;
  /** The category's NSIR group when the report was filed. */
  service_group: string;
  status: ReportStatus;
  description: string;
  lat: number | null;
  long: number | null;
  address_string: string | null;
  address_id: string | null;
  attributes: Record<string, AnswerValue>;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  device_id: string | null;
  occurred_datetime: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  /** sha256 (hex) of the reporter's secret (the report's Idempotency-Key); null without one. */
  secret_hash: string | null;
  risk_band: RiskBand | null;
  /** When the council first answered (its first update, or closing); set from the updates. */
  first_response_at: string | null;
  /** When the report was closed (null while open, or reopened); set from the updates. */
  closed_at: string | null;
  /** The latest note from the council; set from the updates. */
  status_notes: string | null;
}

/** The fields the updates set are null for a new report unless given (the demo history). */
type FromUpdates = 'first_response_at' | 'closed_at' | 'status_notes';
export type NewReport = Omit<StoredReport, 'id' | FromUpdates> &
  Partial<Pick<StoredReport, FromUpdates>>;

export interface ReportQuery {
  /** When given, only these references (other filters still apply). */
  ids?: string[];
  serviceCodes?: string[];
  statuses?: ReportStatus[];
  /** requested_datetime bounds, inclusive. */
  from?: Date;
  to?: Date;
  limit: number;
}

export interface ReportsRepository {
  findById(id: string): Promise<StoredReport | null>;
  /** Newest first. */
  list(query: ReportQuery): Promise<StoredReport[]>;
  count(): Promise<number>;
}

export interface IdempotencyRecord {
  key: string;
  request_hash: string;
  state: 'processing' | 'complete';
  claim_token: string;
  response_status: number | null;
  response_body: string | null;
  report_id: string | null;
  created_at: string;
}

export interface KeyClaim {
  key: string;
  requestHash: string;
  /** Random per attempt; only the holder of the current token may complete or release the key. */
  token: string;
  now: Date;
}

/**
 * The Idempotency-Key ledger. A key is claimed by inserting it (the unique key decides the race
 * between instances), then completed in the same transaction as the report it created, or
 * released when the request failed so the resident can fix it and resend with the same key.
 */
export interface IdempotencyRepository {
  /** Inserts a 'processing' row; false when the key already exists. */
  claim(c: KeyClaim): Promise<boolean>;
  find(key: string): Promise<IdempotencyRecord | null>;
  /** Takes over a 'processing' row created before `staleBefore` (its owner died); false if not. */
  takeOver(c: KeyClaim & { staleBefore: Date }): Promise<boolean>;
  /** Deletes a 'processing' row this token holds; false when it no longer holds it. */
  release(key: string, token: string): Promise<boolean>;
  /** Deletes every 'processing' row claimed at or before the date; returns how many. */
  releaseProcessingBefore(date: Date): Promise<number>;
  /** Deletes keys created before the date; returns how many. */
  purgeCreatedBefore(date: Date): Promise<number>;
}

export interface CreateReportOptions {
  /** Makes a fresh reference; called again if the first collides with an existing one. */
  newId: () => string;
  /** The report's photos and recordings (files already written), inserted in the same transaction. */
  media?: NewMedia[];
  /** More rows that belong with the report, written in its transaction (a centre's filing). */
  afterInsert?: (trx: Kysely<Database>, report: StoredReport) => Promise<void>;
  /** Completes this claimed key in the same transaction, storing the response for replays. */
  completeKey?: {
    key: string;
    token: string;
    response: (report: StoredReport) => { status: number; body: string };
  };
}

export type CreateReportResult =
  | { ok: true; report: StoredReport }
  /** The key's claim was taken over by another request before this one could complete it. */
  | { ok: false; reason: 'key-lost' | 'no-free-id' };

export interface Store {
  readonly dialect: Dialect;
  readonly reports: ReportsRepository;
  readonly idempotency: IdempotencyRepository;
  /** Photos and recordings of reports (files under DATA_DIR/media). */
  readonly media: MediaRepository;
  /** Keeping residents informed: updates, surveys, staff, keys, statistics. */
  readonly updates: UpdatesRepository;
  readonly surveys: SurveysRepository;
  readonly staff: StaffRepository;
  readonly sessions: SessionsRepository;
  readonly apiKeys: ApiKeysRepository;
  readonly signInAttempts: SignInAttemptsRepository;
  readonly caseReviews: CaseReviewsRepository;
  readonly stats: StatsRepository;
  readonly meta: MetaRepository;
  readonly demo: DemoRepository;
  readonly queue: QueueRepository;
  /** Third-party reporting centres: centres, users, sessions, filings, audit. */
  readonly centres: CentresRepository;
  /** Web push subscriptions of reports and the deliveries waiting to be sent. */
  readonly push: PushRepository;
  /** Leases on background jobs, so one instance runs each (src/server/jobs). */
  readonly jobs: JobLeasesRepository;
  /** Access audit, legal holds, retention batches (docs/privacy.md). */
  readonly privacy: PrivacyRepository;
  /** One person's records, for people's rights requests. */
  readonly rights: RightsRepository;
  /** Inserts the report (and completes its key) in one transaction. */
  createReport(report: NewReport, options: CreateReportOptions): Promise<CreateReportResult>;
  /** True when the database answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
