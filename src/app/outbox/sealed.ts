/**
 * Sealing a centre's queued reports on a shared tablet: WebCrypto AES-GCM with a key that exists
 * only in memory while the centre user is signed in.
 *
 * Notes
 * - The key is derived (HKDF-SHA-256) from a random per-user secret the server hands only to a
 *   signed-in session (GET /api/centre/seal-key, and the sign-in answer), with the user's id as
 *   salt. It is imported non-extractable, so even script on the page cannot read its bytes; the
 *   secret's bytes are overwritten once imported. Signing out, "Exit this page" or the idle timer
 *   drop the only reference, and a reload needs a live session (or, without signal, the tablet's
 *   password-wrapped copy of the secret: src/app/centre/offline-sign-in.ts) to get it back.
 * - Why the server's secret and not a key derived from the password: it survives a password
 *   reset, so a reset never strands a sealed report; the password only wraps a copy of the secret
 *   for offline sign-in, and deleting that copy loses nothing.
 * - Each seal has a fresh 96-bit IV; the record's id and owner are bound in as additional data,
 *   so ciphertext moved to another record does not open. Photos and recordings are sealed as raw
 *   bytes (`sealBytes`, no JSON or base64 on the way) with the same binding plus their place in
 *   the report, so they cannot be swapped between reports or reordered either.
 */
import { err, ok, type Result } from '../../shared/result';

export const SEAL_INFO = 'neighbourhood-reporter centre outbox v1';

/** What IndexedDB keeps of a sealed value: only these bytes. */
export interface Sealed {
  iv: ArrayBuffer;
  data: ArrayBuffer;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The non-extractable AES-GCM key for this user, from the server's secret (base64url). */
export async function deriveSealKey(secret: string, userId: string): Promise<CryptoKey> {
  const raw = fromBase64Url(secret);
  if (raw.length < 32) throw new Error('the seal secret is too short');
  try {
    const base = await crypto.subtle.importKey('raw', raw, 'HKDF', false, ['deriveKey']);
    return await crypto.subtle.deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt: utf8(userId), info: utf8(SEAL_INFO) },
      base,
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt', 'decrypt'],
    );
  } finally {
    raw.fill(0);
  }
}

/** Encrypts raw bytes (a photo or recording), bound to `context`. */
export async function sealBytes(
  key: CryptoKey,
  bytes: ArrayBuffer | Uint8Array<ArrayBuffer>,
  context: string,
): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8(context) },
    key,
    bytes,
  );
  return { iv: iv.buffer, data };
}

/** Decrypts raw bytes; `cannot-open` for another key, another context or damaged bytes. */
export async function unsealBytes(
  key: CryptoKey,
  sealed: Sealed,
  context: string,
): Promise<Result<ArrayBuffer, 'cannot-open'>> {
  try {
    return ok(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: new Uint8Array(sealed.iv), additionalData: utf8(context) },
        key,
        sealed.data,
      ),
    );
  } catch {
    return err('cannot-open');
  }
}

/** Encrypts a JSON value, bound to `context` (the record's id and owner). */
export function seal(key: CryptoKey, value: unknown, context: string): Promise<Sealed> {
  return sealBytes(key, utf8(JSON.stringify(value)), context);
}

/** Decrypts a JSON value; `cannot-open` for another key, another context or damaged bytes. */
export async function unseal(
  key: CryptoKey,
  sealed: Sealed,
  context: string,
): Promise<Result<unknown, 'cannot-open'>> {
  const plain = await unsealBytes(key, sealed, context);
  if (!plain.ok) return plain;
  try {
    return ok(JSON.parse(new TextDecoder().decode(plain.value)) as unknown);
  } catch {
    return err('cannot-open');
  }
}
