/**
 * Reporting-centre settings. How long a centre user may be idle before being signed out:
 * CENTRE_IDLE_MINUTES (default 15), or CENTRE_IDLE_SECONDS for a finer value (tests use a few
 * seconds), at most 8 hours. How many days a tablet may sign a user in without signal after their
 * last sign-in with signal: CENTRE_OFFLINE_DAYS (default 14, at most 90; 0 turns it off; see
 * src/app/centre/offline-sign-in.ts for the trade-off).
 */
import { DEFAULT_CENTRE_IDLE_MS } from './auth';

const MAX_SECONDS = 8 * 60 * 60;

/** The idle limit in ms; adds a problem naming the variable when a value is not usable. */
export function readCentreIdleMs(env: NodeJS.ProcessEnv, problems: string[]): number {
  const seconds = env.CENTRE_IDLE_SECONDS?.trim();
  const minutes = env.CENTRE_IDLE_MINUTES?.trim();
  if (seconds && minutes) {
    problems.push('CENTRE_IDLE_SECONDS: give CENTRE_IDLE_SECONDS or CENTRE_IDLE_MINUTES, not both');
    return DEFAULT_CENTRE_IDLE_MS;
  }
  const [name, text, unit] = seconds
    ? ['CENTRE_IDLE_SECONDS', seconds, 1]
    : minutes
      ? ['CENTRE_IDLE_MINUTES', minutes, 60]
      : [null, '', 0];
  if (!name) return DEFAULT_CENTRE_IDLE_MS;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n * unit > MAX_SECONDS) {
    problems.push(`${name}: give a whole number from 1 to ${MAX_SECONDS / unit}`);
    return DEFAULT_CENTRE_IDLE_MS;
  }
  return n * unit * 1000;
}

export const DEFAULT_CENTRE_OFFLINE_DAYS = 14;
const MAX_OFFLINE_DAYS = 90;

/** Days of offline sign-in; adds a problem naming the variable when the value is not usable. */
export function readCentreOfflineDays(env: NodeJS.ProcessEnv, problems: string[]): number {
  const text = env.CENTRE_OFFLINE_DAYS?.trim();
  if (!text) return DEFAULT_CENTRE_OFFLINE_DAYS;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > MAX_OFFLINE_DAYS) {
    problems.push(`CENTRE_OFFLINE_DAYS: give a whole number from 0 (off) to ${MAX_OFFLINE_DAYS}`);
    return DEFAULT_CENTRE_OFFLINE_DAYS;
  }
  return n;
}
