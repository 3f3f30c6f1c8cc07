/**
 * The council configuration's resident-facing text in other languages.
 *
 * Notes
 * - Every piece of text a resident reads has a stable key built from codes, never from the
 *   English words: `services.noise.service_name`, `services.noise.attributes.room.values.bedroom`,
 *   `risk.questions.targeted.question`, `pspoZones.<id>.prohibits.0`. A council translates by
 *   adding `translations.<lang>.<key>`; English is the configured text itself.
 * - One walker (`mapTexts`) serves both listing the keys (`translatableTexts`, used by the
 *   schema to refuse unknown keys and by the tests to find missing ones) and building the
 *   localised copy (`localiseCouncil`), so the two cannot disagree.
 * - A missing translation falls back to English, key by key.
 */
import type { CouncilConfig } from './council-config';

/** The parts of a configuration that hold resident-facing text. */
type TextParts = Pick<
  CouncilConfig,
  'name' | 'services' | 'risk' | 'pspoZones' | 'privacy' | 'accessibility'
>;

type Swap = (key: string, english: string) => string;

function mapTexts<C extends TextParts>(c: C, swap: Swap): C {
  const opt = (key: string, v: string | undefined) => (v === undefined ? v : swap(key, v));
  return {
    ...c,
    name: swap('name', c.name),
    services: c.services.map((s) => {
      const k = `services.${s.service_code}`;
      return {
        ...s,
        service_name: swap(`${k}.service_name`, s.service_name),
        description: swap(`${k}.description`, s.description),
        target: { ...s.target, promise: swap(`${k}.target.promise`, s.target.promise) },
        attributes: s.attributes.map((a) => {
          const ak = `${k}.attributes.${a.code}`;
          const hint = opt(`${ak}.hint`, a.hint);
          return {
            ...a,
            description: swap(`${ak}.description`, a.description),
            ...(hint === undefined ? {} : { hint }),
            ...(a.values
              ? {
                  values: a.values.map((v) => ({
                    ...v,
                    name: swap(`${ak}.values.${v.key}`, v.name),
                  })),
                }
              : {}),
          };
        }),
      };
    }),
    risk: {
      ...c.risk,
      questions: c.risk.questions.map((q) => {
        const hint = opt(`risk.questions.${q.code}.hint`, q.hint);
        return {
          ...q,
          question: swap(`risk.questions.${q.code}.question`, q.question),
          ...(hint === undefined ? {} : { hint }),
        };
      }),
    },
    pspoZones: c.pspoZones.map((z) => ({
      ...z,
      name: swap(`pspoZones.${z.id}.name`, z.name),
      prohibits: z.prohibits.map((p, i) => swap(`pspoZones.${z.id}.prohibits.${i}`, p)),
    })),
    privacy: {
      ...c.privacy,
      purpose: swap('privacy.purpose', c.privacy.purpose),
      lawfulBases: {
        Personal: swap('privacy.lawfulBases.Personal', c.privacy.lawfulBases.Personal),
        Nuisance: swap('privacy.lawfulBases.Nuisance', c.privacy.lawfulBases.Nuisance),
        Environmental: swap(
          'privacy.lawfulBases.Environmental',
          c.privacy.lawfulBases.Environmental,
        ),
      },
      specialCategory: swap('privacy.specialCategory', c.privacy.specialCategory),
      sharing: c.privacy.sharing.map((p) => ({
        ...p,
        name: swap(`privacy.sharing.${p.id}.name`, p.name),
        why: swap(`privacy.sharing.${p.id}.why`, p.why),
      })),
    },
    accessibility: {
      ...c.accessibility,
      knownIssues: c.accessibility.knownIssues.map((k, i) =>
        swap(`accessibility.knownIssues.${i}`, k),
      ),
    },
  };
}

/** Every translatable text of the configuration, by key, in English. */
export function translatableTexts(c: TextParts): Record<string, string> {
  const out: Record<string, string> = {};
  mapTexts(c, (key, english) => (out[key] = english));
  return out;
}

/** The keys with no translation into `lang` (empty for English). */
export function missingTranslations(
  c: TextParts & Pick<CouncilConfig, 'translations'>,
  lang: string,
): string[] {
  if (lang === 'en') return [];
  const table = c.translations?.[lang] ?? {};
  return Object.keys(translatableTexts(c)).filter((k) => !table[k]);
}

/** The configuration with its text in `lang` where translated, English elsewhere. */
export function localiseCouncil<C extends TextParts & Pick<CouncilConfig, 'translations'>>(
  c: C,
  lang: string,
): C {
  // `?.`: a configuration cached by an older app may have no translations at all.
  const table = c.translations?.[lang];
  if (!table || lang === 'en') return c;
  return mapTexts(c, (key, english) => table[key] ?? english);
}
