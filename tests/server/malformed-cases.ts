/**
 * Malformed requests for POST requests.json: generators (fast-check) and a table of hand-picked
 * cases. Each generator is built so that its output is certainly invalid: a mutation of a valid
 * report that breaks one rule, a broken encoding, broken multipart, or a content type we refuse.
 */
import fc from 'fast-check';
import { flyTipping, multipartBody, replacing, urlEncoded, without } from './helpers';
import { wrongFields } from './malformed-fields';

/** One request body, its Content-Type and maybe an Idempotency-Key. */
export interface Case {
  payload: string | Buffer;
  contentType?: string;
  key?: string;
}

const encodedFields: fc.Arbitrary<Case> = fc
  .tuple(wrongFields, fc.boolean())
  .map(([fields, multipart]) => {
    if (!multipart)
      return { payload: urlEncoded(fields), contentType: 'application/x-www-form-urlencoded' };
    const body = multipartBody(fields);
    return { payload: body.payload, contentType: body.contentType };
  });

// ---- Broken encodings ------------------------------------------------------------------------

const FORM = 'application/x-www-form-urlencoded';
const validForm = urlEncoded(flyTipping());

const invalidUtf8Bytes: fc.Arbitrary<Case> = fc
  .tuple(fc.nat(validForm.length), fc.integer({ min: 0x80, max: 0xff }))
  .map(([at, byte]) => ({
    payload: Buffer.concat([
      Buffer.from(validForm.slice(0, at)),
      Buffer.from([byte]),
      Buffer.from(validForm.slice(at)),
    ]),
    contentType: FORM,
  }));

const invalidPercentUtf8: fc.Arbitrary<Case> = fc.integer({ min: 0x80, max: 0xff }).map((byte) => ({
  payload:
    urlEncoded(without(flyTipping(), 'description')) +
    `&description=caf%${byte.toString(16).toUpperCase()}`,
  contentType: FORM,
}));

const brokenPercent: fc.Arbitrary<Case> = fc
  .constantFrom('%', '%4', '%zz', '%G1', '%%41')
  .map((bad) => ({ payload: `${validForm}&description=x${bad}`, contentType: FORM }));

const foreignCharset: fc.Arbitrary<Case> = fc
  .constantFrom('latin1', 'ISO-8859-1', 'windows-1252', 'utf-16', 'Shift_JIS', '"koi8-r"')
  .map((cs) => ({
    payload: Buffer.from(urlEncoded(flyTipping()).replace('Six', 'Caf\u00e9'), 'latin1'),
    contentType: `${FORM}; charset=${cs}`,
  }));

// ---- Broken multipart ------------------------------------------------------------------------

const validMultipart = multipartBody(flyTipping(), 'fuzzboundary');

const truncatedMultipart: fc.Arbitrary<Case> = fc
  .nat(validMultipart.payload.length - '--fuzzboundary--\r\n'.length - 1)
  .map((cut) => ({
    payload: validMultipart.payload.subarray(0, cut),
    contentType: validMultipart.contentType,
  }));

const wrongBoundary: fc.Arbitrary<Case> = fc
  .constantFrom(
    'multipart/form-data; boundary=otherboundary',
    'multipart/form-data',
    'multipart/form-data; boundary=',
  )
  .map((contentType) => ({ payload: validMultipart.payload, contentType }));

const garbageMultipart: fc.Arbitrary<Case> = fc.uint8Array({ maxLength: 2000 }).map((bytes) => ({
  payload: Buffer.from(bytes),
  contentType: 'multipart/form-data; boundary=fuzzboundary',
}));

const filePart: fc.Arbitrary<Case> = fc
  .tuple(
    fc.stringMatching(/^[a-z]{1,12}\.(jpg|png|webm|m4a|txt)$/),
    fc.uint8Array({ maxLength: 300 }),
  )
  .map(([name, bytes]) => {
    const head = Buffer.from(
      `--fuzzboundary\r\nContent-Disposition: form-data; name="media"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    );
    return {
      payload: Buffer.concat([
        head,
        Buffer.from(bytes),
        Buffer.from('\r\n'),
        validMultipart.payload,
      ]),
      contentType: validMultipart.contentType,
    };
  });

const jsonPart: fc.Arbitrary<Case> = fc
  .constantFrom('"fly-tipping"', '{"a":1}', '{broken')
  .map((json) => {
    const rest = multipartBody(without(flyTipping(), 'service_code'), 'fuzzboundary').payload;
    const head = Buffer.from(
      `--fuzzboundary\r\nContent-Disposition: form-data; name="service_code"\r\nContent-Type: application/json\r\n\r\n${json}\r\n`,
    );
    return { payload: Buffer.concat([head, rest]), contentType: validMultipart.contentType };
  });

const tooManyParts: fc.Arbitrary<Case> = fc.integer({ min: 201, max: 400 }).map((n) => {
  const body = multipartBody(
    flyTipping(
      Array.from({ length: n }, (_, i): [string, string] => [`attribute[extra${i}]`, 'x']),
    ),
  );
  return { payload: body.payload, contentType: body.contentType };
});

// ---- Other content types and sizes -------------------------------------------------------------

const jsonBody: fc.Arbitrary<Case> = fc
  .constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'text/json',
    'application/merge-patch+json',
  )
  .map((contentType) => ({
    payload: JSON.stringify(Object.fromEntries(flyTipping())),
    contentType,
  }));

const otherType: fc.Arbitrary<Case> = fc
  .tuple(
    fc.constantFrom(
      'text/plain',
      'application/xml',
      'application/octet-stream',
      'image/png',
      'multipart/mixed; boundary=x',
      'text/html',
      'nonsense',
    ),
    fc.string({ maxLength: 200 }),
  )
  .map(([contentType, text]) => ({ payload: text || validForm, contentType }));

const formOfJson: fc.Arbitrary<Case> = fc.constant({
  payload: JSON.stringify(Object.fromEntries(flyTipping())),
  contentType: FORM,
});

const oversizeForm: fc.Arbitrary<Case> = fc
  .integer({ min: 64 * 1024 + 1, max: 400_000 })
  .map((n) => ({ payload: `${validForm}&device_id=${'d'.repeat(n)}`, contentType: FORM }));

/** Any of the generated malformed requests. */
export const anyMalformedCase: fc.Arbitrary<Case> = fc
  .tuple(
    fc.oneof(
      { arbitrary: encodedFields, weight: 10 },
      invalidUtf8Bytes,
      invalidPercentUtf8,
      brokenPercent,
      foreignCharset,
      truncatedMultipart,
      wrongBoundary,
      garbageMultipart,
      filePart,
      jsonPart,
      tooManyParts,
      jsonBody,
      otherType,
      formOfJson,
      oversizeForm,
    ),
    fc.option(fc.uuid(), { nil: undefined }),
  )
  .map(([c, key]) => ({ ...c, key }));

// ---- Hand-picked cases ------------------------------------------------------------------------

/** Hand-picked malformed requests, by name. */
export const MALFORMED_TABLE: Array<[string, Case]> = [
  ['an empty form', { payload: '', contentType: FORM }],
  ['a form of only ampersands', { payload: '&&&', contentType: FORM }],
  ['no content type and no body', { payload: '' }],
  ['no content type with a body', { payload: validForm }],
  ['an empty multipart body', { payload: '', contentType: 'multipart/form-data; boundary=x' }],
  ['a prototype-polluting field name', { payload: `${validForm}&__proto__=x`, contentType: FORM }],
  [
    'a multipart __proto__ field',
    {
      ...((b) => ({ payload: b.payload, contentType: b.contentType }))(
        multipartBody([['__proto__', 'x'], ...flyTipping()]),
      ),
    },
  ],
  ['attribute[] with no code', { payload: `${validForm}&attribute[]=x`, contentType: FORM }],
  [
    'a list and a single value for one code',
    { payload: `${validForm}&attribute[size][]=car_boot`, contentType: FORM },
  ],
  [
    'lat and long swapped',
    {
      payload: urlEncoded(replacing(replacing(flyTipping(), 'lat', '-0.2051'), 'long', '51.8003')),
      contentType: FORM,
    },
  ],
  ['a malformed Idempotency-Key', { payload: validForm, contentType: FORM, key: 'not-a-key' }],
  ['UTF-16 bytes', { payload: Buffer.from(validForm, 'utf16le'), contentType: FORM }],
  [
    'a UTF-8 BOM before a Latin-1 é',
    {
      payload: Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(validForm.replace('Six', 'Caf\u00e9'), 'latin1'),
      ]),
      contentType: FORM,
    },
  ],
  ['an overlong UTF-8 slash', { payload: `${validForm}&address_id=%C0%AF`, contentType: FORM }],
  [
    'a UTF-8 encoded surrogate',
    { payload: `${validForm}&address_id=%ED%A0%80`, contentType: FORM },
  ],
  ['a JSON array', { payload: '[]', contentType: 'application/json' }],
];
