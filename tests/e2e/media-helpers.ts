/**
 * Helpers for the media and map end-to-end tests: a report already written up to a given step
 * (saved as the app saves its draft, so the app restores it exactly as after a reload), walking
 * on to "Check your answers", and reading what the server stored (its SQLite file, read-only).
 *
 * Notes
 * - The question pages are covered by the flow tests; these tests start at the photos step by
 *   restoring a draft with the answers given and the earlier steps marked done, which is what the
 *   app itself does when a half-written report is reopened.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import type { CouncilConfig } from '../../src/shared/council-config';
import { MAX_RECORDING_SECONDS } from '../../src/shared/media';
import { DEMO_COUNCIL_PATH, loadCouncilConfig } from '../../src/server/config/load-council';
import { newDraft, stepsFor, type Draft } from '../../src/app/report/draft';
import { DB_VERSION, DEFAULT_DB_NAME } from '../../src/app/outbox/schema';
import { appReady, continueOn, onPage } from './flow-helpers';

const loaded = await loadCouncilConfig(DEMO_COUNCIL_PATH);
if (!loaded.ok) throw new Error(loaded.error);
export const demoCouncil: CouncilConfig = loaded.value;

export const CHECK_TITLE = 'Check your answers before sending your report';
export const SENT = /^Sent\. Your reference is DBC-/;

/** Every risk question answered "no" (the categories that ask them). */
export const RISK_NO = Object.fromEntries(
  [
    'in_danger_now',
    'happened_before',
    'often',
    'targeted',
    'health',
    'vulnerable',
    'unsafe_home',
  ].map((c) => [`risk_${c}`, 'no']),
);

/** A fly-tipping report's answers: a car boot load of household waste, nobody seen. */
export const FLY_TIPPING_ANSWERS = {
  size: 'car_boot',
  waste_types: ['household'],
  hazards: ['none'],
  land_type: 'back_alley',
  witnessed: 'no',
};

/** A draft of the given kind with every step before `upTo` done. */
export function draftUpTo(
  kind: 'noise' | 'fly-tipping',
  upTo: string,
  council: CouncilConfig = demoCouncil,
  extra: Partial<Draft> = {},
): Draft {
  const base: Draft =
    kind === 'noise'
      ? {
          ...newDraft(),
          serviceCode: 'noise',
          answers: {
            noise_type: 'music',
            source_address: '14 Queensway',
            room: 'bedroom',
            started: '2026-11-20T23:00',
            effect: ['sleep'],
            level: '8',
            repeated: 'no',
            ...RISK_NO,
          },
          address: 'Flat above 14 Queensway, Hatfield',
          lat: '51.7645',
          long: '-0.2245',
          description: 'Music through the wall every night after 11pm.',
          contact: 'anonymous',
        }
      : {
          ...newDraft(),
          serviceCode: 'fly-tipping',
          answers: { ...FLY_TIPPING_ANSWERS },
          description: 'Bags of rubbish dumped behind the garages.',
          contact: 'anonymous',
        };
  const draft = { ...base, ...extra };
  const steps = stepsFor(council, draft);
  if (!steps.includes(upTo)) throw new Error(`no step ${upTo} in ${steps.join(', ')}`);
  return { ...draft, seen: steps.slice(0, steps.indexOf(upTo)) };
}

/**
 * Saves the draft where the app keeps the report being written (the outbox's draft store), once
 * the app says its outbox database is open (opening it first would create an empty one).
 */
export async function seedDraft(page: Page, draft: Draft): Promise<void> {
  await appReady(page, 'outbox');
  await page.evaluate(
    ({ dbName, version, draft }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(dbName, version);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          try {
            const tx = db.transaction('draft', 'readwrite');
            tx.objectStore('draft').put(
              { savedAt: new Date().toISOString(), value: draft },
              'current',
            );
            tx.oncomplete = () => {
              db.close();
              resolve();
            };
            tx.onerror = () => {
              db.close();
              reject(tx.error);
            };
          } catch (error) {
            db.close();
            reject(error as Error);
          }
        };
      }),
    { dbName: DEFAULT_DB_NAME, version: DB_VERSION, draft },
  );
}

/** What the draft store holds (null: no draft), once the app says its outbox database is open. */
export async function storedDraft(page: Page): Promise<unknown> {
  await appReady(page, 'outbox');
  return page.evaluate(
    ({ dbName, version }) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open(dbName, version);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          try {
            const get = db.transaction('draft').objectStore('draft').get('current');
            get.onsuccess = () => {
              db.close();
              resolve(get.result ?? null);
            };
            get.onerror = () => {
              db.close();
              reject(get.error);
            };
          } catch (e) {
            db.close();
            reject(e instanceof Error ? e : new Error(String(e)));
          }
        };
      }),
    { dbName: DEFAULT_DB_NAME, version: DB_VERSION },
  );
}

/**
 * Keeps recording until the page's own timer shows `seconds` gone (it counts down from the
 * longest clip): the clip is then at least that long, however slow the machine.
 */
export async function recordAtLeast(page: Page, seconds: number): Promise<void> {
  await page.waitForFunction(
    ({ seconds, max }) => {
      const text = document.querySelector('[data-testid="recording-timer"]')?.textContent ?? '';
      const left = /(\d+) seconds/.exec(text);
      return !!left && max - Number(left[1]) >= seconds;
    },
    { seconds, max: MAX_RECORDING_SECONDS },
    { timeout: (MAX_RECORDING_SECONDS - 5) * 1000 },
  );
}

/**
 * Opens the app, restores a `kind` report written up to `step` and opens that step's page (the
 * caller waits for its heading); returns the draft.
 */
export async function openAtStep(
  page: Page,
  url: string,
  kind: 'noise' | 'fly-tipping',
  step: string,
): Promise<Draft> {
  await page.goto(url + '/');
  await onPage(page, 'Report a problem');
  const draft = draftUpTo(kind, step);
  await seedDraft(page, draft);
  await page.goto(`${url}/report/${step}`);
  return draft;
}

/** The app installed (flow-helpers.ts), for the tests that import it from here. */
export { installApp } from './flow-helpers';

/** Presses Continue page after page until "Check your answers". */
export async function continueToCheck(page: Page): Promise<void> {
  for (let i = 0; i < 12; i++) {
    const h1 = (await page.locator('h1').first().innerText()).trim();
    if (h1 === CHECK_TITLE) return;
    const before = page.url();
    await continueOn(page);
    await page.waitForURL((u) => u.toString() !== before, { timeout: 15_000 });
    await page.locator('h1').first().waitFor();
  }
  throw new Error('did not reach check answers');
}

export interface ServerMedia {
  id: string;
  report_id: string;
  position: number;
  kind: string;
  content_type: string;
  byte_size: number;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  upload_sha256: string;
  file_name: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** What the server stored for the report the phone filed under this id (its Idempotency-Key). */
export function storedFor(dataDir: string, draftId: string) {
  const db = new Database(join(dataDir, 'reports.sqlite'), { readonly: true });
  try {
    const reports = db
      .prepare('SELECT id FROM reports WHERE secret_hash = ?')
      .all(sha256(draftId.toLowerCase())) as Array<{ id: string }>;
    const media = reports.length
      ? (db
          .prepare('SELECT * FROM media WHERE report_id = ? ORDER BY position')
          .all(reports[0]!.id) as ServerMedia[])
      : [];
    return { reports: reports.map((r) => r.id), media };
  } finally {
    db.close();
  }
}

export const mediaPath = (dataDir: string, m: ServerMedia) => join(dataDir, 'media', m.file_name);
