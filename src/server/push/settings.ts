/**
 * Web push settings. VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY (base64url, as `web-push
 * generate-vapid-keys` prints them) give the server's key pair; without them the server makes one
 * on first start and keeps it in the store (vapid.ts). VAPID_SUBJECT is the contact push services
 * see (a mailto: or https: address). PUSH_ENDPOINT_ORIGINS lists extra origins subscriptions may
 * point at, http allowed (tests run a push service on loopback); otherwise only https push
 * services on a public name are accepted, so the server cannot be made to post into its own network.
 */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

export interface PushSettings {
  /** From the environment, or null: made once and kept in the store. */
  vapidKeys: VapidKeys | null;
  vapidSubject: string;
  endpointOrigins: string[];
}

export const DEFAULT_VAPID_SUBJECT = 'mailto:webmaster@localhost';
const BASE64URL = (bytes: number) => new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((bytes * 4) / 3)}}$`);

export function readPushSettings(env: NodeJS.ProcessEnv, problems: string[]): PushSettings {
  const publicKey = env.VAPID_PUBLIC_KEY?.trim() ?? '';
  const privateKey = env.VAPID_PRIVATE_KEY?.trim() ?? '';
  let vapidKeys: VapidKeys | null = null;
  if (publicKey || privateKey) {
    if (!BASE64URL(65).test(publicKey)) {
      problems.push('VAPID_PUBLIC_KEY: give the 65-byte public key in base64url (87 characters)');
    }
    if (!BASE64URL(32).test(privateKey)) {
      problems.push('VAPID_PRIVATE_KEY: give the 32-byte private key in base64url (43 characters)');
    }
    vapidKeys = { publicKey, privateKey };
  }
  const vapidSubject = env.VAPID_SUBJECT?.trim() || DEFAULT_VAPID_SUBJECT;
  if (!/^(mailto:\S+@\S+|https:\/\/\S+)$/.test(vapidSubject)) {
    problems.push('VAPID_SUBJECT: give a mailto: or https: address push services can contact');
  }
  const endpointOrigins: string[] = [];
  for (const text of (env.PUSH_ENDPOINT_ORIGINS ?? '').split(',').map((o) => o.trim())) {
    if (!text) continue;
    try {
      endpointOrigins.push(new URL(text).origin);
    } catch {
      problems.push(
        `PUSH_ENDPOINT_ORIGINS: "${text.slice(0, 60)}" is not an origin like http://127.0.0.1:9999`,
      );
    }
  }
  return { vapidKeys, vapidSubject, endpointOrigins };
}

/** Whether the server may post pushes to this endpoint. */
export function endpointAllowed(endpoint: string, settings: Pick<PushSettings, 'endpointOrigins'>) {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (settings.endpointOrigins.includes(url.origin)) return true;
  const host = url.hostname.toLowerCase();
  const ipLiteral = /^[\d.]+$/.test(host) || host.startsWith('[');
  return (
    url.protocol === 'https:' &&
    !ipLiteral &&
    host.includes('.') &&
    host !== 'localhost' &&
    !host.endsWith('.localhost') &&
    !host.endsWith('.local') &&
    !host.endsWith('.internal')
  );
}
