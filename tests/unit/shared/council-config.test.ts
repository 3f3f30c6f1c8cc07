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
