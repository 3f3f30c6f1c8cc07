import { describe, expect, it } from 'vitest';
import { loadCouncil, verifyCouncil } from '../../../src/app/council/load-council';
import demo from '../../../src/server/config/demo-council.json';

const respond = (body: unknown, status = 200) =>
  (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;

describe('loading the council configuration', () => {
  it('accepts something shaped like a council for the first render', async () => {
    const r = await loadCouncil(undefined, respond(demo));
    expect(r.ok).toBe(true);
  });

  it('refuses what is not a council, and network failures', async () => {
    expect(await loadCouncil(undefined, respond({ hello: 'world' }))).toEqual({
      ok: false,
      error: { kind: 'invalid', detail: 'not a council configuration' },
    });
    expect(await loadCouncil(undefined, respond(demo, 503))).toEqual({
      ok: false,
      error: { kind: 'network' },
    });
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await loadCouncil(undefined, failing)).toEqual({
      ok: false,
      error: { kind: 'network' },
    });
  });

  it('then validates it fully with the shared schema, naming a broken field', async () => {
    expect((await verifyCouncil(demo)).ok).toBe(true);
    const broken = structuredClone(demo) as { services: Array<{ group: string }> };
    broken.services[2]!.group = 'Other';
    const r = await verifyCouncil(broken);
    expect(r.ok).toBe(false);
    if (r.ok || r.error.kind !== 'invalid') return;
    expect(r.error.detail).toContain('services[2].group');
  });
});
