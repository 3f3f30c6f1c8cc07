/**
 * Runs the retention job (retention.ts) on a timer: RETENTION_EVERY_HOURS (default 24; 0 turns
 * it off, for a council that runs `npm run admin -- retention run` from its own scheduler instead).
 * The first run waits RETENTION_FIRST_RUN_MINUTES (default 10) so start-up stays quick; the lease
 * keeps several instances from running it together. The log says what it did in counts only.
 */
import type { FastifyInstance } from 'fastify';
import type {} from '../fastify-augment';
import { runRetention } from './retention';

export interface RetentionJobSettings {
  everyHours: number;
  firstRunMinutes: number;
}

function wholeNumber(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  max: number,
  problems: string[],
): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  if (!/^\d+$/.test(text) || Number(text) > max) {
    problems.push(`${name}: give a whole number from 0 to ${max}`);
    return fallback;
  }
  return Number(text);
}

export function readRetentionJobSettings(
  env: NodeJS.ProcessEnv,
  problems: string[],
): RetentionJobSettings {
  return {
    everyHours: wholeNumber(env, 'RETENTION_EVERY_HOURS', 24, 24 * 7, problems),
    firstRunMinutes: wholeNumber(env, 'RETENTION_FIRST_RUN_MINUTES', 10, 24 * 60, problems),
  };
}

export function startRetentionJob(app: FastifyInstance, settings: RetentionJobSettings): void {
  if (settings.everyHours === 0) return;
  const run = async () => {
    try {
      const outcome = await runRetention(app.store, app.council, app.mediaFiles, new Date());
      if (outcome.ran) app.log.info({ retention: outcome.counts }, 'Retention job done.');
      else app.log.info('Retention job: another instance is running it.');
    } catch (error) {
      app.log.error({ err: error }, 'Retention job failed; it will try again at its next run.');
    }
  };
  const first = setTimeout(() => void run(), settings.firstRunMinutes * 60_000);
  const timer = setInterval(() => void run(), settings.everyHours * 3_600_000);
  first.unref();
  timer.unref();
  app.addHook('onClose', async () => {
    clearTimeout(first);
    clearInterval(timer);
  });
}
