// @vitest-environment happy-dom
/**
 * Every language is complete: each locale file has every key of the English file (plural keys
 * in each plural form the language has, per Intl.PluralRules), nothing else, no empty strings and
 * the same {{placeholders}}; the demo council's configuration has every resident-facing text
 * translated into every app language; Urdu is right-to-left on the document.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CouncilConfigSchema } from '../../../src/shared/council-config';
import { localiseCouncil, missingTranslations } from '../../../src/shared/council-text';
import demo from '../../../src/server/config/demo-council.json';
import { createI18n } from '../../../src/app/i18n';

const dir = join(import.meta.dirname, '../../../src/app/i18n/locales');
type Tree = { [k: string]: string | Tree };
const load = (lng: string) => JSON.parse(readFileSync(join(dir, `${lng}.json`), 'utf8')) as Tree;
const LANGS = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length));
const OTHERS = LANGS.filter((l) => l !== 'en');

function flat(o: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of flat(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const placeholders = (s: string) =>
  [...s.matchAll(/\{\{\s*([a-zA-Z]+)[^}]*\}\}/g)].map((m) => m[1]!).sort();

/** The keys a language must have: plural keys in each of its plural forms. */
function wantedKeys(en: Map<string, string>, lng: string): string[] {
  const forms = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
  const out = new Set<string>();
  for (const key of en.keys()) {
    if (PLURAL.test(key)) for (const f of forms) out.add(key.replace(PLURAL, `_${f}`));
    else out.add(key);
  }
  return [...out].sort();
}

const en = flat(load('en'));

describe('the app in every language', () => {
  it('has English, Welsh, Polish and Urdu', () => {
    expect(new Set(LANGS)).toEqual(new Set(['en', 'cy', 'pl', 'ur']));
  });

  it.each(OTHERS)('%s has every English key, in each plural form, and no other', (lng) => {
    const got = [...flat(load(lng)).keys()].sort();
    const want = wantedKeys(en, lng);
    expect(
      want.filter((k) => !got.includes(k)),
      `missing in ${lng}.json`,
    ).toEqual([]);
    expect(
      got.filter((k) => !want.includes(k)),
      `not in en.json`,
    ).toEqual([]);
  });

  it.each(OTHERS)('%s has no empty text and the same placeholders as English', (lng) => {
    const problems: string[] = [];
    for (const [key, text] of flat(load(lng))) {
      if (!text.trim()) problems.push(`${key}: empty`);
      const base = key.replace(PLURAL, '');
      const english = en.get(key) ?? en.get(`${base}_other`);
      if (english === undefined) continue;
      // A plural form may leave out {{count}} (e.g. Welsh "one"), but may not add names.
      const want = new Set(placeholders(english));
      const have = placeholders(text);
      if (have.some((p) => !want.has(p))) problems.push(`${key}: unknown placeholder`);
      if (!PLURAL.test(key) && have.join() !== [...want].join()) {
        problems.push(`${key}: placeholders ${have.join()} instead of ${[...want].join()}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('the council configuration in every language', () => {
  const council = CouncilConfigSchema.parse(demo);

  it.each(OTHERS)('the demo council has every text translated into %s', (lng) => {
    expect(missingTranslations(council, lng)).toEqual([]);
  });

  it('shows translated text and falls back to English key by key', () => {
    const cy = localiseCouncil(council, 'cy');
    const noise = cy.services.find((s) => s.service_code === 'noise')!;
    expect(noise.service_name).toBe('Sŵn');
    expect(noise.attributes.find((a) => a.code === 'room')!.values![0]!.name).toBe('Ystafell wely');
    const partial = {
      ...council,
      translations: { cy: { 'services.noise.service_name': 'Sŵn' } },
    };
    const mixed = localiseCouncil(partial, 'cy');
    expect(mixed.services.find((s) => s.service_code === 'noise')!.service_name).toBe('Sŵn');
    expect(mixed.services[0]!.service_name).toBe('Fly-tipping');
    expect(localiseCouncil(council, 'en')).toBe(council);
  });

  it('refuses a translation key that names no text', () => {
    const broken = structuredClone(demo) as unknown as { translations: Record<string, object> };
    broken.translations.cy = { ...broken.translations.cy, 'services.noise.nickname': 'x' };
    const r = CouncilConfigSchema.safeParse(broken);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('services.noise.nickname');
  });
});

describe('plurals through i18next', () => {
  it("picks each language's plural form", async () => {
    const pl = await createI18n('pl');
    expect(pl.t('risk.intro.lead', { count: 1 })).toContain('1 krótkie pytanie');
    expect(pl.t('risk.intro.lead', { count: 3 })).toContain('3 krótkie pytania');
    expect(pl.t('risk.intro.lead', { count: 7 })).toContain('7 krótkich pytań');
    const cy = await createI18n('cy');
    expect(cy.t('risk.intro.lead', { count: 2 })).toContain('2 gwestiwn');
    expect(cy.t('risk.intro.lead', { count: 6 })).toContain('6 chwestiwn');
    const ur = await createI18n('ur');
    expect(ur.t('risk.intro.lead', { count: 7 })).toContain('7 مختصر سوالات');
  });
});

describe('direction', () => {
  it('sets lang and dir on the document: Urdu right to left, the others left to right', async () => {
    const ur = await createI18n('ur');
    expect(document.documentElement.lang).toBe('ur');
    expect(document.documentElement.dir).toBe('rtl');
    expect(ur.t('common.continue')).toBe('جاری رکھیں');
    await createI18n('cy');
    expect(document.documentElement.dir).toBe('ltr');
    expect(document.documentElement.lang).toBe('cy');
  });
});
