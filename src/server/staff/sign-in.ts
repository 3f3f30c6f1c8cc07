/**
 * Staff sign-in with failed attempts counted in the database, per account and per address, so
 * guessing is slowed and then refused on every instance alike.
 *
 * Notes
 * - Within a window (15 minutes by default) an account's first 3 failures answer at once; from
 *   the 4th each failure is answered only after a pause (1 s by default), and from the 10th the
 *   account is refused with 429 and Retry-After until its window ends, even with the right
 *   password (otherwise the lock would only slow a guesser who found it). An address is counted
 *   the same way with higher limits (offices share addresses).
 * - An unknown or disabled email costs a full argon2 verification, and the answer is the same as
 *   for a wrong password, so sign-in does not reveal which emails have accounts.
 * - Every attempt is counted before its password is checked, and the decision is taken on the
 *   count that same statement returned, so a burst of parallel guesses counts every guess and the
 *   ones past the limit are refused unchecked, the right password among them. A success clears
 *   the account's count and takes its own attempt back from the address's.
 */
import type { FastifyRequest } from 'fastify';
import { HttpError, badRequest } from '../http/errors';
import type { Store } from '../store/store';
import { normaliseEmail } from './accounts';
import { verifyDummy, verifyPassword } from './passwords';
import type { AttemptCount, StaffMember } from './staff-repository';

export interface SignInLimits {
  windowMs: number;
  /** Failures per account answered at once; later ones are slowed. */
  slowAfter: number;
  /** Failures per account after which sign-in is refused (429) until the window ends. */
  refuseAfter: number;
  ipSlowAfter: number;
  ipRefuseAfter: number;
  /** Pause before answering a slowed failure. */
  slowDelayMs: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  windowMs: 15 * 60 * 1000,
  slowAfter: 3,
  refuseAfter: 10,
  ipSlowAfter: 20,
  ipRefuseAfter: 100,
  slowDelayMs: 1000,
};

const WRONG = 'The email address or password is not right.';

function retryAfterSeconds(count: AttemptCount, windowMs: number, now: Date): number {
  return Math.max(1, Math.ceil((Date.parse(count.windowStart) + windowMs - now.getTime()) / 1000));
}

function refused(seconds: number): HttpError {
  const minutes = Math.ceil(seconds / 60);
  return new HttpError(
    429,
    [
      `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or ask an administrator to reset your password.`,
    ],
    { 'retry-after': String(seconds) },
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Who signs in: how to find an account by email, and the prefix of its attempt counter. */
export interface SignInAccounts<A extends { password_hash: string; disabled_at: string | null }> {
  find(email: string): Promise<A | null>;
  /** "account" for staff (bucket `account:<email>`); centre users have their own. */
  bucket: string;
}

/** Checks the credentials; the staff member, or a 400, 401 or 429. */
export function signIn(
  store: Store,
  request: FastifyRequest,
  input: { email: string | undefined; password: string | undefined },
  limits: SignInLimits,
): Promise<StaffMember> {
  return checkSignIn(store, request, input, limits, {
    find: (email) => store.staff.findByEmail(email),
    bucket: 'account',
  });
}

/**
 * The sign-in check with its limits, for any kind of account (staff, centre users): the same
 * hashing, timing and counting for all.
 */
export async function checkSignIn<A extends { password_hash: string; disabled_at: string | null }>(
  store: Store,
  request: FastifyRequest,
  input: { email: string | undefined; password: string | undefined },
  limits: SignInLimits,
  accounts: SignInAccounts<A>,
): Promise<A> {
  const problems: string[] = [];
  if (!input.email?.trim()) problems.push('email: enter your email address');
  if (!input.password) problems.push('password: enter your password');
  if (problems.length) throw badRequest(...problems);
  const email = normaliseEmail(input.email!).slice(0, 320);
  const password = input.password!.slice(0, 1024);
  const account = `${accounts.bucket}:${email}`;
  const ip = `ip:${request.ip}`;

  // Count first, decide on the count returned: parallel guesses cannot all see a low count.
  const now = new Date();
  const [byAccount, byIp] = await Promise.all([
    store.signInAttempts.recordAttempt(account, now, limits.windowMs),
    store.signInAttempts.recordAttempt(ip, now, limits.windowMs),
  ]);
  if (byAccount.failures > limits.refuseAfter) {
    throw refused(retryAfterSeconds(byAccount, limits.windowMs, now));
  }
  if (byIp.failures > limits.ipRefuseAfter) {
    throw refused(retryAfterSeconds(byIp, limits.windowMs, now));
  }

  const member = await accounts.find(email);
  const ok =
    member && member.disabled_at === null
      ? await verifyPassword(member.password_hash, password)
      : await verifyDummy(password);
  if (ok && member) {
    await Promise.all([store.signInAttempts.clear(account), store.signInAttempts.forgive(ip)]);
    return member;
  }
  if (byAccount.failures > limits.slowAfter || byIp.failures > limits.ipSlowAfter) {
    await sleep(limits.slowDelayMs);
  }
  throw new HttpError(401, [WRONG]);
}
