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
import { MediaFiles } from './media/media-files';
import { startOrphanSweep } from './media/orphan-sweep';
import { apiRoutes } from './routes/api';
import { centreRoutes } from './routes/api/centre';
import { informedApiRoutes } from './routes/api/informed';
import { appShellRoutes } from './routes/app-shell';
import { releaseAbandonedClaims } from './reports/idempotency';
import { open311Routes } from './routes/open311';
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
  /** Where photos and recordings are kept (DATA_DIR/media); default: a new temporary folder. */
  mediaDir?: string;
  logger?: FastifyServerOptions['logger'];
  trustProxy?: boolean;
  /** Staff sign-in limits (tests shorten the pause); defaults in staff/sign-in.ts. */
  signInLimits?: Partial<SignInLimits>;
  /** The time "now" for published statistics (tests fix it); default the system clock. */
  clock?: () => Date;
  /** Idle limit of reporting-centre sessions (centres/auth.ts); default 15 minutes. */
  centreIdleMs?: number;
  /** Days a tablet may sign a centre user in without signal (centres/settings.ts); default 14. */
  centreOfflineDays?: number;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: FORM_BODY_LIMIT,
    trustProxy: opts.trustProxy ?? false,
    requestTimeout: 60_000,
    return503OnClosing: true,
    // Errors Fastify raises before routing (a broken URL) get the same Open311 body.
    frameworkErrors: (error, request, reply) => open311ErrorHandler(error, request, reply),
  });

  app.decorate('council', opts.council);
  app.decorate('store', opts.store);
  app.decorate(
    'mediaFiles',
    new MediaFiles(opts.mediaDir ?? mkdtempSync(join(tmpdir(), 'nr-media-'))),
  );
  app.decorate('signInLimits', { ...DEFAULT_SIGN_IN_LIMITS, ...opts.signInLimits });
  app.decorate('clock', opts.clock ?? (() => new Date()));
  if (opts.ownsStore ?? true) app.addHook('onClose', async () => opts.store.close());
  // Claims left 'processing' by a server killed mid-report (SQLite only; see the function).
  const released = await releaseAbandonedClaims(opts.store, new Date());
  if (released > 0) app.log.info(`Released ${released} unfinished Idempotency-Key claims.`);
  // Media files left by a server that died before its report's transaction (orphan-sweep.ts).
  await startOrphanSweep(app, opts.store);

  app.setErrorHandler(open311ErrorHandler);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
  });

  await registerCompression(app);
  app.removeAllContentTypeParsers();
  registerFormParser(app);
  await app.register(fastifyMultipart, { limits: MULTIPART_LIMITS });
  // Staff session cookies (src/server/staff/auth.ts).
  await app.register(fastifyCookie);

  await app.register(open311Routes, { prefix: OPEN311_BASE });
  await app.register(apiRoutes, { prefix: '/api' });
  await app.register(informedApiRoutes, { prefix: '/api' });
  await app.register(centreRoutes, {
    prefix: '/api/centre',
    idleMs: opts.centreIdleMs,
    offlineDays: opts.centreOfflineDays,
  });
  await appShellRoutes(app, { distDir: opts.distDir });

  return app;
}
