import { describe, expect, it } from 'vitest';
import { CouncilConfigSchema, formatConfigError } from '../../../src/shared/council-config';
import demo from '../../../src/server/config/demo-council.json';

const parse = (c: unknown) => CouncilConfigSchema.safeParse(c);
const clone = () => structuredClone(demo) as typeof demo & Record<string, unknown>;

describe('council configuration', () => {
  it('accepts the demo council with at least 12 categories in all three groups', () => {
    const r = parse(demo);
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data.services.length).toBeGreaterThanOrEqual(12);
    expect(new Set(r.data.services.map((s) => s.group))).toEqual(
      new Set(['Personal', 'Nuisance', 'Environmental']),
    );
    for (const code of [
      'fly-tipping',
      'graffiti',
      'dog-fouling',
      'abandoned-vehicle',
      'noise',
      'street-drinking',
      'drug-dealing',
      'harassment',
      'neighbour-nuisance',
      'hate-incident',
    ]) {
      expect(r.data.services.map((s) => s.service_code)).toContain(code);
    }
  });

  it('names the field of a broken attribute', () => {
    const c = clone();
    c.services[0]!.attributes[0]!.datatype = 'colour';
    const r = parse(c);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(formatConfigError(r.error)).toContain('services[0].attributes[0].datatype');
  });

  it('refuses a showIf naming a question that does not come earlier', () => {
    const c = clone();
    const fly = c.services[0]!;
    (fly.attributes[0] as Record<string, unknown>).showIf = { code: 'witnessed', anyOf: ['yes'] };
    const r = parse(c);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(formatConfigError(r.error)).toMatch(
      /services\[0\]\.attributes\[0\]\.showIf\.code: .*earlier/,
    );
  });

  it('refuses duplicate service codes and unknown PSPO categories', () => {
    const c = clone();
    c.services[1]!.service_code = c.services[0]!.service_code;
    c.pspoZones[0]!.services = ['nothing-like-this'];
    const r = parse(c);
    expect(r.success).toBe(false);
    if (r.success) return;
    const msg = formatConfigError(r.error);
    expect(msg).toContain('services[1].service_code: duplicate service_code "fly-tipping"');
    expect(msg).toContain('pspoZones[0].services[0]');
  });

  it('refuses a boundary ring that does not close', () => {
    const c = clone();
    c.boundary.coordinates[0]!.pop();
    const r = parse(c);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(formatConfigError(r.error)).toContain('boundary');
  });

  it('refuses risk cut-offs in the wrong order', () => {
    const c = clone();
    c.risk.cutOffs = { medium: 9, high: 4 };
    const r = parse(c);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(formatConfigError(r.error)).toContain('risk.cutOffs.high');
  });
});

describe('privacy notice, retention and accessibility statement', () => {
  it('refuses a configuration without them, naming each', () => {
    const c = clone();
    delete (c as Record<string, unknown>).privacy;
    delete (c as Record<string, unknown>).accessibility;
    const r = parse(c);
    expect(r.success).toBe(false);
    if (r.success) return;
    const text = formatConfigError(r.error);
    expect(text).toContain('privacy:');
    expect(text).toContain('accessibility:');
  });

  it('names a broken retention period, DPO email and statement date', () => {
    const c = clone();
    c.privacy.retention.Personal.anonymiseAfterMonths = 0;
    c.privacy.dpo.email = 'not an email';
    c.accessibility.statementDate = '30/11/2026';
    const r = parse(c);
    expect(r.success).toBe(false);
    if (r.success) return;
    const text = formatConfigError(r.error);
    expect(text).toContain(
      'privacy.retention.Personal.anonymiseAfterMonths: give at least 1 month',
    );
    expect(text).toContain('privacy.dpo.email: give an email address');
    expect(text).toContain('accessibility.statementDate: use a date like 2026-11-30');
  });
});
