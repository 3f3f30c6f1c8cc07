/**
 * How long a centre user may be idle before being signed out: CENTRE_IDLE_MINUTES (default 15),
 * or CENTRE_IDLE_SECONDS for a finer value (tests use a few seconds). At most 8 hours.
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
