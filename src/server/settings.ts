/**
 * Settings from the environment, checked once at start-up. See the README's Configuration section.
 */
import { resolve } from 'node:path';
import type { Result } from '../shared/result';
import { readCentreIdleMs, readCentreOfflineDays } from './centres/settings';
import { DEMO_COUNCIL_PATH } from './config/load-council';
import { readLoadSettings, type LoadSettings } from './load/load-settings';
import { readDemoMode, type DemoMode } from './seed/mode';
import type { StoreSettings } from './store/open-store';

export interface Settings {
  port: number;
  host: string;
  dataDir: string;
  distDir: string;
  councilConfig: string;
  store: StoreSettings;
  logLevel: string;
  trustProxy: boolean;
  /** Demo extras (seed/mode.ts): demo accounts and history, or a production start. */
  demoMode: DemoMode;
  /** Map tiles from here instead of the council configuration's tileUrl (TILE_URL; tests). */
  tileUrl: string | null;
  /** Reporting-centre users are signed out after this long idle (centres/settings.ts). */
  centreIdleMs: number;
  /** Days a tablet may sign a centre user in without signal (0: never). */
  centreOfflineDays: number;
  /** Rate limits, load shedding and the figures' cache (load/load-settings.ts). */
  load: LoadSettings;
}

const LOG_LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

export function readSettings(env: NodeJS.ProcessEnv): Result<Settings, string[]> {
  const problems: string[] = [];
  const portText = env.PORT?.trim() || '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    problems.push(`PORT: "${portText}" is not a port number (0-65535)`);
  }
  const logLevel = env.LOG_LEVEL?.trim() || 'warn';
  if (!LOG_LEVELS.has(logLevel)) {
    problems.push(`LOG_LEVEL: use one of ${[...LOG_LEVELS].join(', ')}`);
  }
  const url = env.DATABASE_URL?.trim();
  if (url && !/^postgres(ql)?:\/\//.test(url)) {
    problems.push('DATABASE_URL: only postgres:// or postgresql:// URLs are supported');
  }
  const dataDir = resolve(env.DATA_DIR?.trim() || './data');
  const tileUrl = env.TILE_URL?.trim() || null;
  if (tileUrl && !/^https?:\/\/[^\s]*\{z\}[^\s]*\{x\}[^\s]*\{y\}/.test(tileUrl)) {
    problems.push(
      'TILE_URL: give an http(s) URL with {z}, {x} and {y}, like https://tiles.example/{z}/{x}/{y}.png',
    );
  }
  const demoMode = readDemoMode(env, problems);
  const centreIdleMs = readCentreIdleMs(env, problems);
  const centreOfflineDays = readCentreOfflineDays(env, problems);
  const load = readLoadSettings(env, problems);
  if (problems.length) return { ok: false, error: problems };
  return {
    ok: true,
    value: {
      port,
      host: env.HOST?.trim() || '127.0.0.1',
      dataDir,
      distDir: resolve(env.DIST_DIR?.trim() || './dist'),
      councilConfig: env.COUNCIL_CONFIG?.trim()
        ? resolve(env.COUNCIL_CONFIG.trim())
        : DEMO_COUNCIL_PATH,
      store: url ? { kind: 'postgres', url } : { kind: 'sqlite', dataDir },
      logLevel,
      trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
      demoMode,
      tileUrl,
      centreIdleMs,
      centreOfflineDays,
      load,
    },
  };
}
