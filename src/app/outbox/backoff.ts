/** The outbox's backoff is the shared one (src/shared/backoff.ts), also used by the push worker. */
export * from '../../shared/backoff';
