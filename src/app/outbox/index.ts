/** The outbox: reports kept on the phone and sent to the council exactly once. See README.md. */
export { openOutbox } from './outbox';
export type {
  ListResult,
  LockManagerLike,
  OpenOutboxOptions,
  Outbox,
  OutboxChange,
  UpdateOptions,
} from './types';
export type { DrainResult } from './drain';
export type { Corrupt } from './store';
export type { ErrorKind, MediaInput, OutboxRecord, OutboxState, ReportSummary } from './schema';
export { DB_VERSION, DEFAULT_DB_NAME } from './schema';
export { healthProbe, startAutoSend } from './auto-send';
export type {
  AutoSendOptions,
  AutoSendTarget,
  EventSourceLike,
  VisibilitySourceLike,
} from './auto-send';
export { OUTBOX_SYNC_TAG, createSyncHandler, requestBackgroundSync } from './background-sync';
export type { SyncEventLike } from './background-sync';
export { requestPersistence } from './persistence';
export { DEFAULT_BACKOFF, backoffDelay, parseRetryAfter } from './backoff';
export type { BackoffPolicy } from './backoff';
