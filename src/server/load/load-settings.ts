/**
 * How the service protects itself from load, from the environment (docs/scale.md):
 * - RATE_LIMIT_MAX requests per client address per RATE_LIMIT_WINDOW_SECONDS on the public
 *   endpoints (default 300 per 60 s); past it, 429 with Retry-After.
 * - MAX_EVENT_LOOP_DELAY_MS: when the event loop lags more than this (mean over a second), new
 *   requests get 503 with Retry-After (LOAD_RETRY_AFTER_SECONDS) instead of queueing (default
 *   500 ms; 0 turns shedding off).
 * - FIGURES_CACHE_SECONDS: the published figures are computed at most once per this many seconds
 *   and served with that max-age (default 10; 0 recomputes whenever the counters changed).
 */
export interface LoadSettings {
  rateLimitMax: number;
  rateLimitWindowSeconds: number;
  maxEventLoopDelayMs: number;
  retryAfterSeconds: number;
  figuresCacheSeconds: number;
}

export const DEFAULT_LOAD_SETTINGS: LoadSettings = {
  rateLimitMax: 300,
  rateLimitWindowSeconds: 60,
  maxEventLoopDelayMs: 500,
  retryAfterSeconds: 5,
  figuresCacheSeconds: 10,
};

const LIMITS: Record<keyof LoadSettings, readonly [string, number, number]> = {
  rateLimitMax: ['RATE_LIMIT_MAX', 1, 1_000_000],
  rateLimitWindowSeconds: ['RATE_LIMIT_WINDOW_SECONDS', 1, 86_400],
  maxEventLoopDelayMs: ['MAX_EVENT_LOOP_DELAY_MS', 0, 60_000],
  retryAfterSeconds: ['LOAD_RETRY_AFTER_SECONDS', 1, 3_600],
  figuresCacheSeconds: ['FIGURES_CACHE_SECONDS', 0, 3_600],
};

/** The load settings; adds a problem naming the variable when a value is not usable. */
export function readLoadSettings(env: NodeJS.ProcessEnv, problems: string[]): LoadSettings {
  const out = { ...DEFAULT_LOAD_SETTINGS };
  for (const key of Object.keys(LIMITS) as Array<keyof LoadSettings>) {
    const [name, min, max] = LIMITS[key];
    const text = env[name]?.trim();
    if (!text) continue;
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < min || n > max) {
      problems.push(`${name}: give a whole number from ${min} to ${max}`);
    } else out[key] = n;
  }
  return out;
}
