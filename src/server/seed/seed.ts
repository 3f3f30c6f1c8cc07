/**
 * Demo mode (`npm start` without NODE_ENV=production or DEMO=false): the demo history is written
 * once per database, and a demo staff account and integration API key exist, so a first-time
 * user can try the staff side at once. Their details are fixed and printed at every start: they
 * are for trying the product on one machine, never for a real council (a production start never
 * calls this; see settings.ts).
 */
import type { CouncilConfig } from '../../shared/council-config';
import { createCentre, createCentreUser } from '../centres/accounts';
import { createApiKey, createStaff } from '../staff/accounts';
import { sha256Hex } from '../staff/tokens';
import { DEMO_MARKER } from '../stats/published';
import type { Store } from '../store/store';
import { demoHistory } from './demo-history';

export const DEMO_STAFF = {
  email: 'staff@demo.example',
  name: 'Demo case officer',
  password: 'demo-password-not-for-real-use',
} as const;
/** The demo administrator: the audit and people's rights pages (docs/privacy.md). */
export const DEMO_ADMIN = {
  email: 'admin@demo.example',
  name: 'Demo administrator',
  password: 'demo-admin-password-not-for-real-use',
  role: 'admin',
} as const;
export const DEMO_API_KEY = 'nrk_demo-integration-key-not-for-real-use';

/** Two demo reporting centres with one user each, made like the demo staff account. */
export const DEMO_CENTRES = [
  {
    code: 'demo-library',
    name: 'Demo Central Library',
    user: {
      email: 'library@centre.demo.example',
      name: 'Demo library centre worker',
      password: 'demo-library-password-not-for-real-use',
    },
  },
  {
    code: 'demo-community-centre',
    name: 'Demo Community Centre',
    user: {
      email: 'community@centre.demo.example',
      name: 'Demo community centre worker',
      password: 'demo-community-password-not-for-real-use',
    },
  },
] as const;

export interface SeedOutcome {
  /** True when this start wrote the history (false: it was there already). */
  wroteHistory: boolean;
  reports: number;
  updates: number;
  surveys: number;
  ms: number;
}

/** Writes the demo history unless this database has it already. */
export async function seedDemoHistory(
  store: Store,
  council: CouncilConfig,
  now = new Date(),
): Promise<SeedOutcome> {
  const started = performance.now();
  let counts = { reports: 0, updates: 0, surveys: 0 };
  const wrote = await store.demo.insertHistoryOnce(
    DEMO_MARKER,
    () => {
      const h = demoHistory(council, now);
      counts = { reports: h.reports.length, updates: h.updates.length, surveys: h.surveys.length };
      return h;
    },
    now,
  );
  return { wroteHistory: wrote, ...counts, ms: Math.round(performance.now() - started) };
}

/** Makes sure the demo staff account, API key and centres exist (each made once). */
export async function ensureDemoAccounts(store: Store): Promise<void> {
  for (const c of DEMO_CENTRES) {
    if (!(await store.centres.findCentreByCode(c.code))) {
      const made = await createCentre(store, c);
      if (!made.ok) throw new Error(made.error);
    }
    if (!(await store.centres.findUserByEmail(c.user.email))) {
      const made = await createCentreUser(store, { centreCode: c.code, ...c.user });
      if (!made.ok) throw new Error(made.error);
    }
  }
  for (const account of [DEMO_STAFF, DEMO_ADMIN]) {
    if (!(await store.staff.findByEmail(account.email))) {
      const made = await createStaff(store, account);
      if (!made.ok && !made.error.includes('already')) throw new Error(made.error);
    }
  }
  if (!(await store.apiKeys.findByHash(sha256Hex(DEMO_API_KEY)))) {
    const made = await createApiKey(store, {
      name: 'Demo integration',
      scopes: ['updates:write'],
      key: DEMO_API_KEY,
    });
    if (!made.ok) throw new Error(made.error);
  }
}

/** What `npm start` prints in demo mode, after the listening line. */
export function demoBanner(baseUrl: string, seeded: SeedOutcome | null): string[] {
  return [
    'Demo mode: made-up data for trying the product; not for a real council.',
    seeded?.wroteHistory
      ? `  Wrote a year of demo history (${seeded.reports} reports, ${seeded.updates} updates, ${seeded.surveys} survey answers) in ${seeded.ms} ms.`
      : seeded
        ? '  The demo history (labelled "Demo report") is in the database.'
        : '  No demo history (SEED_DEMO=false).',
    `  Staff console: ${baseUrl}/staff  email ${DEMO_STAFF.email}  password ${DEMO_STAFF.password}`,
    `  Staff console as admin (audit, people's rights): email ${DEMO_ADMIN.email}  password ${DEMO_ADMIN.password}`,
    `  Integration API key (updates:write): ${DEMO_API_KEY}`,
    ...DEMO_CENTRES.map(
      (c) =>
        `  Reporting centre "${c.name}": ${baseUrl}/centre  email ${c.user.email}  password ${c.user.password}`,
    ),
    `  Response times: ${baseUrl}/response-times`,
    '  A production start (NODE_ENV=production or DEMO=false) never seeds and never creates accounts.',
  ];
}
