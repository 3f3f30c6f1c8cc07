/**
 * The sealing of a centre's queued reports (src/app/outbox/sealed.ts) with Node's real WebCrypto:
 * the key cannot be exported, a value opens only with the same key and the same record, and what
 * IndexedDB would hold carries nothing readable.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveSealKey, seal, unseal } from '../../../src/app/outbox/sealed';

const secret = () => randomBytes(32).toString('base64url');
const VICTIM = { name: 'Victimname', phone: '07700 900123', what: 'Slurs shouted at the bus stop' };

describe('sealing centre reports', () => {
  it('derives a non-extractable AES-GCM key from the server secret', async () => {
    const key = await deriveSealKey(secret(), 'user-1');
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    expect(key.usages.sort()).toEqual(['decrypt', 'encrypt']);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    await expect(deriveSealKey('c2hvcnQ', 'user-1')).rejects.toThrow('too short');
  });

  it('opens only with the same secret, user and record', async () => {
    const s = secret();
    const key = await deriveSealKey(s, 'user-1');
    const sealed = await seal(key, VICTIM, 'record-1\nuser-1');
    // The same secret after signing in again derives the same key.
    const again = await deriveSealKey(s, 'user-1');
    expect(await unseal(again, sealed, 'record-1\nuser-1')).toEqual({ ok: true, value: VICTIM });
    const other = await deriveSealKey(secret(), 'user-1');
    expect(await unseal(other, sealed, 'record-1\nuser-1')).toEqual({
      ok: false,
      error: 'cannot-open',
    });
    const otherUser = await deriveSealKey(s, 'user-2');
    expect((await unseal(otherUser, sealed, 'record-1\nuser-1')).ok).toBe(false);
    expect((await unseal(key, sealed, 'record-2\nuser-1')).ok).toBe(false);
    const tampered = new Uint8Array(sealed.data.slice(0));
    tampered[0]! ^= 1;
    expect(
      (await unseal(key, { iv: sealed.iv, data: tampered.buffer }, 'record-1\nuser-1')).ok,
    ).toBe(false);
  });

  it('keeps nothing readable, and a fresh IV each time', async () => {
    const key = await deriveSealKey(secret(), 'user-1');
    const a = await seal(key, VICTIM, 'r\nu');
    const b = await seal(key, VICTIM, 'r\nu');
    expect(Buffer.from(a.iv).equals(Buffer.from(b.iv))).toBe(false);
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(false);
    const bytes = Buffer.from(a.data).toString('latin1');
    for (const text of Object.values(VICTIM)) expect(bytes).not.toContain(text);
    expect(bytes).not.toContain('Victim');
  });
});
