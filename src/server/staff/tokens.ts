/**
 * Random secrets for sessions and API keys, and the hashes stored in their place. Both are 256
 * random bits, so sha256 (not a slow password hash) is enough and lets the database look a key
 * up by its hash.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** Integration API keys start with this, so a leaked key is easy to recognise and search for. */
export const API_KEY_PREFIX = 'nrk_';

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function newApiKey(): { id: string; key: string } {
  return { id: randomUUID(), key: `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}` };
}

export const API_KEY_SCOPES = ['updates:write', 'reports:read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export function isScope(s: string): s is ApiKeyScope {
  return (API_KEY_SCOPES as readonly string[]).includes(s);
}
