/**
 * Lookup keys of contact details: sha256 of a normalised email address or phone number, kept in an
 * indexed column beside the detail itself, so a subject access or erasure request finds every
 * record holding "Jo@Example.org " or "+44 7700 900123" through an index, never a scan.
 *
 * Notes
 * - The key is only a normalised lookup: the detail itself sits in the same row, so hashing hides
 *   nothing and is not meant to. It keeps the column short and of fixed width.
 * - Phone numbers are compared as UK national numbers: spaces and punctuation dropped, +44 or
 *   0044 read as a leading 0.
 */
import { createHash } from 'node:crypto';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function normaliseEmailForLookup(email: string): string {
  return email.trim().toLowerCase();
}

export function normalisePhoneForLookup(phone: string): string {
  let digits = phone.replace(/[^0-9+]/g, '');
  if (digits.startsWith('+44')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('0044')) digits = `0${digits.slice(4)}`;
  return digits.replace(/\+/g, '');
}

/** The lookup key of an email address, or null when there is none. */
export function emailKey(email: string | null | undefined): string | null {
  const n = email ? normaliseEmailForLookup(email) : '';
  return n ? sha256(`email:${n}`) : null;
}

/** The lookup key of a phone number, or null when there is none. */
export function phoneKey(phone: string | null | undefined): string | null {
  const n = phone ? normalisePhoneForLookup(phone) : '';
  return n ? sha256(`phone:${n}`) : null;
}
