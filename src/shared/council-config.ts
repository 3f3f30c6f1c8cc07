/**
 * The council configuration: everything that differs between councils is data validated here,
 * so a council configures categories, questions, boundaries and targets without code changes.
 *
 * Notes
 * - Categories are Open311 services; their questions are Open311 attributes (with a few documented
 *   extensions: hint, min/max, maxLength, private, showIf, exclusive, format "diary", contact).
 *   The wire form of services.json is derived from this in `open311.ts`, never written twice.
 * - Text residents read (category names, questions, answers, promises, PSPO wording) may be
 *   translated in `translations[lang][key]`; the keys are listed by `translatableTexts` in
 *   `council-text.ts`, and a key that names no text is refused here.
 * - Coordinates follow GeoJSON: [longitude, latitude].
 * - The server refuses to start on a broken file, naming the field (see `formatConfigError`).
 */
import { z } from 'zod';
import { translatableTexts } from './council-text';
import { AccessibilityConfigSchema, PrivacyConfigSchema } from './privacy-config';

export const NSIR_GROUPS = ['Personal', 'Nuisance', 'Environmental'] as const;
export const NsirGroup = z.enum(NSIR_GROUPS);
export type NsirGroup = z.infer<typeof NsirGroup>;

export const ATTRIBUTE_DATATYPES = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;

const Code = z
  .string()
  .regex(
    /^[a-z][a-z0-9_-]*$/,
    'use lower-case letters, digits, "-" or "_", starting with a letter',
  );

const HexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'use a colour like #1d70b8');

export const AttributeValueSchema = z.object({
  key: Code,
  name: z.string().min(1),
});

/** An Open311 attribute (one question of a category), plus our documented extensions. */
export const AttributeSchema = z
  .object({
    variable: z.boolean().default(true),
    code: Code,
    datatype: z.enum(ATTRIBUTE_DATATYPES),
    required: z.boolean(),
    datatype_description: z.string().nullable().default(null),
    order: z.number().int().nonnegative(),
    /** The question as asked of the resident. */
    description: z.string().min(1),
    values: z.array(AttributeValueSchema).min(1).optional(),
    /** Extension: help text shown under the question. */
    hint: z.string().optional(),
    /** Extension: bounds for `number`. */
    min: z.number().optional(),
    max: z.number().optional(),
    /** Extension: maximum length for `string` and `text` (defaults: 200 and 2000). */
    maxLength: z.number().int().positive().max(4000).optional(),
    /** Extension: answers are never shown to the public (e.g. a vehicle registration). */
    private: z.boolean().default(false),
    /**
     * Extension: ask this question only when an earlier answer is one of these keys. Chains work
     * at any depth: a question whose parent is not asked is not asked either.
     */
    showIf: z.object({ code: Code, anyOf: z.array(z.string().min(1)).min(1) }).optional(),
    /** Extension (multivaluelist): answers that cannot be combined with any other, e.g. "none". */
    exclusive: z.array(Code).min(1).optional(),
    /**
     * Extension (text): `diary` means one occurrence per line in the format of `diary.ts`, so
     * several occurrences (a noise diary) travel in one attribute; `maxEntries` caps the lines.
     */
    format: z.enum(['diary']).optional(),
    maxEntries: z.number().int().positive().max(100).optional(),
    /**
     * Extension (singlevaluelist): the answer decides contact details. An answer in `none` means
     * the report must carry none (fully anonymous); one in `required` means it must give an
     * email address or a phone number.
     */
    contact: z
      .object({ none: z.array(Code).default([]), required: z.array(Code).default([]) })
      .optional(),
  })
  .superRefine((a, ctx) => {
    const isList = a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist';
    if (isList && !a.values) {
      ctx.addIssue({ code: 'custom', path: ['values'], message: `${a.datatype} needs values` });
    }
    if (!isList && a.values) {
      ctx.addIssue({ code: 'custom', path: ['values'], message: `${a.datatype} takes no values` });
    }
    const keys = new Set<string>();
    for (const [i, v] of (a.values ?? []).entries()) {
      if (keys.has(v.key)) {
        ctx.addIssue({ code: 'custom', path: ['values', i, 'key'], message: 'duplicate key' });
      }
      keys.add(v.key);
    }
    const mustBeValues = (path: (string | number)[], list: readonly string[]) => {
      list.forEach((k, i) => {
        if (!keys.has(k)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, i],
            message: `"${k}" is not a value of "${a.code}"`,
          });
        }
      });
    };
    if (a.exclusive) {
      if (a.datatype !== 'multivaluelist') {
        ctx.addIssue({ code: 'custom', path: ['exclusive'], message: 'only for multivaluelist' });
      } else mustBeValues(['exclusive'], a.exclusive);
    }
    if ((a.format || a.maxEntries !== undefined) && a.datatype !== 'text') {
      ctx.addIssue({ code: 'custom', path: ['format'], message: 'only for text' });
    }
    if (a.maxEntries !== undefined && a.format !== 'diary') {
      ctx.addIssue({ code: 'custom', path: ['maxEntries'], message: 'only with format "diary"' });
    }
    if (a.contact) {
      if (a.datatype !== 'singlevaluelist') {
        ctx.addIssue({ code: 'custom', path: ['contact'], message: 'only for singlevaluelist' });
      } else {
        mustBeValues(['contact', 'none'], a.contact.none);
        mustBeValues(['contact', 'required'], a.contact.required);
      }
    }
  });
export type Attribute = z.infer<typeof AttributeSchema>;

/** The council's published promise for a category, in working days. */
export const ResponseTargetSchema = z.object({
  /** Plain-English promise shown to residents, e.g. "Cleared within 2 working days". */
  promise: z.string().min(1),
  firstResponseDays: z.number().int().positive(),
  resolutionDays: z.number().int().positive(),
});

export const ServiceSchema = z
  .object({
    service_code: Code,
    service_name: z.string().min(1),
    description: z.string().min(1),
    group: NsirGroup,
    keywords: z.array(z.string()).default([]),
    attributes: z.array(AttributeSchema).default([]),
    target: ResponseTargetSchema,
    /** Extension: whether photos and recordings are asked for. */
    media: z
      .object({ photos: z.boolean().default(true), recordings: z.boolean().default(false) })
      .default({ photos: true, recordings: false }),
    /** A withdrawn category stays readable for old reports but takes no new ones. */
    active: z.boolean().default(true),
    /**
     * Extension: a sensitive flow (hate, harassment, neighbour nuisance): "Exit this page" on
     * every page, which discards the unsent draft, and no history entry per step.
     */
    sensitive: z.boolean().default(false),
  })
  .superRefine((s, ctx) => {
    const seen = new Map<string, number>();
    if (s.attributes.filter((a) => a.contact).length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['attributes'],
        message: 'at most one question may decide contact details',
      });
    }
    s.attributes.forEach((a, i) => {
      if (seen.has(a.code)) {
        ctx.addIssue({
          code: 'custom',
          path: ['attributes', i, 'code'],
          message: `duplicate attribute code "${a.code}"`,
        });
      }
      if (a.showIf) {
        const j = seen.get(a.showIf.code);
        if (j === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['attributes', i, 'showIf', 'code'],
            message: `showIf must name an earlier attribute of this category, not "${a.showIf.code}"`,
          });
        } else {
          const parent = s.attributes[j];
          const keys = new Set(parent?.values?.map((v) => v.key) ?? []);
          for (const k of a.showIf.anyOf) {
            if (!keys.has(k)) {
              ctx.addIssue({
                code: 'custom',
                path: ['attributes', i, 'showIf', 'anyOf'],
                message: `"${k}" is not a value of "${a.showIf.code}"`,
              });
            }
          }
        }
      }
      seen.set(a.code, i);
    });
  });
export type Service = z.infer<typeof ServiceSchema>;

const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const LinearRing = z
  .array(Position)
  .min(4)
  .refine(
    (r) => r[0]![0] === r[r.length - 1]![0] && r[0]![1] === r[r.length - 1]![1],
    'a ring must end where it starts',
  );
export const PolygonSchema = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(LinearRing).min(1),
});
export const MultiPolygonSchema = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(LinearRing).min(1)).min(1),
});
export const AreaSchema = z.discriminatedUnion('type', [PolygonSchema, MultiPolygonSchema]);
export type Area = z.infer<typeof AreaSchema>;

export const PspoZoneSchema = z.object({
  id: Code,
  name: z.string().min(1),
  /** What is prohibited, in plain words, e.g. "Drinking alcohol in the street when asked to stop". */
  prohibits: z.array(z.string().min(1)).min(1),
  /** Category codes for which the zone is relevant (e.g. street drinking). */
  services: z.array(Code).default([]),
  area: AreaSchema,
});

export const RiskQuestionSchema = z.object({
  code: Code,
  question: z.string().min(1),
  hint: z.string().optional(),
  /** Points added to the score when the answer is yes. */
  weight: z.number().int().nonnegative(),
});

/** Where "Exit this page" goes unless the council says otherwise. */
export const DEFAULT_EXIT_URL = 'https://www.bbc.co.uk/weather';

export const RiskBand = z.enum(['low', 'medium', 'high']);
export type RiskBand = z.infer<typeof RiskBand>;

export const RiskConfigSchema = z
  .object({
    /** Asked for these groups only. */
    groups: z.array(NsirGroup).default(['Personal', 'Nuisance']),
    questions: z.array(RiskQuestionSchema).min(1),
    /** A score at or above `medium` is medium; at or above `high` is high. */
    cutOffs: z.object({ medium: z.number().int().positive(), high: z.number().int().positive() }),
    /** Working days to first contact for each band. */
    contactDays: z.object({
      low: z.number().int().positive(),
      medium: z.number().int().positive(),
      high: z.number().int().positive(),
    }),
    /** Categories never scored below this band (hate incidents: medium). */
    floors: z.record(z.string(), RiskBand).default({}),
  })
  .refine((r) => r.cutOffs.high > r.cutOffs.medium, {
    path: ['cutOffs', 'high'],
    message: 'the high cut-off must be above the medium cut-off',
  });
export type RiskConfig = z.infer<typeof RiskConfigSchema>;

export const CouncilConfigSchema = z
  .object({
    id: Code,
    name: z.string().min(1),
    shortName: z.string().min(1).max(12),
    /** Prefix of the references residents see, e.g. "DBC". */
    referencePrefix: z.string().regex(/^[A-Z]{2,5}$/, 'use 2 to 5 capital letters'),
    jurisdictionId: z.string().min(1),
    website: z.url(),
    colours: z.object({ brand: HexColour, brandDark: HexColour, background: HexColour }),
    boundary: AreaSchema,
    pspoZones: z.array(PspoZoneSchema).default([]),
    map: z.object({
      centre: z.object({ lat: z.number().min(-90).max(90), long: z.number().min(-180).max(180) }),
      zoom: z.number().int().min(1).max(20),
      maxZoom: z.number().int().min(1).max(22).default(19),
      tileUrl: z.string().min(1),
      attribution: z.string().min(1),
    }),
    contacts: z.object({
      emergency: z.string().min(1),
      police: z.string().min(1),
      textRelayEmergency: z.string().min(1),
      textRelayPolice: z.string().min(1),
      councilPhone: z.string().min(1),
      findYourCouncilUrl: z.url(),
    }),
    services: z.array(ServiceSchema).min(1),
    risk: RiskConfigSchema,
    caseReview: z
      .object({
        reports: z.number().int().positive().default(3),
        months: z.number().int().positive().default(6),
      })
      .default({ reports: 3, months: 6 }),
    statistics: z
      .object({ minimumSample: z.number().int().positive().default(10) })
      .default({ minimumSample: 10 }),
    /** The privacy notice and the retention schedule (privacy-config.ts). */
    privacy: PrivacyConfigSchema,
    /** The accessibility statement (privacy-config.ts). */
    accessibility: AccessibilityConfigSchema,
    /** "Exit this page" goes here (a neutral site), replacing the page in the history. */
    safety: z
      .object({ exitUrl: z.url().default(DEFAULT_EXIT_URL) })
      .default({ exitUrl: DEFAULT_EXIT_URL }),
    /**
     * Translations of the text residents read, by language then key (see `council-text.ts`),
     * e.g. `{ "cy": { "services.noise.service_name": "Sŵn" } }`. English is the text itself.
     */
    translations: z
      .record(
        z.string().regex(/^[a-z]{2,3}$/, 'use a language code like cy'),
        z.record(z.string(), z.string().min(1)),
      )
      .default({}),
  })
  .superRefine((c, ctx) => {
    const codes = new Set<string>();
    c.services.forEach((s, i) => {
      if (codes.has(s.service_code)) {
        ctx.addIssue({
          code: 'custom',
          path: ['services', i, 'service_code'],
          message: `duplicate service_code "${s.service_code}"`,
        });
      }
      codes.add(s.service_code);
    });
    c.pspoZones.forEach((z, i) =>
      z.services.forEach((code, j) => {
        if (!codes.has(code)) {
          ctx.addIssue({
            code: 'custom',
            path: ['pspoZones', i, 'services', j],
            message: `no category has service_code "${code}"`,
          });
        }
      }),
    );
    const texts = translatableTexts(c);
    for (const [lang, table] of Object.entries(c.translations)) {
      for (const key of Object.keys(table)) {
        if (!(key in texts)) {
          ctx.addIssue({
            code: 'custom',
            path: ['translations', lang, key],
            message: 'names no text of this configuration',
          });
        }
      }
    }
    for (const code of Object.keys(c.risk.floors)) {
      if (!codes.has(code)) {
        ctx.addIssue({
          code: 'custom',
          path: ['risk', 'floors', code],
          message: `no category has service_code "${code}"`,
        });
      }
    }
  });
export type CouncilConfig = z.infer<typeof CouncilConfigSchema>;
export type CouncilConfigInput = z.input<typeof CouncilConfigSchema>;

/** One line per problem, each naming the field by its path, e.g. `services[3].attributes[0].code`. */
export function formatConfigError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path
        .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
        .join('');
      return `${path || '(top level)'}: ${issue.message}`;
    })
    .join('\n');
}

/** The public view of the configuration the app needs (no secrets live in it). */
export type PublicCouncil = CouncilConfig;

/** What the public may read of the configuration (/api/council.json and the app's pages). */
export function publicCouncil(council: CouncilConfig): PublicCouncil {
  return council;
}
