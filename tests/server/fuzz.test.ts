/**
 * Hostile requests at every endpoint of the real app (tests/fuzz): a fixed-seed run of generated
 * requests, each a valid request with one thing made hostile or one made up from nothing, must
 * never get a 5xx, must get a 4xx that says what to fix, must be answered, must store no report
 * when refused, and must leave the server answering its health check. `npm run fuzz` runs the
 * same at scale with any seed. The requests the fuzzer once broke the server with are kept here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../fuzz/endpoints';
import { registeredRoutes } from '../fuzz/registered-routes';
import { openFuzzApp, type FuzzApp } from '../fuzz/fuzz-app';
import { describeRequest, send, type FuzzRequest } from '../fuzz/fuzz-request';
import { formatOutcome, runFuzz } from '../fuzz/fuzz-run';
import { checkOne, newTally } from '../fuzz/properties';
import { validRequests } from '../fuzz/request-arbitraries';

const CASES = 300;
const SEED = 20_261_121;

const found = (method: string, url: string, headers: Record<string, string> = {}): FuzzRequest => {
  const [path, query = ''] = url.split('?');
  return {
    aim: 'found by fuzzing',
    mutation: 'kept as found',
    method,
    path: path!,
    query: [],
    rawQuery: query,
    headers,
    body: { kind: 'none' },
    role: 'public',
  };
};

/** Requests that once broke a property, each with what it broke. */
const FOUND: Array<[string, FuzzRequest]> = [
  ['a folder path got a bare 403 "Forbidden"', found('GET', '//')],
  ['an API folder path got a bare 403 "Forbidden"', found('GET', '/api/centre///')],
  ['a page path of slashes was read as a host: 500', found('GET', '///', { accept: 'text/html' })],
  [
    'a page path of slashes with a query: 500',
    found('GET', '///?report%5BhasOwnProperty%5D=open', { accept: 'text/html' }),
  ],
];

describe('fuzzing every endpoint', () => {
  let fuzz: FuzzApp;
  beforeAll(async () => {
    fuzz = await openFuzzApp();
  }, 60_000);
  afterAll(async () => {
    await fuzz?.close();
  });

  it('has valid requests for every route the app registers', () => {
    const covered = new Set(ENDPOINTS.map((e) => `${e.method} ${e.route}`));
    const routes = registeredRoutes(fuzz.app);
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((r) => !covered.has(r))).toEqual([]);
    expect([...covered].filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('every valid request is accepted, so the mutations start from a request that works', async () => {
    for (const r of validRequests(fuzz.targets)) {
      const res = await send(fuzz, r);
      expect(res.statusCode, `${describeRequest(r)}\n${res.body.slice(0, 300)}`).toBeLessThan(400);
    }
  });

  it.each(FOUND)('found by fuzzing: %s', async (_what, r) => {
    expect(await checkOne(fuzz, r, newTally())).toEqual([]);
  });

  it(`${CASES} generated hostile requests (seed ${SEED}) hold every property`, async () => {
    const outcome = await runFuzz(fuzz, { cases: CASES, seed: SEED });
    expect(outcome.failure, formatOutcome(outcome)).toBeNull();
    expect(outcome.tally.cases).toBe(CASES);
    expect((await fuzz.app.inject({ url: '/api/health' })).statusCode).toBe(200);
  });
});
