/**
 * The app's own background jobs, registered with the job runner by `buildApp`: old
 * Idempotency-Keys, expired staff and centre sessions, and orphan media files. A new periodic
 * job is one more entry here (or `app.jobs.register` before the app is ready).
 */
import type { FastifyInstance } from 'fastify';
import type {} from '../fastify-augment';
import { orphanSweepJob } from '../media/orphan-sweep';
import { KEY_RETENTION_DAYS } from '../reports/idempotency';
import type { Job } from './job-runner';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export function housekeepingJobs(app: FastifyInstance): Job[] {
  const { store } = app;
  return [
    {
      // Keys older than a phone may hold a report are no longer needed.
      name: 'idempotency-purge',
      everyMs: DAY_MS,
      async run(now) {
        await store.idempotency.purgeCreatedBefore(
          new Date(now.getTime() - (KEY_RETENTION_DAYS + 1) * DAY_MS),
        );
      },
    },
    {
      name: 'staff-sessions-purge',
      everyMs: HOUR_MS,
      run: async (now) => void (await store.sessions.purgeExpired(now)),
    },
    {
      name: 'centre-sessions-purge',
      everyMs: HOUR_MS,
      run: async (now) => void (await store.centres.purgeExpiredSessions(now)),
    },
    orphanSweepJob(app),
  ];
}
