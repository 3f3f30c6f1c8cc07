/**
 * Leases on background jobs (job_leases): who may run a job now. Taking a lease is one
 * conditional UPDATE, which the database does atomically (a row lock in PostgreSQL, the single
 * writer in SQLite), so of several instances asking at once exactly one gets it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';

export interface JobLeasesRepository {
  /** Makes sure the job has a row (due now when new; `dueNow`: due now in any case). */
  register(name: string, now: Date, dueNow: boolean): Promise<void>;
  /** Takes the lease when the job is due and nobody holds it; true when this caller has it. */
  take(name: string, holder: string, now: Date, leaseMs: number): Promise<boolean>;
  /** Gives the lease back and sets when the job is next due. */
  finish(name: string, holder: string, nextRunAt: Date): Promise<void>;
}

export function jobLeasesRepository(db: Kysely<Database>): JobLeasesRepository {
  return {
    async register(name, now, dueNow) {
      const at = now.toISOString();
      await db
        .insertInto('job_leases')
        .values({ name, next_run_at: at, lease_until: at, holder: null })
        .onConflict((oc) =>
          dueNow
            ? oc.column('name').doUpdateSet({ next_run_at: at })
            : oc.column('name').doNothing(),
        )
        .execute();
    },
    async take(name, holder, now, leaseMs) {
      const at = now.toISOString();
      const result = await db
        .updateTable('job_leases')
        .set({ lease_until: new Date(now.getTime() + leaseMs).toISOString(), holder })
        .where('name', '=', name)
        .where('next_run_at', '<=', at)
        .where('lease_until', '<=', at)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async finish(name, holder, nextRunAt) {
      const at = nextRunAt.toISOString();
      await db
        .updateTable('job_leases')
        .set({ next_run_at: at, lease_until: new Date(0).toISOString(), holder: null })
        .where('name', '=', name)
        .where('holder', '=', holder)
        .execute();
    },
  };
}
