/**
 * Web push: the resident's opt-in per report, and what a push carries.
 *
 * Notes
 * - A subscription belongs to a report and is proven by the report's secret (X-Report-Secret) or,
 *   for a centre's report, by the centre's signed-in session; it never names a person.
 * - The payload says only which report has an update, in which language to say so and whether it
 *   is for the resident or the centre that filed it: the service worker words the notification
 *   (`push.*` keys of the locale files). Nothing from the report itself (description, address,
 *   answers, names) is ever in it.
 * - Endpoints are the browser's push service; they must be https (the server posts to them).
 */
import { z } from 'zod';

export const PUSH_KEY_PATH = '/api/push/key.json';
export const PUSH_SUBSCRIBE_PATH = '/api/push/subscriptions';
export const PUSH_UNSUBSCRIBE_PATH = '/api/push/subscriptions/remove';

export const PUSH_LANGUAGES = ['en', 'cy', 'pl', 'ur'] as const;
export const PushLanguage = z.enum(PUSH_LANGUAGES);
export type PushLanguage = z.infer<typeof PushLanguage>;

/**
 * Who a subscription speaks to: the resident who made the report, or the reporting centre that
 * filed it for a victim (the victim is never notified). It picks the words and the page a tap
 * opens (the resident's report page, or the centre's).
 */
export const PUSH_AUDIENCES = ['resident', 'centre'] as const;
export const PushAudience = z.enum(PUSH_AUDIENCES);
export type PushAudience = z.infer<typeof PushAudience>;

/** Base64url of `bytes` bytes (what PushSubscription.toJSON() gives; padding allowed). */
const base64url = (bytes: number, what: string) => {
  const chars = Math.ceil((bytes * 4) / 3);
  return z
    .string()
    .regex(
      new RegExp(`^[A-Za-z0-9_-]{${chars}}=*$`),
      `${what}: give the subscription's ${bytes}-byte key in base64url, as PushSubscription.toJSON() does`,
    );
};

export const ENDPOINT_MAX = 1000;

/** The form POSTed to PUSH_SUBSCRIBE_PATH. */
export const PushSubscribeFormSchema = z.object({
  service_request_id: z.string().min(1, 'service_request_id: give the reference of the report'),
  endpoint: z
    .string()
    .max(ENDPOINT_MAX, `endpoint: at most ${ENDPOINT_MAX} characters`)
    .pipe(z.url('endpoint: give the push service address of the subscription')),
  p256dh: base64url(65, 'p256dh'),
  auth: base64url(16, 'auth'),
  lang: PushLanguage.catch('en'),
});
export type PushSubscribeForm = z.infer<typeof PushSubscribeFormSchema>;

/** The form POSTed to PUSH_UNSUBSCRIBE_PATH. */
export const PushUnsubscribeFormSchema = PushSubscribeFormSchema.pick({
  service_request_id: true,
  endpoint: true,
});

/** What a push carries (JSON, encrypted for the subscription). */
export const PushPayloadSchema = z.object({
  /** The report's reference, e.g. DBC-7K2M9Q4X. */
  ref: z.string(),
  lang: PushLanguage,
  /** The locale key of the words, under `push`. */
  key: z.literal('update'),
  /** Who is told; a payload without it (an older server) is a resident's. */
  audience: PushAudience.default('resident'),
});
export type PushPayload = z.infer<typeof PushPayloadSchema>;

export const PushKeySchema = z.object({ publicKey: z.string() });
