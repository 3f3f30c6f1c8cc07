/** The photos and recordings step of the report flow, and when a category has it. */
import type { Service } from '../../shared/council-config';

export const STEP_MEDIA = 'evidence';

/** Whether the category asks for photos or recordings at all. */
export const takesMedia = (service: Service | undefined) =>
  !!service && (service.media.photos || service.media.recordings);
