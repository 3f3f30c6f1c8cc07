/**
 * The properties every answer must have, whatever was sent: no 5xx; a 4xx says what to fix in an
 * Open311 JSON error body; an answer comes within the hang limit; a refused request stores no
 * report; and the server still answers its health check afterwards. `checkOne` sends one request
 * and returns what broke (nothing when all held), counting statuses and times for the report.
 */
import { Open311ErrorSchema } from '../../src/shared/open311';
import type { FuzzApp } from './fuzz-app';
import { describeRequest, send, urlOf, type FuzzRequest } from './fuzz-request';

/** Longer than any request takes even on a loaded machine; a request past it has hung. */
export const HANG_MS = 20_000;
// The description of an unexpected 5xx; a 4xx must never fall back to it.
const GENERIC = /Something went wrong/;

export interface Tally {
  cases: number;
  byStatus: Map<number, number>;
  fiveXx: number;
  hangs: number;
  slowest: { ms: number; request: string };
}

export const newTally = (): Tally => ({
  cases: 0,
  byStatus: new Map(),
  fiveXx: 0,
  hangs: 0,
  slowest: { ms: 0, request: '' },
});

type Answer =
  | { kind: 'answered'; status: number; contentType: string; body: string; ms: number }
  | { kind: 'hung' }
  | { kind: 'threw'; error: string };

async function within(fuzz: FuzzApp, r: FuzzRequest): Promise<Answer> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<Answer>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'hung' }), HANG_MS);
  });
  const answer = send(fuzz, r).then(
    (res): Answer => ({
      kind: 'answered',
      status: res.statusCode,
      contentType: String(res.headers['content-type'] ?? ''),
      body: res.body,
      ms: performance.now() - started,
    }),
    (error: unknown): Answer => ({ kind: 'threw', error: String(error) }),
  );
  try {
    return await Promise.race([answer, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** What is wrong with a 4xx answer's body, or null when it says what to fix. */
export function errorBodyProblem(status: number, contentType: string, body: string): string | null {
  if (!contentType.startsWith('application/json'))
    return `a ${status} as ${contentType || 'no type'}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `a ${status} whose body is not JSON`;
  }
  const errors = Open311ErrorSchema.safeParse(parsed);
  if (!errors.success || errors.data.length === 0)
    return `a ${status} without an Open311 error body`;
  for (const e of errors.data) {
    if (e.code !== status) return `a ${status} whose error says code ${e.code}`;
    if (e.description.trim().length < 10 || GENERIC.test(e.description)) {
      return `a ${status} that does not say what to fix: "${e.description}"`;
    }
  }
  return null;
}

/** Sends the request and checks every property; returns the problems (empty when all held). */
export async function checkOne(fuzz: FuzzApp, r: FuzzRequest, tally: Tally): Promise<string[]> {
  const before = await fuzz.app.store.reports.count();
  const answer = await within(fuzz, r);
  tally.cases++;
  const problems: string[] = [];
  if (answer.kind === 'hung') {
    tally.hangs++;
    problems.push(`no answer within ${HANG_MS / 1000} s`);
  } else if (answer.kind === 'threw') {
    problems.push(`the request could not be sent: ${answer.error}`);
  } else {
    const { status, contentType, body, ms } = answer;
    tally.byStatus.set(status, (tally.byStatus.get(status) ?? 0) + 1);
    if (ms > tally.slowest.ms) {
      tally.slowest = { ms, request: `${r.method} ${urlOf(r).slice(0, 100)} (${r.mutation})` };
    }
    if (status >= 500) {
      tally.fiveXx++;
      problems.push(`answered ${status}: ${body.slice(0, 300)}`);
    } else if (status >= 400) {
      if (r.method !== 'HEAD') {
        const p = errorBodyProblem(status, contentType, body);
        if (p) problems.push(`${p}: ${body.slice(0, 300)}`);
      }
      const after = await fuzz.app.store.reports.count();
      if (after !== before) problems.push(`refused with ${status} but stored a report`);
    }
  }
  const health = await fuzz.app.inject({ url: '/api/health' });
  if (health.statusCode !== 200)
    problems.push(`GET /api/health then answered ${health.statusCode}`);
  return problems;
}

/** A failure as printed: what was sent and what broke. */
export function describeFailure(r: FuzzRequest, problems: string[]): string {
  return `${describeRequest(r)}\n  broke: ${problems.join('; ')}`;
}
