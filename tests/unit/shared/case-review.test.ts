import { describe, expect, it } from 'vitest';
import {
  caseReviewEligibility,
  notQualifyingReason,
  type CaseReviewReport,
} from '../../../src/shared/case-review';

const rule = { reports: 3, months: 6 };
// Saturday 21 November 2026, midday: the window of six months starts on 21 May 2026.
const now = new Date('2026-11-21T12:00:00Z');

const report = (reference: string, over: Partial<CaseReviewReport> = {}): CaseReviewReport => ({
  reference,
  serviceCode: 'harassment',
  group: 'Personal',
  requestedAt: '2026-09-01T10:00:00+01:00',
  ...over,
});

const a = report('DBC-1', {
  requestedAt: '2026-06-10T09:00:00+01:00',
  occurredAt: '2026-06-08T21:00:00+01:00',
});
const b = report('DBC-2', {
  serviceCode: 'noise',
  group: 'Nuisance',
  requestedAt: '2026-08-15T23:10:00+01:00',
});
const c = report('DBC-3', {
  serviceCode: 'neighbour-nuisance',
  requestedAt: '2026-11-01T10:00:00Z',
  occurredAt: '2026-10-20T19:00:00+01:00',
});

describe('caseReviewEligibility', () => {
  it('three qualifying reports in six months make a resident eligible', () => {
    expect(caseReviewEligibility([c, a, b], rule, now)).toEqual({
      eligible: true,
      qualifying: ['DBC-1', 'DBC-2', 'DBC-3'],
      needed: 0,
      windowStart: '2026-05-21',
    });
  });

  it('two do not, and it says how many more are needed', () => {
    expect(caseReviewEligibility([a, b], rule, now)).toEqual({
      eligible: false,
      qualifying: ['DBC-1', 'DBC-2'],
      needed: 1,
      windowStart: '2026-05-21',
    });
    expect(caseReviewEligibility([], rule, now)).toMatchObject({ eligible: false, needed: 3 });
  });

  it('does not count a report made before the window', () => {
    const old = report('DBC-0', { requestedAt: '2026-05-20T12:00:00+01:00' });
    expect(caseReviewEligibility([old, a, b], rule, now)).toMatchObject({
      eligible: false,
      qualifying: ['DBC-1', 'DBC-2'],
    });
  });

  it('counts a report made on the first day of the window, in London time', () => {
    // 23:30 UTC on 20 May is 00:30 on 21 May in London (BST).
    const edge = report('DBC-0', { requestedAt: '2026-05-20T23:30:00Z' });
    expect(caseReviewEligibility([edge, a, b], rule, now)).toMatchObject({
      eligible: true,
      qualifying: ['DBC-0', 'DBC-1', 'DBC-2'],
    });
  });

  it('counts reports about the same incident once (the earliest)', () => {
    const first = report('DBC-4', {
      requestedAt: '2026-10-01T09:00:00+01:00',
      incidentKey: 'inc-7',
    });
    const again = report('DBC-5', {
      requestedAt: '2026-10-02T09:00:00+01:00',
      incidentKey: 'inc-7',
    });
    const r = caseReviewEligibility([again, first, a], rule, now);
    expect(r).toMatchObject({ eligible: false, qualifying: ['DBC-1', 'DBC-4'], needed: 1 });
    const other = report('DBC-6', {
      requestedAt: '2026-10-03T09:00:00+01:00',
      incidentKey: 'inc-8',
    });
    expect(caseReviewEligibility([again, first, a, other], rule, now).eligible).toBe(true);
  });

  it('does not count environmental reports', () => {
    const fly = report('DBC-7', { serviceCode: 'fly-tipping', group: 'Environmental' });
    expect(caseReviewEligibility([a, b, fly], rule, now)).toMatchObject({
      eligible: false,
      qualifying: ['DBC-1', 'DBC-2'],
    });
  });

  it('does not count a report made more than a month after its incident', () => {
    const late = report('DBC-8', {
      requestedAt: '2026-09-26T10:00:00+01:00',
      occurredAt: '2026-08-25T22:00:00+01:00',
    });
    const justInTime = report('DBC-9', {
      requestedAt: '2026-09-25T10:00:00+01:00',
      occurredAt: '2026-08-25T22:00:00+01:00',
    });
    expect(caseReviewEligibility([a, b, late], rule, now)).toMatchObject({ eligible: false });
    expect(caseReviewEligibility([a, b, justInTime], rule, now)).toMatchObject({
      eligible: true,
      qualifying: ['DBC-1', 'DBC-2', 'DBC-9'],
    });
  });

  it('follows the council’s own threshold', () => {
    expect(caseReviewEligibility([a, b, c], { reports: 2, months: 4 }, now)).toEqual({
      eligible: true,
      qualifying: ['DBC-2', 'DBC-3'],
      needed: 0,
      windowStart: '2026-07-21',
    });
    expect(caseReviewEligibility([a, b, c], { reports: 5, months: 6 }, now).needed).toBe(2);
  });

  it('gives the reason a report does not count', () => {
    const start = '2026-05-21';
    const today = '2026-11-21';
    expect(notQualifyingReason(a, start, today)).toBeNull();
    expect(notQualifyingReason({ ...a, group: 'Environmental' }, start, today)).toBe('not-asb');
    expect(notQualifyingReason({ ...a, requestedAt: '2026-01-01T10:00:00Z' }, start, today)).toBe(
      'outside-window',
    );
    expect(notQualifyingReason({ ...a, requestedAt: '2026-11-22T10:00:00Z' }, start, today)).toBe(
      'outside-window',
    );
    expect(
      notQualifyingReason({ ...a, occurredAt: '2026-04-01T10:00:00+01:00' }, start, today),
    ).toBe('reported-late');
  });
});
