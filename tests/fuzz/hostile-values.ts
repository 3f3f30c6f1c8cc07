/**
 * Hostile values for fields, names, headers and files: what an attacker or a broken client sends.
 * Each generator mixes hand-picked classics (prototype names, NaN-ish numbers, bidi and
 * surrogate characters) with random text, so runs find both known and unknown shapes.
 */
import fc from 'fast-check';
import { bombPng, pdfBytes } from '../fixtures/photos';
import type { FilePart } from './fuzz-request';

export const PROTO_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'isPrototypeOf',
];

const numberish = fc.oneof(
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-Infinity',
    '-0',
    '1e309',
    '-1e-309',
    '0x1F',
    '0b101',
    '1_000',
    '\u0661\u0662\u0663',
    '9'.repeat(400),
    '1.7976931348623157e308',
    '4.9e-324',
    '-',
    '.',
    '1.2.3',
    '+5',
    '  51.8  ',
    '51,8',
    '0.1e-400',
  ),
  fc.double().map(String),
  fc.integer().map(String),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
);

const textish = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff',
  '\u202e\u0644\u0627',
  '\ufeff',
  '\r\n\r\n',
  '%00',
  '%',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '"; DROP TABLE reports; --',
  '${jndi:ldap://x}',
  '{{7*7}}',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '[object Object]',
  'Z\u0334\u0321a\u0337l\u0335g\u0336o\u0337',
  '\u{1F4A9}'.repeat(40),
  'DBC-00000000',
  'dbc-7k2m9q4x',
  `DBC-${'Z'.repeat(200)}`,
  '2026-02-30',
  '0000-00-00T00:00:00Z',
  '9999-12-31T23:59:59+99:00',
  '-271821-04-20',
  'yes',
  'no',
  'open',
  'closed',
);

const huge = fc
  .tuple(fc.integer({ min: 1_000, max: 80_000 }), fc.constantFrom('x', '\u00e9', '\u{1F4A9}', '%'))
  .map(([n, c]) => c.repeat(n));

/** A hostile field value. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: textish, weight: 4 },
  { arbitrary: numberish, weight: 3 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 1 },
  { arbitrary: huge, weight: 1 },
);

/** A hostile field name: prototype names, bracket forms, huge and random names. */
export const hostileName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...PROTO_NAMES),
  fc.constantFrom(...PROTO_NAMES).map((p) => `attribute[${p}]`),
  fc.constantFrom(...PROTO_NAMES).map((p) => `attribute[${p}][]`),
  fc.constantFrom(...PROTO_NAMES).map((p) => `report[${p}]`),
  fc.constantFrom(
    '__proto__[polluted]',
    'constructor[prototype][polluted]',
    'attribute[]',
    'attribute[size][x][y]',
    'attribute[[size]]',
    '[]',
    '',
    'centre___proto__',
    'a'.repeat(200),
  ),
  fc.string({ maxLength: 30 }),
);

/** Header-safe text (what an HTTP client can put in a header at all). */
const headerSafe = (s: string) => s.replace(/[^\t\x20-\x7e]/g, '?');

export const HEADER_NAMES = [
  'content-type',
  'accept',
  'accept-language',
  'accept-encoding',
  'cookie',
  'authorization',
  'x-api-key',
  'x-report-secret',
  'idempotency-key',
  'origin',
  'sec-fetch-site',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
  'range',
  'if-range',
  'if-none-match',
  'x-centre-background',
  'referer',
  'user-agent',
] as const;

const headerValue = fc.oneof(
  fc.constantFrom(
    'application/json',
    'multipart/form-data',
    'multipart/form-data; boundary=',
    'application/x-www-form-urlencoded; charset=latin1',
    'text/html',
    'Bearer ',
    'Bearer nrk_0000',
    'nr-staff=; nr-staff=x',
    '__Host-nr-staff=aaaaaaaaaaaaaaaaaaaaaaaa',
    'nr-centre=' + 'A'.repeat(100),
    '__proto__=1; constructor=2',
    'https://evil.example',
    'null',
    'cross-site',
    'bytes=0-',
    'bytes=-0',
    'bytes=5-1',
    'bytes=0-1,2-3',
    'bytes=999999999999-',
    'W/"x", *',
    '1.2.3.4, ::1, not-an-ip',
    'https',
    '*;q=NaN, cy;q=1e309',
    'zz-ZZ-x-' + 'a'.repeat(300),
    '1',
  ),
  fc.string({ maxLength: 60 }).map(headerSafe),
  fc.integer({ min: 200, max: 9000 }).map((n) => 'a'.repeat(n)),
);

/** One hostile header: a name we read, with a value that may be anything a client can send. */
export const hostileHeader: fc.Arbitrary<[string, string]> = fc.tuple(
  fc.constantFrom(...HEADER_NAMES),
  headerValue,
);

const MAGIC: Record<string, number[]> = {
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  jpeg: [0xff, 0xd8, 0xff, 0xe0],
  gif: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61],
  webp: [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50],
  webm: [0x1a, 0x45, 0xdf, 0xa3],
  mp4: [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70],
};

/** A file part that is not what it says: magic bytes then junk, bombs, PDFs, truncations. */
export function bogusFile(photo: Buffer): fc.Arbitrary<FilePart> {
  const bytes = fc.oneof(
    fc
      .tuple(fc.constantFrom(...Object.values(MAGIC)), fc.uint8Array({ maxLength: 400 }))
      .map(([m, junk]) => Buffer.concat([Buffer.from(m), Buffer.from(junk)])),
    fc.nat(photo.length - 1).map((n) => photo.subarray(0, n)),
    fc
      .tuple(fc.nat(photo.length - 9), fc.integer({ min: 0, max: 255 }))
      .map(([at, b]) => Buffer.from(photo).fill(b, at, at + 8)),
    fc.constantFrom(
      bombPng(50_000),
      bombPng(1, 49_999_999),
      bombPng(30_000, 1),
      pdfBytes(),
      Buffer.alloc(0),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ),
    fc.uint8Array({ maxLength: 600 }).map((a) => Buffer.from(a)),
  );
  return fc.record({
    field: fc.constantFrom('media', 'media', 'photo', '__proto__', ''),
    name: fc.constantFrom('p.jpg', 'p.png', 'x.webm', 'r.m4a', '../../x.jpg', '', 'a'.repeat(300)),
    type: fc.constantFrom(
      'image/jpeg',
      'image/png',
      'image/webp',
      'image/heic',
      'audio/webm',
      'image/svg+xml',
      'application/octet-stream',
      'text/html',
    ),
    bytes,
  });
}

/** JSON that a form endpoint must refuse: wrong types, nesting, prototype keys. */
export const hostileJson: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.constantFrom(
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '['.repeat(5000) + ']'.repeat(5000),
    '{"a":'.repeat(3000) + '1' + '}'.repeat(3000),
    '{"lat":NaN,"long":Infinity}',
    '{"service_code":["fly-tipping"],"lat":{"$gt":0}}',
    '',
    '{',
  ),
);
