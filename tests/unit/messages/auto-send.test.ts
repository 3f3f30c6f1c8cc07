/**
 * The messages queue sends by itself: nothing while offline, at once on `online`, soon after a
 * message is saved while online, and again when its backoff timer is due.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openMessages, startMessagesAutoSend, type Messages } from '../../../src/app/messages';
import { application, dbName, reviewCreated, startFormServer, type FormServer } from './helpers';

let server: FormServer;
let queue: Messages;
let stop: () => void = () => undefined;

beforeEach(async () => {
  server = await startFormServer();
  queue = await openMessages({
    dbName: dbName(),
    baseUrl: server.url,
    locks: null,
    backoff: { baseMs: 20, capMs: 20 },
    random: () => 1,
  });
});

afterEach(async () => {
  stop();
  queue.close();
  await server.close();
});

const until = async (check: () => Promise<boolean>) => {
  while (!(await check())) await new Promise((r) => setTimeout(r, 10));
};
const stateOf = async () => (await queue.list()).records[0]?.state;

it('waits while offline, sends on `online`, and retries after a failure by its timer', async () => {
  let online = false;
  const win = new EventTarget();
  stop = startMessagesAutoSend(queue, win, undefined, {
    isOnline: () => online,
    maxDelayMs: 60_000,
  });
  await queue.save(application());
  await new Promise((r) => setTimeout(r, 50));
  expect(server.received).toHaveLength(0);

  server.answer({ status: 503, body: 'busy' }, reviewCreated());
  online = true;
  win.dispatchEvent(new Event('online'));
  await until(async () => (await stateOf()) === 'sent');
  expect(server.received).toHaveLength(2);
});

it('sends a message saved while online straight away', async () => {
  const win = new EventTarget();
  stop = startMessagesAutoSend(queue, win, undefined, { isOnline: () => true });
  server.answer(reviewCreated());
  await queue.save(application());
  await until(async () => (await stateOf()) === 'sent');
  expect(server.received).toHaveLength(1);
});
