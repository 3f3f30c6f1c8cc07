/**
 * The phone's messages queue (src/app/messages, on fake-indexeddb) against the real server over
 * loopback HTTP, on SQLite and PostgreSQL: a survey answer and a case-review application whose
 * first answer is lost on the way back are each stored once, counted once, and shown as sent
 * with the council's answer; a survey for a report that is not closed is kept as refused.
 */
import 'fake-indexeddb/auto';
import type { AddressInfo } from 'node:net';
import { beforeAll, expect, it } from 'vitest';
import { openMessages, type Messages } from '../../src/app/messages';
import type { Performance } from '../../src/shared/performance';
import { describeEachStore, fileReport, flyTipping, harassment, newKey } from './helpers';
import { bearer, makeApiKey, postUpdate } from './staff-helpers';

let n = 0;

describeEachStore('messages queue against the server', (t) => {
  let baseUrl: string;
  let writer: string;
  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    writer = await makeApiKey(t.store, ['updates:write']);
  });

  /** A queue whose first `lose` answers reach the server but never come back to the phone. */
  const phone = async (lose: number): Promise<{ queue: Messages; calls: () => number }> => {
    let calls = 0;
    const queue = await openMessages({
      dbName: `messages-server-${process.pid}-${++n}`,
      baseUrl,
      locks: null,
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        await res.clone().text();
        if (++calls <= lose) throw new TypeError('Failed to fetch (the answer was lost)');
        return res;
      },
    });
    return { queue, calls: () => calls };
  };

  const flyResponses = async () => {
    const p = JSON.parse((await t.app.inject('/api/performance.json')).body) as Performance;
    return p.categories.find((c) => c.serviceCode === 'fly-tipping')!.last90Days.satisfaction
      .responses;
  };

  it('a survey answer whose first answer was lost is counted once and shown as thanked', async () => {
    const secret = newKey();
    const ref = await fileReport(t.app, flyTipping(), secret);
    await postUpdate(t.app, { reference: ref, status: 'fixed', note: 'Cleared' }, bearer(writer));
    const before = await flyResponses();
    const { queue, calls } = await phone(1);
    try {
      const saved = await queue.save({
        kind: 'survey',
        reportSecret: secret,
        reference: ref,
        satisfaction: '5',
        comment: 'Gone the next day.',
      });
      expect(saved.ok).toBe(true);
      expect((await queue.drain()).failed).toHaveLength(1);
      expect(await flyResponses()).toBe(before + 1);
      expect((await queue.drain({ force: true })).sent).toHaveLength(1);
      expect(calls()).toBe(2);
      expect((await queue.list()).records[0]).toMatchObject({
        state: 'sent',
        lastStatus: 200,
        answer: { kind: 'survey', outcome: 'thanks' },
      });
      expect(await flyResponses()).toBe(before + 1);
      expect(await t.store.surveys.find(ref)).toMatchObject({
        satisfaction: 5,
        comment: 'Gone the next day.',
      });
    } finally {
      queue.close();
    }
  });

  it('a case-review application whose first answer was lost is stored once, with its reference', async () => {
    const reports: Array<[string, string]> = [];
    for (let i = 0; i < 3; i++) {
      const key = newKey();
      reports.push([await fileReport(t.app, harassment(), key), key]);
    }
    const applicationId = crypto.randomUUID();
    const { queue } = await phone(1);
    try {
      await queue.save({
        kind: 'case-review',
        applicationId,
        name: 'Alex Resident',
        email: 'alex@example.com',
        phone: '',
        address: '',
        details: 'It happens every weekend.',
        consent: true,
        reports,
      });
      expect((await queue.drain()).failed).toHaveLength(1);
      const stored = await t.store.caseReviews.findByApplicationId(applicationId);
      expect(stored?.report_ids).toEqual(reports.map(([r]) => r));
      expect((await queue.drain({ force: true })).sent).toHaveLength(1);
      const sent = (await queue.list()).records[0]!;
      expect(sent).toMatchObject({
        state: 'sent',
        lastStatus: 200,
        answer: { kind: 'case-review', reference: stored!.id },
      });
      const all = await t.store.caseReviews.list(1000);
      expect(all.filter((r) => r.application_id === applicationId)).toHaveLength(1);
    } finally {
      queue.close();
    }
  });

  it('a survey for a report that is not closed yet is kept as refused with the reason', async () => {
    const secret = newKey();
    const ref = await fileReport(t.app, flyTipping(), secret);
    const { queue, calls } = await phone(0);
    try {
      await queue.save({
        kind: 'survey',
        reportSecret: secret,
        reference: ref,
        satisfaction: '2',
        comment: '',
      });
      expect((await queue.drain()).refused).toHaveLength(1);
      expect((await queue.list()).records[0]).toMatchObject({
        state: 'refused',
        lastStatus: 409,
        lastError: expect.stringContaining('not closed yet'),
      });
      await queue.drain({ force: true });
      expect(calls()).toBe(1);
      expect(await t.store.surveys.find(ref)).toBeNull();
    } finally {
      queue.close();
    }
  });
});
