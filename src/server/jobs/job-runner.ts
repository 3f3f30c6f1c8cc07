/**
 * Background jobs (purges, sweeps, anything periodic), run by one instance at a time however many
 * are running: each job has a lease row (job-leases-repository.ts); every instance looks for due
 * jobs every `pollMs` and runs only those whose lease it took.
 *
 * Notes
 * - A job runs once per `everyMs` across all instances, not once per instance. `atStart` jobs are
 *   also due whenever an instance starts (the orphan sweep logs what a restart found).
 * - An instance killed mid-job leaves its lease; it expires after `leaseMs` and another instance
 *   runs the job. A job must therefore be safe to run twice, and finish well within the lease.
 * - A failing job is logged and tried again at its next time; it never stops the app.
 * - `stop` waits for a running job, so shutdown does not cut one off half way.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../store/store';

export interface Job {
  /** Unique, stable name (the lease row's key). */
  name: string;
  everyMs: number;
  /** Also due whenever an instance starts. */
  atStart?: boolean;
  run(now: Date): Promise<void>;
}

export interface JobRunnerOptions {
  store: Store;
  log: FastifyBaseLogger;
  /** How often each instance looks for due jobs; default 30 s. */
  pollMs?: number;
  /** How long a lease lasts before another instance may take the job; default 15 minutes. */
  leaseMs?: number;
  clock?: () => Date;
}

export class JobRunner {
  private readonly jobs: Job[] = [];
  private readonly holder = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: JobRunnerOptions) {}

  /** Adds a job; call before `start`. */
  register(job: Job): void {
    if (this.jobs.some((j) => j.name === job.name)) throw new Error(`two jobs named ${job.name}`);
    this.jobs.push(job);
  }

  /** Registers the lease rows, runs what is due now (awaited) and then polls until `stop`. */
  async start(): Promise<void> {
    const now = this.now();
    for (const job of this.jobs) {
      await this.options.store.jobs.register(job.name, now, job.atStart ?? false);
    }
    await this.tick();
    this.timer = setInterval(() => void this.tick(), this.options.pollMs ?? 30_000);
    this.timer.unref();
  }

  /** Runs every job that is due and whose lease this instance takes. */
  tick(): Promise<void> {
    this.running = this.running.then(() => this.runDue());
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private now() {
    return (this.options.clock ?? (() => new Date()))();
  }

  private async runDue(): Promise<void> {
    const { store, log } = this.options;
    for (const job of this.jobs) {
      if (this.stopped) return;
      const now = this.now();
      try {
        const mine = await store.jobs.take(
          job.name,
          this.holder,
          now,
          this.options.leaseMs ?? 15 * 60_000,
        );
        if (!mine) continue;
      } catch (error) {
        log.error({ err: error, job: job.name }, `Could not check background job ${job.name}.`);
        continue;
      }
      try {
        await job.run(now);
      } catch (error) {
        log.error({ err: error, job: job.name }, `Background job ${job.name} failed.`);
      }
      await store.jobs
        .finish(job.name, this.holder, new Date(this.now().getTime() + job.everyMs))
        .catch((error: unknown) =>
          log.error({ err: error, job: job.name }, `Could not finish background job ${job.name}.`),
        );
    }
  }
}
