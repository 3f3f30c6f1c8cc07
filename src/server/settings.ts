/**
 * Settings from the environment, checked once at start-up. Documented in docs/configuration.md.
 */
import { join, resolve } from 'node:path';
import type { Result } from '../shared/result';
import { readCentreIdleMs, readCentreOfflineDays } from './centres/settings';
import { DEMO_COUNCIL_PATH } from './config/load-council';
import { readPublicUrl, readTrustProxy, type TrustProxy } from './http/public-address';
import { readPushSettings, type PushSettings } from './push/settings';
import type { MediaSettings } from './media/media-files';
import { readLoadSettings, type LoadSettings } from './load/load-settings';
import { readDemoMode, type DemoMode } from './seed/mode';
import type { StoreSettings } from './store/open-store';
import { readRetentionJobSettings, type RetentionJobSettings } from './privacy/retention-job';

export interface Settings {
  port: number;
  host: string;
  dataDir: string;
  distDir: string;
  councilConfig: string;
  store: StoreSettings;
  /** DATA_DIR/media, or an S3-compatible bucket when MEDIA_S3_BUCKET is set. */
  media: MediaSettings;
  /** How long SIGTERM waits for requests in flight before exiting anyway. */
  shutdownGraceMs: number;
  logLevel: string;
  /** Proxies allowed to say who the client is (http/public-address.ts). */
  trustProxy: TrustProxy;
  /** The origin our own URLs start with (PUBLIC_URL); null: the listening address. */
  publicUrl: string | null;
  /** Demo extras (seed/mode.ts): demo accounts and history, or a production start. */
  demoMode: DemoMode;
  /** Map tiles from here instead of the council configuration's tileUrl (TILE_URL; tests). */
  tileUrl: string | null;
  /** Reporting-centre users are signed out after this long idle (centres/settings.ts). */
  centreIdleMs: number;
  /** Days a tablet may sign a centre user in without signal (0: never). */
  centreOfflineDays: number;
  /** Web push: VAPID keys and subject, extra push service origins (push/settings.ts). */
  push: PushSettings;
  /** When the retention job runs (privacy/retention-job.ts; docs/privacy.md). */
  retentionJob: RetentionJobSettings;
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
  const trustProxy = readTrustProxy(env, problems);
  const publicUrl = readPublicUrl(env, problems);
  const media = readMedia(env, dataDir, problems);
  const graceText = env.SHUTDOWN_GRACE_SECONDS?.trim() || '10';
  if (!/^\d{1,3}$/.test(graceText)) {
    problems.push(
      `SHUTDOWN_GRACE_SECONDS: "${graceText}" is not a whole number of seconds (0-999)`,
    );
  }
  const demoMode = readDemoMode(env, problems);
  const centreIdleMs = readCentreIdleMs(env, problems);
  const centreOfflineDays = readCentreOfflineDays(env, problems);
  const push = readPushSettings(env, problems);
  const retentionJob = readRetentionJobSettings(env, problems);
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
      media,
      shutdownGraceMs: Number(graceText) * 1000,
      logLevel,
      trustProxy,
      publicUrl,
      demoMode,
      tileUrl,
      centreIdleMs,
      centreOfflineDays,
      push,
      retentionJob,
      load,
    },
  };
}

/** MEDIA_S3_BUCKET selects object storage (media/media-s3.ts); otherwise DATA_DIR/media. */
function readMedia(env: NodeJS.ProcessEnv, dataDir: string, problems: string[]): MediaSettings {
  const bucket = env.MEDIA_S3_BUCKET?.trim();
  if (!bucket) {
    const stray = ['MEDIA_S3_ENDPOINT', 'MEDIA_S3_PREFIX'].filter((k) => env[k]?.trim());
    if (stray.length) problems.push(`${stray.join(', ')}: set MEDIA_S3_BUCKET too, or remove them`);
    return { kind: 'folder', dir: join(dataDir, 'media') };
  }
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    problems.push(`MEDIA_S3_BUCKET: "${bucket}" is not a bucket name (3-63 of a-z, 0-9, . and -)`);
  }
  const endpoint = env.MEDIA_S3_ENDPOINT?.trim() || null;
  if (endpoint && !/^https?:\/\/[^\s/]+\/?$/.test(endpoint)) {
    problems.push(
      `MEDIA_S3_ENDPOINT: give the store's address like https://s3.example.org:9000 (no path)`,
    );
  }
  let prefix = env.MEDIA_S3_PREFIX?.trim() ?? '';
  if (prefix && !/^[A-Za-z0-9._/-]{1,200}$/.test(prefix)) {
    problems.push('MEDIA_S3_PREFIX: use letters, digits, ".", "_", "-" and "/" only');
  }
  if (prefix && !prefix.endsWith('/')) prefix += '/';
  const region = env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || 'us-east-1';
  return { kind: 's3', bucket, prefix, endpoint, region };
}
