/**
 * Background jobs across instances, on real SQLite and PostgreSQL: of several runners on one
 * database, one runs a due job and the others do not; it is due again only after its period; an
 * `atStart` job runs when any instance starts; a lease left by a runner that died expires, and
 * a failing job is logged and tried again at its next time.
 */
import type { FastifyBaseLogger } from 'fastify';
import { expect, it } from 'vitest';
import { JobRunner, type Job } from '../../src/server/jobs/job-runner';
import type { Store } from '../../src/server/store/store';
import { describeEachStore } from './helpers';

const quiet = { error: () => undefined } as unknown as FastifyBaseLogger;
const MINUTE = 60_000;

describeEachStore('Background jobs on several instances', (t) => {
  let clockMs = Date.parse('2026-12-01T10:00:00Z');
  const clock = () => new Date(clockMs);
  const runner = (store: Store) => new JobRunner({ store, log: quiet, clock, pollMs: 3_600_000 });
  const counting = (name: string, runs: string[], who: string, extra: Partial<Job> = {}): Job => ({
    name,
    everyMs: 10 * MINUTE,
    run: async () => void runs.push(who),
    ...extra,
  });

  it('runs a due job on one instance only, and again only after its period', async () => {
    const stores = [t.store, await t.db.openStore(), await t.db.openStore()];
    const runs: string[] = [];
    const runners = stores.map((s, i) => {
      const r = runner(s);
      r.register(counting('test-count', runs, `instance ${i}`));
      return r;
    });
    await Promise.all(runners.map((r) => r.start()));
    expect(runs).toHaveLength(1);
    clockMs += 5 * MINUTE;
    await Promise.all(runners.map((r) => r.tick()));
    expect(runs).toHaveLength(1);
    clockMs += 6 * MINUTE;
    await Promise.all(runners.map((r) => r.tick()));
    expect(runs).toHaveLength(2);
    for (const r of runners) await r.stop();
    for (const s of stores.slice(1)) await s.close();
  });

  it('runs an atStart job whenever an instance starts, one at a time', async () => {
    const runs: string[] = [];
    const first = runner(t.store);
    first.register(counting('test-at-start', runs, 'first', { atStart: true }));
    await first.start();
    const other = await t.db.openStore();
    const second = runner(other);
    second.register(counting('test-at-start', runs, 'second', { atStart: true }));
    await second.start();
    expect(runs).toEqual(['first', 'second']);
    await first.stop();
    await second.stop();
    await other.close();
  });

  it('takes over a lease left by an instance that died, once it has expired', async () => {
    // An instance took the lease and died before finishing.
    expect(await t.store.jobs.take('test-orphaned', 'dead', clock(), 15 * MINUTE)).toBe(false);
    await t.store.jobs.register('test-orphaned', clock(), false);
    expect(await t.store.jobs.take('test-orphaned', 'dead', clock(), 15 * MINUTE)).toBe(true);
    const runs: string[] = [];
    const alive = runner(t.store);
    alive.register(counting('test-orphaned', runs, 'alive'));
    await alive.start();
    expect(runs).toEqual([]);
    clockMs += 16 * MINUTE;
    await alive.tick();
    expect(runs).toEqual(['alive']);
    await alive.stop();
  });

  it('logs a failing job and tries it again at its next time', async () => {
    let attempts = 0;
    const logged: string[] = [];
    const log = {
      error: (_o: unknown, m: string) => logged.push(m),
    } as unknown as FastifyBaseLogger;
    const r = new JobRunner({ store: t.store, log, clock, pollMs: 3_600_000 });
    r.register({
      name: 'test-failing',
      everyMs: MINUTE,
      run: async () => {
        attempts++;
        throw new Error('the disk is full (test)');
      },
    });
    await r.start();
    clockMs += 2 * MINUTE;
    await r.tick();
    expect(attempts).toBe(2);
    expect(logged).toEqual([
      'Background job test-failing failed.',
      'Background job test-failing failed.',
    ]);
    await r.stop();
  });
});
