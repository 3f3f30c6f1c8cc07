/**
 * Demo or production, from the environment (see docs/configuration.md):
 * - production when NODE_ENV=production or DEMO=false: nothing is seeded and no account is made;
 * - otherwise demo (the default for `npm start`): the demo history is written once and the demo
 *   staff account and API key exist. SEED_DEMO=false leaves out the history.
 * - Test servers (NODE_ENV=test, as the e2e harness starts them) stay empty unless SEED_DEMO=true,
 *   so tests that count reports see only their own.
 */
export interface DemoMode {
  /** Demo extras at all (accounts and, unless turned off, history). */
  demo: boolean;
  seedHistory: boolean;
}

const YES = new Set(['1', 'true', 'yes']);
const NO = new Set(['0', 'false', 'no']);

function flag(env: NodeJS.ProcessEnv, name: string, problems: string[]): boolean | null {
  const v = env[name]?.trim().toLowerCase();
  if (!v) return null;
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  problems.push(`${name}: use true or false`);
  return null;
}

export function readDemoMode(env: NodeJS.ProcessEnv, problems: string[]): DemoMode {
  const production = env.NODE_ENV === 'production';
  const demoFlag = flag(env, 'DEMO', problems);
  const seedFlag = flag(env, 'SEED_DEMO', problems);
  if (production && demoFlag === true) {
    problems.push(
      'DEMO: a production start (NODE_ENV=production) never runs the demo; remove DEMO',
    );
  }
  if (production || demoFlag === false) return { demo: false, seedHistory: false };
  if (env.NODE_ENV === 'test' && seedFlag !== true) return { demo: false, seedHistory: false };
  return { demo: true, seedHistory: seedFlag !== false };
}
