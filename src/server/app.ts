/**
 * `buildApp(opts)`: the intake API and the PWA's web server as one Fastify instance, ready for
 * `listen` (server.ts) or `inject` (tests). Everything the routes need is decorated here
 * (council configuration, store, media sink); routes stay thin and one handler shapes every
 * error as Open311's `[{"code", "description"}]`.
 *
 * Notes
 * - Only form bodies are parsed (URL-encoded and multipart); JSON and every other content type
 *   are refused with 415, because Open311 requests are forms and one parser means one validation.
 * - No request handler keeps state in memory that another instance would need.
 */
import fastifyCookie from '@fastify/cookie';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { CouncilConfig } from '../shared/council-config';
import { OPEN311_BASE } from '../shared/open311';
import { registerCompression } from './http/compression';
import { FORM_BODY_LIMIT, open311ErrorHandler } from './http/errors';
import { MULTIPART_LIMITS, registerFormParser } from './http/form-body';
import { registerSecurityHeaders } from './http/security-headers';
import { fastifyTrustProxy, type TrustProxy } from './http/public-address';
import { startPushWorker } from './push/push-worker';
import { DEFAULT_VAPID_SUBJECT, type PushSettings } from './push/settings';
import { loadVapidKeys } from './push/vapid';
import { pushRoutes } from './routes/api/push';
import { housekeepingJobs } from './jobs/housekeeping';
import { JobRunner } from './jobs/job-runner';
import { openMediaFiles, type MediaSettings } from './media/media-files';
import { apiRoutes } from './routes/api';
import { centreRoutes } from './routes/api/centre';
import { informedApiRoutes } from './routes/api/informed';
import { appShellRoutes } from './routes/app-shell';
import { releaseAbandonedClaims } from './reports/idempotency';
import { open311Routes } from './routes/open311';
import { registerLoadLimits } from './load/load-limits';
import { DEFAULT_LOAD_SETTINGS, type LoadSettings } from './load/load-settings';
import { figuresCache } from './stats/figures-cache';
import { DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from './staff/sign-in';
import type { Store } from './store/store';
import type {} from './fastify-augment';

export interface AppOptions {
  council: CouncilConfig;
  store: Store;
  /** The built PWA (vite build output). */
  distDir: string;
  /** Close the store when the app closes (true when the app opened it). Default true. */
  ownsStore?: boolean;
  /** Where photos and recordings are kept: a folder or object storage (media-files.ts). */
  media?: MediaSettings;
  /** A media folder (the same as `media: { kind: 'folder', dir }`); default: a new temporary one. */
  mediaDir?: string;
  /** How often this instance looks for due background jobs (jobs/job-runner.ts); default 30 s. */
  jobPollMs?: number;
  logger?: FastifyServerOptions['logger'];
  /** Proxies allowed to say who the client is (http/public-address.ts); default none. */
  trustProxy?: TrustProxy;
  /** The origin of our own URLs (media, discovery); default http://localhost. */
  publicUrl?: string;
  /** Staff sign-in limits (tests shorten the pause); defaults in staff/sign-in.ts. */
  signInLimits?: Partial<SignInLimits>;
  /** The time "now" for published statistics (tests fix it); default the system clock. */
  clock?: () => Date;
  /** Idle limit of reporting-centre sessions (centres/auth.ts); default 15 minutes. */
  centreIdleMs?: number;
  /** Days a tablet may sign a centre user in without signal (centres/settings.ts); default 14. */
  centreOfflineDays?: number;
  /** Web push (push/settings.ts); default: a key pair kept in the store, https endpoints only. */
  push?: Partial<PushSettings>;
  /** How often the push worker looks for due deliveries besides being kicked; default 5 s. */
  pushPollMs?: number;
  /** Rate limits, load shedding and the figures' cache (load/load-settings.ts); defaults there. */
  load?: Partial<LoadSettings>;
}

/** Requests as logged: method and path only; a query string may hold a key or a report's secret. */
const logRequest = (req: { method: string; url: string }) => ({
  method: req.method,
  url: req.url.split('?')[0],
});

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      opts.logger && typeof opts.logger === 'object'
        ? { ...opts.logger, serializers: { ...opts.logger.serializers, req: logRequest } }
        : (opts.logger ?? false),
    bodyLimit: FORM_BODY_LIMIT,
    trustProxy: fastifyTrustProxy(opts.trustProxy ?? false),
    requestTimeout: 60_000,
    return503OnClosing: true,
    // Errors Fastify raises before routing (a broken URL) get the same Open311 body.
    frameworkErrors: (error, request, reply) => open311ErrorHandler(error, request, reply),
  });

  app.decorate('council', opts.council);
  app.decorate('store', opts.store);
  const mediaFiles = await openMediaFiles(
    opts.media ?? {
      kind: 'folder',
      dir: opts.mediaDir ?? mkdtempSync(join(tmpdir(), 'nr-media-')),
    },
  );
  app.decorate('mediaFiles', mediaFiles);
  app.decorate('signInLimits', { ...DEFAULT_SIGN_IN_LIMITS, ...opts.signInLimits });
  app.decorate('publicUrl', opts.publicUrl ?? 'http://localhost');
  app.decorate('configuredPublicUrl', opts.publicUrl ?? null);
  app.decorate('clock', opts.clock ?? (() => new Date()));
  const jobs = new JobRunner({ store: opts.store, log: app.log, pollMs: opts.jobPollMs });
  app.decorate('jobs', jobs);
  app.addHook('onClose', async () => {
    await jobs.stop();
    await mediaFiles.close();
    if (opts.ownsStore ?? true) await opts.store.close();
  });
  const load = { ...DEFAULT_LOAD_SETTINGS, ...opts.load };
  app.decorate(
    'figures',
    figuresCache(opts.store, opts.council, app.clock, load.figuresCacheSeconds),
  );
  // Claims left 'processing' by a server killed mid-report (SQLite only; see the function).
  const released = await releaseAbandonedClaims(opts.store, new Date());
  if (released > 0) app.log.info(`Released ${released} unfinished Idempotency-Key claims.`);
  // Purges and the orphan sweep, on one instance at a time; the jobs due at start run now.
  for (const job of housekeepingJobs(app)) jobs.register(job);
  await jobs.start();
  const pushSettings: PushSettings = {
    vapidKeys: null,
    vapidSubject: DEFAULT_VAPID_SUBJECT,
    endpointOrigins: [],
    ...opts.push,
  };
  app.decorate('pushSettings', pushSettings);
  app.decorate(
    'push',
    startPushWorker({
      store: opts.store,
      keys: await loadVapidKeys(opts.store, pushSettings.vapidKeys),
      settings: pushSettings,
      log: app.log,
      pollMs: opts.pushPollMs,
    }),
  );
  // Before the store closes (onClose), so a pass in flight finishes with its store.
  app.addHook('preClose', async () => app.push.stop());

  app.setErrorHandler(open311ErrorHandler);
  await registerSecurityHeaders(app, opts.council.map.tileUrl);

  await registerLoadLimits(app, load);

  await registerCompression(app);
  app.removeAllContentTypeParsers();
  registerFormParser(app);
  await app.register(fastifyMultipart, { limits: MULTIPART_LIMITS });
  // Staff session cookies (src/server/staff/auth.ts).
  await app.register(fastifyCookie);

  await app.register(open311Routes, { prefix: OPEN311_BASE });
  await app.register(apiRoutes, { prefix: '/api' });
  await app.register(informedApiRoutes, { prefix: '/api' });
  await app.register(pushRoutes);
  await app.register(centreRoutes, {
    prefix: '/api/centre',
    idleMs: opts.centreIdleMs,
    offlineDays: opts.centreOfflineDays,
  });
  await appShellRoutes(app, { distDir: opts.distDir });

  return app;
}
