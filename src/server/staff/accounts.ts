/**
 * Creating staff accounts and integration API keys: one place used by `npm run admin`, the demo
 * seed and the tests, so every account is made with the same checks and hashes.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Result } from '../../shared/result';
import type { Store } from '../store/store';
import { hashPassword, passwordProblem } from './passwords';
import type { ApiKey, StaffMember, StaffRole } from './staff-repository';
import { isScope, newApiKey, sha256Hex, type ApiKeyScope } from './tokens';

const Email = z.email();

/** Emails are compared lower-cased and trimmed. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export interface NewStaff {
  email: string;
  name: string;
  password: string;
  /** Default: case officer. */
  role?: StaffRole;
}

/** Creates a staff account; the error says what to fix. */
export async function createStaff(
  store: Store,
  input: NewStaff,
  now = new Date(),
): Promise<Result<StaffMember, string>> {
  const email = normaliseEmail(input.email);
  if (!Email.safeParse(email).success)
    return { ok: false, error: `"${input.email}" is not an email address` };
  const name = input.name.trim();
  if (!name || name.length > 200) return { ok: false, error: 'give a name of 1 to 200 characters' };
  const problem = passwordProblem(input.password);
  if (problem) return { ok: false, error: problem };
  const member: StaffMember = {
    id: randomUUID(),
    email,
    name,
    password_hash: await hashPassword(input.password),
    created_at: now.toISOString(),
    disabled_at: null,
    role: input.role ?? 'case_officer',
  };
  if (!(await store.staff.create(member))) {
    return { ok: false, error: `there is already a staff account for ${email}` };
  }
  return { ok: true, value: member };
}

export interface CreatedApiKey {
  record: ApiKey;
  /** The key itself: shown once, never stored. */
  key: string;
}

/** Creates an integration API key with the given scopes. */
export async function createApiKey(
  store: Store,
  input: { name: string; scopes: string[]; key?: string },
  now = new Date(),
): Promise<Result<CreatedApiKey, string>> {
  const name = input.name.trim();
  if (!name || name.length > 200) return { ok: false, error: 'give a name of 1 to 200 characters' };
  if (input.scopes.length === 0) return { ok: false, error: 'give at least one --scope' };
  const bad = input.scopes.filter((s) => !isScope(s));
  if (bad.length) {
    return {
      ok: false,
      error: `unknown scope ${bad.map((s) => `"${s}"`).join(', ')}; use updates:write or reports:read`,
    };
  }
  const fresh = newApiKey();
  const key = input.key ?? fresh.key;
  const record: ApiKey = {
    id: fresh.id,
    name,
    key_hash: sha256Hex(key),
    scopes: [...new Set(input.scopes as ApiKeyScope[])],
    created_at: now.toISOString(),
    disabled_at: null,
    last_used_at: null,
  };
  await store.apiKeys.create(record);
  return { ok: true, value: { record, key } };
}
