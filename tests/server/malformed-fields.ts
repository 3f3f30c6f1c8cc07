/**
 * Field-level mutations of a valid fly-tipping report, each certain to break a rule: a required
 * answer removed, a bad coordinate, an unknown question or field, a huge or control-character
 * text, a bad contact detail, a repeated field, an unknown category.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { demoCouncil, flyTipping, replacing, without, type Fields } from './helpers';

const fly = demoCouncil.services.find((s) => s.service_code === 'fly-tipping')!;
const FLY_CODES = new Set(fly.attributes.map((a) => a.code));
const SIZE_KEYS = new Set(fly.attributes.find((a) => a.code === 'size')!.values!.map((v) => v.key));
const SERVICE_CODES = new Set(demoCouncil.services.map((s) => s.service_code));
const KNOWN_FIELDS = new Set([
  'service_code',
  'lat',
  'long',
  'address_string',
  'address_id',
  'description',
  'email',
  'first_name',
  'last_name',
  'phone',
  'device_id',
  'occurred_datetime',
  'api_key',
  'jurisdiction_id',
  'media_url',
  'account_id',
]);
const DECIMAL = /^-?\d{1,3}(\.\d{1,15})?$/;
const CONTROL_CHARS = [
  '\u0000',
  '\u0007',
  '\u000b',
  '\u001b',
  '\u007f',
  '\ufffd',
  '\ud800',
  '\udfff',
];

/** Replaces the field's value, or adds the field when the report does not have it. */
function setting(fields: Fields, name: string, value: string): Fields {
  return fields.some(([n]) => n === name)
    ? replacing(fields, name, value)
    : [...fields, [name, value]];
}

// ---- Field-level mutations of a valid report (each makes it invalid) ------------------------

const requiredRemoved = fc
  .constantFrom(
    'service_code',
    'attribute[size]',
    'attribute[land_type]',
    'attribute[witnessed]',
    'attribute[waste_types][]',
    'attribute[hazards][]',
  )
  .map((name) => without(flyTipping(), name));

const noLocation = fc.constant(
  without(without(without(flyTipping(), 'lat'), 'long'), 'address_string'),
);

const badLatitude = fc
  .oneof(
    fc.string({ maxLength: 30 }).filter((s) => !DECIMAL.test(s.trim())),
    fc
      .double({ noNaN: true })
      .filter((v) => v < 51.6 || v > 51.9)
      .map(String),
    fc.constantFrom('51.5074', '91', '-91', 'NaN', 'Infinity', '1e1', '0x33', '51,80', ''),
  )
  .map((lat) => replacing(flyTipping(), 'lat', lat));

const badLongitude = fc
  .oneof(
    fc.string({ maxLength: 30 }).filter((s) => !DECIMAL.test(s.trim())),
    fc.constantFrom('-0.05', '-0.4', '181', '-180.5', '0.5', '-1'),
  )
  .map((long) => replacing(flyTipping(), 'long', long));

const unknownAttribute = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/).filter((c) => !FLY_CODES.has(c)),
    fc.string(),
  )
  .map(([code, value]) => flyTipping([[`attribute[${code}]`, value]]));

const safeName = (s: string) => !/["\r\n\\;]/.test(s);
const unknownField = fc
  .tuple(
    fc
      .string({ minLength: 1, maxLength: 30 })
      .filter((n) => safeName(n) && !KNOWN_FIELDS.has(n) && !n.startsWith('attribute[')),
    fc.string({ maxLength: 20 }),
  )
  .map(([name, value]) => flyTipping([[name, value]]));

const badAnswer = fc
  .string({ maxLength: 40 })
  .filter((v) => !SIZE_KEYS.has(v))
  .map((v) => replacing(flyTipping(), 'attribute[size]', v));

const listForSingle = fc.constant(
  flyTipping().map(([n, v]): [string, string] => [
    n === 'attribute[size]' ? 'attribute[size][]' : n,
    v,
  ]),
);

const hugeText = fc
  .tuple(
    fc.constantFrom(
      'description',
      'address_string',
      'first_name',
      'device_id',
      'attribute[vehicle_registration]',
    ),
    fc.integer({ min: 4001, max: 90_000 }),
    fc.constantFrom('x', 'é', '🚮', 'ab '),
  )
  // Lengths count characters (code points), as the shared schema does.
  .map(([name, length, unit]) =>
    setting(flyTipping(), name, unit.repeat(Math.ceil(length / [...unit].length))),
  );

const controlCharacter = fc
  .tuple(
    fc.constantFrom(...CONTROL_CHARS),
    fc.nat(40),
    fc.constantFrom('description', 'address_string', 'first_name'),
  )
  .map(([ch, at, name]) => {
    const base = 'Rubbish dumped behind the garages on the lane';
    return replacing(flyTipping(), name, base.slice(0, at) + ch + base.slice(at));
  });

const badContact = fc.oneof(
  fc
    .string({ minLength: 1, maxLength: 60 })
    .filter((s) => !z.email().safeParse(s).success)
    .map((s) => replacing(flyTipping(), 'email', s)),
  fc
    .string({ minLength: 1, maxLength: 40 })
    .filter((s) => !/^[0-9 +()-]{6,30}$/.test(s))
    .map((s) => replacing(flyTipping(), 'phone', s)),
  fc
    .string({ minLength: 1, maxLength: 40 })
    .filter((s) => !z.iso.datetime({ offset: true }).safeParse(s).success)
    .map((s) => flyTipping([['occurred_datetime', s]])),
);

const repeatedScalar = fc
  .tuple(
    fc.constantFrom('service_code', 'description', 'lat', 'email', 'address_string'),
    fc.string({ maxLength: 20 }),
  )
  .map(([name, value]) => flyTipping([[name, value]]));

const unknownService = fc
  .string({ maxLength: 70 })
  .filter((s) => !SERVICE_CODES.has(s))
  .map((s) => replacing(flyTipping(), 'service_code', s));

/** A valid fly-tipping report with one rule broken. */
export const wrongFields: fc.Arbitrary<Fields> = fc.oneof(
  requiredRemoved,
  noLocation,
  badLatitude,
  badLongitude,
  unknownAttribute,
  unknownField,
  badAnswer,
  listForSingle,
  hugeText,
  controlCharacter,
  badContact,
  repeatedScalar,
  unknownService,
);
