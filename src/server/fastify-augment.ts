/**
 * What `buildApp` decorates the Fastify instance with (see app.ts). Modules that use these import
 * this file (`import type {} from ...`) so the augmentation is always in their program view.
 */
import type { CouncilConfig } from '../shared/council-config';
import type { MediaFiles } from './media/media-files';
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
    /** The media folder (photos and recordings). */
    mediaFiles: MediaFiles;
    /** The published figures, computed at most once per interval (stats/figures-cache.ts). */
    figures: FiguresCache;
  }
}
