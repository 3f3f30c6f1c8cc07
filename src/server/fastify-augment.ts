/**
 * What `buildApp` decorates the Fastify instance with (see app.ts). Modules that use these import
 * this file (`import type {} from ...`) so the augmentation is always in their program view.
 */
import type { CouncilConfig } from '../shared/council-config';
import type { JobRunner } from './jobs/job-runner';
import type { MediaFiles } from './media/media-files';
import type { PushSettings } from './push/settings';
import type { PushWorker } from './push/push-worker';
import type { SignInLimits } from './staff/sign-in';
import type { FiguresCache } from './stats/figures-cache';
import type { Store } from './store/store';

declare module 'fastify' {
  interface FastifyInstance {
    council: CouncilConfig;
    store: Store;
    /** Staff sign-in limits (src/server/staff/sign-in.ts). */
    signInLimits: SignInLimits;
    /** "Now" for published statistics (AppOptions.clock). */
    clock: () => Date;
    /** The origin our own URLs start with (PUBLIC_URL), never the request's Host. */
    publicUrl: string;
    /** PUBLIC_URL as configured, or null on a start without it (CSRF checks: staff/auth.ts). */
    configuredPublicUrl: string | null;
    /** Web push: the worker sending queued pushes, and the settings (push/). */
    push: PushWorker;
    pushSettings: PushSettings;
    /** Where photos and recordings are kept (a folder or object storage: media-files.ts). */
    mediaFiles: MediaFiles;
    /** Background jobs, run by one instance at a time (jobs/job-runner.ts). */
    jobs: JobRunner;
    /** The published figures, computed at most once per interval (stats/figures-cache.ts). */
    figures: FiguresCache;
  }
}
