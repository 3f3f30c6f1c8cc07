/**
 * Council references: the prefix, a dash and 8 characters of Crockford base32 from 40 random bits,
 * e.g. `DBC-7K2M9Q4X`. Crockford's alphabet has no I, L, O or U, so a reference read out over the
 * phone or typed from a letter survives; lookups forgive case and the usual confusions.
 */
import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BODY_LENGTH = 8;

/** A fresh random reference for the council prefix. */
export function newReference(prefix: string): string {
  const bytes = randomBytes(5);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let body = '';
  for (let i = BODY_LENGTH - 1; i >= 0; i--)
    body += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return `${prefix}-${body}`;
}

/**
 * A reference as typed -> its canonical form, or null when it cannot be one of ours.
 * Upper-cases, maps I/L to 1 and O to 0, and drops spaces.
 */
export function normaliseReference(input: string, prefix: string): string | null {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  const dash = compact.indexOf('-');
  if (dash === -1 || compact.slice(0, dash) !== prefix) return null;
  const body = compact
    .slice(dash + 1)
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (body.length !== BODY_LENGTH || [...body].some((c) => !CROCKFORD.includes(c))) return null;
  return `${prefix}-${body}`;
}
