/**
 * Creating reporting centres and their users: one place used by `npm run admin`, the demo seed and
 * the tests, with the same checks and hashes as staff accounts (argon2id, emails lower-cased).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Result } from '../../shared/result';
import { normaliseEmail } from '../staff/accounts';
import { hashPassword, passwordProblem } from '../staff/passwords';
import type { Store } from '../store/store';
import type { Centre, CentreUser } from './centres-repository';

const Email = z.email();
/** Centre codes: short, readable, typed in admin commands (e.g. `northgate-library`). */
export const CENTRE_CODE = /^[a-z0-9][a-z0-9-]{1,39}$/;

/** A new random secret from which the app derives the key that seals a user's queued reports. */
export const newSealSecret = () => randomBytes(32).toString('base64url');

/** Creates a centre; the error says what to fix. */
export async function createCentre(
  store: Store,
  input: { code: string; name: string },
  now = new Date(),
): Promise<Result<Centre, string>> {
  const code = input.code.trim().toLowerCase();
  if (!CENTRE_CODE.test(code)) {
    return {
      ok: false,
      error: `"${input.code}" is not a centre code: use 2 to 40 lower-case letters, digits and "-", like northgate-library`,
    };
  }
  const name = input.name.trim();
  if (!name || name.length > 200) return { ok: false, error: 'give a name of 1 to 200 characters' };
  const centre: Centre = {
    id: randomUUID(),
    code,
    name,
    created_at: now.toISOString(),
    disabled_at: null,
  };
  if (!(await store.centres.createCentre(centre))) {
    return { ok: false, error: `there is already a centre with the code ${code}` };
  }
  return { ok: true, value: centre };
}

export interface NewCentreUser {
  centreCode: string;
  email: string;
  name: string;
  password: string;
}

/** Creates a user of an existing centre; the error says what to fix. */
export async function createCentreUser(
  store: Store,
  input: NewCentreUser,
  now = new Date(),
): Promise<Result<CentreUser, string>> {
  const centre = await store.centres.findCentreByCode(input.centreCode.trim().toLowerCase());
  if (!centre) {
    return {
      ok: false,
      error: `there is no centre with the code "${input.centreCode}" (make it with create-centre)`,
    };
  }
  const email = normaliseEmail(input.email);
  if (!Email.safeParse(email).success)
    return { ok: false, error: `"${input.email}" is not an email address` };
  if (await store.staff.findByEmail(email)) {
    return { ok: false, error: `${email} is a staff account; a centre user needs their own email` };
  }
  const name = input.name.trim();
  if (!name || name.length > 200) return { ok: false, error: 'give a name of 1 to 200 characters' };
  const problem = passwordProblem(input.password);
  if (problem) return { ok: false, error: problem };
  const user: CentreUser = {
    id: randomUUID(),
    centre_id: centre.id,
    email,
    name,
    password_hash: await hashPassword(input.password),
    seal_secret: newSealSecret(),
    created_at: now.toISOString(),
    disabled_at: null,
  };
  if (!(await store.centres.createUser(user))) {
    return { ok: false, error: `there is already a centre user ${email}` };
  }
  return { ok: true, value: user };
}
