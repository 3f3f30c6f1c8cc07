/**
 * The app's side of keeping residents informed: which of this phone's reports count towards an
 * ASB case review (the shared rule over outbox records), and the status cache that keeps the
 * council's view of each sent report for offline reading.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { phoneEligibility } from '../../../src/app/case-review/eligibility';
import {
  markSurveyAnswered,
  readStatuses,
  refreshStatus,
} from '../../../src/app/my-reports/report-status';
import type { OutboxRecord } from '../../../src/app/outbox/schema';
import { council } from './fixtures';

const NOW = new Date('2026-11-20T12:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

function record(
  code: string,
  sentDaysAgo: number,
  state: OutboxRecord['state'] = 'sent',
): OutboxRecord {
  const at = daysAgo(sentDaysAgo);
  return {
    id: randomUUID(),
    state,
    report: { service_code: code, description: 'x', attributes: {} } as OutboxRecord['report'],
    mediaIds: [],
    createdAt: at,
    updatedAt: at,
    attempts: 0,
    nextAttemptAt: null,
    notBefore: null,
    lastError: null,
    lastErrorKind: null,
    lastStatus: null,
    reference: state === 'sent' ? `DBC-${randomUUID().slice(0, 8).toUpperCase()}` : null,
    serviceNotice: null,
    sentAt: state === 'sent' ? at : null,
    summary: { serviceName: code },
  };
}

describe('case review eligibility from this phone', () => {
  it('three anti-social behaviour reports in six months are eligible, two are not', () => {
    const two = [record('rowdy-behaviour', 10), record('harassment', 40)];
    expect(phoneEligibility(two, council, NOW)).toMatchObject({ eligible: false, needed: 1 });
    const three = [...two, record('noise', 100)];
    const r = phoneEligibility(three, council, NOW);
    expect(r.eligible).toBe(true);
    expect(r.qualifying).toEqual([three[2]!, three[1]!, three[0]!].map((x) => x.reference));
  });

  it('environmental, unsent and older reports do not count', () => {
    const records = [
      record('rowdy-behaviour', 10),
      record('harassment', 40),
      record('fly-tipping', 5),
      record('noise', 3, 'queued'),
      record('noise', 200),
    ];
    expect(phoneEligibility(records, council, NOW)).toMatchObject({
      eligible: false,
      qualifying: [records[1]!.reference, records[0]!.reference],
    });
  });
});

describe('status cache', () => {
  const view = (status: string, notes: string | null) => [
    {
      service_request_id: 'DBC-AAAA1111',
      status: status === 'fixed' ? 'closed' : 'open',
      extended_status: status,
      status_notes: notes,
      requested_datetime: '2026-11-20T10:00:00Z',
      updated_datetime: '2026-11-20T11:00:00Z',
      expected_datetime: null,
      visibility: 'full',
      updates: [],
      survey_answered: false,
    },
  ];
  const answering = (status: number, body: unknown) =>
    (async (url: string, init?: RequestInit) => {
      seen.push({ url, secret: new Headers(init?.headers).get('x-report-secret') });
      return new Response(JSON.stringify(body), { status });
    }) as unknown as typeof fetch;
  const seen: Array<{ url: string; secret: string | null }> = [];

  it('keeps the last view for offline reading and remembers the survey', async () => {
    const dbName = `status-${randomUUID()}`;
    const id = randomUUID();
    const r = await refreshStatus(
      { id, reference: 'DBC-AAAA1111' },
      { dbName, fetch: answering(200, view('investigating', 'A crew will visit.')) },
    );
    expect(r.ok).toBe(true);
    expect(seen.at(-1)).toEqual({ url: '/open311/v2/requests/DBC-AAAA1111.json', secret: id });
    const offline = await refreshStatus(
      { id, reference: 'DBC-AAAA1111' },
      {
        dbName,
        fetch: (() => Promise.reject(new TypeError('offline'))) as unknown as typeof fetch,
      },
    );
    expect(offline).toEqual({ ok: false, error: 'offline' });
    const cached = (await readStatuses(dbName))[id]!;
    expect(cached.view.status_notes).toBe('A crew will visit.');
    expect(cached.surveyAnswered).toBe(false);
    await markSurveyAnswered(id, dbName);
    await refreshStatus(
      { id, reference: 'DBC-AAAA1111' },
      { dbName, fetch: answering(200, view('fixed', 'Done')) },
    );
    expect((await readStatuses(dbName))[id]).toMatchObject({
      surveyAnswered: true,
      view: { extended_status: 'fixed', status_notes: 'Done' },
    });
  });

  it('a 404 or an unreadable answer leaves the cached view alone', async () => {
    const dbName = `status-${randomUUID()}`;
    const id = randomUUID();
    await refreshStatus(
      { id, reference: 'DBC-AAAA1111' },
      { dbName, fetch: answering(200, view('open', null)) },
    );
    expect(
      await refreshStatus({ id, reference: 'DBC-AAAA1111' }, { dbName, fetch: answering(404, []) }),
    ).toEqual({
      ok: false,
      error: 'not-found',
    });
    expect(
      await refreshStatus(
        { id, reference: 'DBC-AAAA1111' },
        { dbName, fetch: answering(200, [{ status: 'weird' }]) },
      ),
    ).toEqual({ ok: false, error: 'invalid' });
    expect((await readStatuses(dbName))[id]!.view.extended_status).toBe('open');
  });
});
