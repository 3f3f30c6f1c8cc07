/**
 * `npm run bench -- push`: the time from a staff update to its push leaving the server, measured
 * from the officer's POST (staff session, the console's request) to the encrypted push arriving at
 * a push service on loopback, with the server's answer to the POST alongside (the push is sent
 * off the request path, so that answer should not grow with the phones listening). One and ten
 * subscriptions on the report, on SQLite and PostgreSQL. Never fails on a time.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { buildApp } from '../../src/server/app';
import { PUSH_SUBSCRIBE_PATH } from '../../src/shared/push';
import { makePushKeys, startPushService } from '../push-service';
import {
  demoCouncil,
  fileReport,
  flyTipping,
  newKey,
  pgSkipReason,
  postgresDatabase,
  sqliteDatabase,
} from '../server/helpers';
import { form, makeStaff, postUpdate, signedIn } from '../server/staff-helpers';

const RUNS = 15;
const TARGET_MS = 5000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function benchOn(db: Awaited<ReturnType<typeof postgresDatabase>>, phones: number) {
  const push = await startPushService();
  const app = await buildApp({
    council: demoCouncil,
    store: await db.openStore(),
    distDir: join(tmpdir(), 'nr-no-dist'),
    push: { endpointOrigins: [push.origin] },
  });
  try {
    const cookie = await signedIn(app, await makeStaff(app.store));
    const key = newKey();
    const ref = await fileReport(app, flyTipping(), key);
    const names = Array.from({ length: phones }, () => randomUUID());
    for (const name of names) {
      const keys = makePushKeys();
      const res = await form(
        app,
        PUSH_SUBSCRIBE_PATH,
        [
          ['service_request_id', ref],
          ['endpoint', push.endpoint(name)],
          ['p256dh', keys.p256dh],
          ['auth', keys.auth],
          ['lang', 'en'],
        ],
        { 'x-report-secret': key },
      );
      if (res.statusCode !== 201) throw new Error(`subscribe: ${res.statusCode} ${res.body}`);
    }
    const toPush: number[] = [];
    const answer: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const arrivals = Promise.all(names.map((n) => push.next(`/push/${n}`)));
      const start = performance.now();
      const res = await postUpdate(
        app,
        { reference: ref, status: i % 2 ? 'investigating' : 'action_scheduled', note: `Run ${i}` },
        { cookie },
      );
      answer.push(performance.now() - start);
      if (res.statusCode !== 201) throw new Error(`update: ${res.statusCode} ${res.body}`);
      const got = await arrivals;
      toPush.push(Math.max(...got.map((p) => p.at)) - start);
    }
    return { toPush, answer };
  } finally {
    await app.close();
    await push.close();
    await db.drop();
  }
}

export async function runPushBench(): Promise<void> {
  console.log(`\nPush: staff update to the push leaving the server (${RUNS} updates each)`);
  console.log(`  target: ${TARGET_MS} ms to the phone's notification (acceptance, loopback)`);
  console.log('  store     phones  update answered (median)  last push out (median, max)');
  for (const name of ['sqlite', 'postgres'] as const) {
    if (name === 'postgres' && pgSkipReason) {
      console.log(`  postgres  skipped: ${pgSkipReason}`);
      continue;
    }
    for (const phones of [1, 10]) {
      const db = name === 'sqlite' ? sqliteDatabase() : await postgresDatabase();
      const { toPush, answer } = await benchOn(db, phones);
      console.log(
        `  ${name.padEnd(8)}  ${String(phones).padStart(6)}  ${median(answer).toFixed(1).padStart(21)} ms` +
          `  ${median(toPush).toFixed(1).padStart(8)} ms, ${Math.max(...toPush).toFixed(1)} ms`,
      );
    }
  }
}
