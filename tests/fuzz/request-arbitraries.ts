/**
 * Generated requests: a valid request to one endpoint with one thing made hostile (a field's
 * value, a name, the encoding, the multipart body, a file, a header, the path, the caller), or a
 * request made up from nothing (any method, path, query, headers and body).
 */
import fc from 'fast-check';
import type { Fields } from '../server/request-fields';
import { ROLES, type FuzzTargets } from './fuzz-app';
import { ENDPOINTS, type ValidRequest } from './endpoints';
import { randomRequest } from './random-request';
import type { Body, FuzzRequest } from './fuzz-request';
import {
  PROTO_NAMES,
  bogusFile,
  hostileHeader,
  hostileJson,
  hostileName,
  hostileString,
} from './hostile-values';

const ENCODED_TYPES = [
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded; charset=utf-16',
  'multipart/form-data',
  'multipart/form-data; boundary=nothere',
  'application/xml',
];

/** Every byte of the text's UTF-8 (lone surrogates as U+FFFD) percent-encoded. */
const percentEncoded = (s: string) =>
  [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

type Mutation = (r: FuzzRequest) => fc.Arbitrary<FuzzRequest>;

const fieldsOf = (r: FuzzRequest): Fields | null =>
  r.body.kind === 'form' || r.body.kind === 'multipart' ? r.body.fields : null;

/** The request with its fields (body fields, or the query when there is no form) replaced. */
function withFields(r: FuzzRequest, fields: Fields): FuzzRequest {
  if (r.body.kind === 'form' || r.body.kind === 'multipart') {
    return { ...r, body: { ...r.body, fields } };
  }
  return { ...r, query: fields };
}
const editable = (r: FuzzRequest): Fields => fieldsOf(r) ?? r.query;
const tag = (r: FuzzRequest, mutation: string): FuzzRequest => ({ ...r, mutation });

function mutations(photo: Buffer): Array<[string, Mutation]> {
  return [
    [
      'one value hostile',
      (r) => {
        const fields = editable(r);
        if (fields.length === 0) return fc.constant(r);
        return fc.tuple(fc.nat(fields.length - 1), hostileString).map(([i, v]) =>
          tag(
            withFields(
              r,
              fields.map((f, j): [string, string] => (j === i ? [f[0], v] : f)),
            ),
            `value of ${fields[i]![0]} replaced`,
          ),
        );
      },
    ],
    [
      'one name hostile',
      (r) => {
        const fields = editable(r);
        if (fields.length === 0) return fc.constant(r);
        return fc.tuple(fc.nat(fields.length - 1), hostileName).map(([i, n]) =>
          tag(
            withFields(
              r,
              fields.map((f, j): [string, string] => (j === i ? [n, f[1]] : f)),
            ),
            `name of ${fields[i]![0]} replaced`,
          ),
        );
      },
    ],
    [
      'field added',
      (r) =>
        fc
          .tuple(hostileName, hostileString)
          .map(([n, v]) => tag(withFields(r, [...editable(r), [n, v]]), 'field added')),
    ],
    [
      'field dropped or repeated',
      (r) => {
        const fields = editable(r);
        if (fields.length === 0) return fc.constant(r);
        return fc
          .tuple(fc.nat(fields.length - 1), fc.boolean())
          .map(([i, drop]) =>
            tag(
              withFields(r, drop ? fields.filter((_, j) => j !== i) : [...fields, fields[i]!]),
              `${fields[i]![0]} ${drop ? 'dropped' : 'repeated'}`,
            ),
          );
      },
    ],
    [
      'list for a value',
      (r) => {
        const fields = editable(r);
        if (fields.length === 0) return fc.constant(r);
        return fc
          .tuple(fc.nat(fields.length - 1), fc.constantFrom('[]', '[0]', '[a][b]', '.x'))
          .map(([i, suffix]) =>
            tag(
              withFields(
                r,
                fields.map((f, j): [string, string] => (j === i ? [f[0] + suffix, f[1]] : f)),
              ),
              `${fields[i]![0]} sent as ${suffix}`,
            ),
          );
      },
    ],
    [
      'encoding changed',
      (r) =>
        fc
          .oneof(
            fc.constant<Body>({ kind: 'multipart', fields: editable(r), files: [] }),
            hostileJson.map((text): Body => ({
              kind: 'json',
              text,
              contentType: 'application/json',
            })),
            fc.constant<Body>({
              kind: 'json',
              text: JSON.stringify(Object.fromEntries(editable(r))),
              contentType: 'application/json',
            }),
            fc
              .tuple(
                fc.uint8Array({ maxLength: 500 }),
                fc.option(fc.constantFrom(...ENCODED_TYPES)),
              )
              .map(([b, t]): Body => ({
                kind: 'raw',
                bytes: Buffer.from(b),
                ...(t === null ? {} : { contentType: t }),
              })),
          )
          .map((body) => tag({ ...r, body }, `sent as ${body.kind}`)),
    ],
    [
      'multipart cut short',
      (r) =>
        fc.double({ min: 0, max: 0.999, noNaN: true }).map((cut) => {
          const body = r.body.kind === 'multipart' ? r.body : null;
          return tag(
            {
              ...r,
              body: { kind: 'multipart', fields: editable(r), files: body?.files ?? [], cut },
            },
            'multipart cut short',
          );
        }),
    ],
    [
      'bogus file',
      (r) =>
        fc.tuple(bogusFile(photo), fc.boolean()).map(([file, replace]) => {
          const files = r.body.kind === 'multipart' && !replace ? r.body.files : [];
          return tag(
            { ...r, body: { kind: 'multipart', fields: editable(r), files: [...files, file] } },
            'bogus file',
          );
        }),
    ],
    [
      'hostile header',
      (r) =>
        fc
          .array(hostileHeader, { minLength: 1, maxLength: 3 })
          .map((hs) =>
            tag({ ...r, headers: { ...r.headers, ...Object.fromEntries(hs) } }, 'header'),
          ),
    ],
    [
      'path changed',
      (r) =>
        fc
          .oneof(
            hostileString.map((s) => percentEncoded(s).slice(0, 3000)),
            fc.constantFrom('..%2f..%2fetc%2fpasswd', '%', '%zz', '%c0%af', '.', '//', ';x'),
            fc.constantFrom(...PROTO_NAMES),
          )
          .map((segment) => {
            const parts = r.path.split('/');
            parts[parts.length - 1] = segment;
            return tag({ ...r, path: parts.join('/') || '/' }, 'last path segment replaced');
          }),
    ],
    [
      'query junk',
      (r) =>
        fc
          .oneof(
            fc
              .tuple(hostileName, hostileString)
              .map(([n, v]) => ({ q: [[n, v]] as Fields, raw: '' })),
            fc
              .constantFrom(
                '%',
                '%zz',
                'a=%ff%fe',
                'a[b][c]=1',
                '__proto__[x]=1',
                '&&&=',
                'a=1&a=2&a=3',
                'api_key=x',
              )
              .map((raw) => ({ q: [] as Fields, raw })),
          )
          .map(({ q, raw }) =>
            tag({ ...r, query: [...r.query, ...q], rawQuery: raw }, 'query string junk'),
          ),
    ],
    [
      'caller changed',
      (r) =>
        fc
          .tuple(fc.constantFrom(...ROLES), fc.option(fc.ipV4(), { nil: undefined }))
          .map(([role, ip]) => tag({ ...r, role, remoteAddress: ip }, `sent as ${role}`)),
    ],
  ];
}

function fromValid(aim: string, method: string, v: ValidRequest): FuzzRequest {
  return {
    aim,
    mutation: 'valid',
    method,
    path: v.path,
    query: v.query ?? [],
    rawQuery: '',
    headers: v.headers ?? {},
    body: v.body ?? { kind: 'none' },
    role: v.role ?? 'public',
  };
}

/** Valid requests to every endpoint (each built fresh, so ids in them are new). */
export function validRequests(t: FuzzTargets): FuzzRequest[] {
  return ENDPOINTS.flatMap((e) =>
    e.valid(t).map((v) => fromValid(`${e.method} ${e.route}`, e.method, v)),
  );
}

/** A valid request to some endpoint with one (sometimes two) hostile changes. */
function mutatedRequest(t: FuzzTargets): fc.Arbitrary<FuzzRequest> {
  const valid = fc
    .constantFrom(...ENDPOINTS)
    .chain((e) =>
      fc.constantFrom(...e.valid(t)).map((v) => fromValid(`${e.method} ${e.route}`, e.method, v)),
    );
  const all = mutations(t.photo);
  const mutate = (r: FuzzRequest) => fc.constantFrom(...all).chain(([, m]) => m(r));
  return fc
    .tuple(valid, fc.nat(9))
    .chain(([r, n]) =>
      n === 0
        ? mutate(r).chain((once) =>
            mutate(once).map((m) => tag(m, `${once.mutation}; ${m.mutation}`)),
          )
        : mutate(r),
    );
}

/** Any generated request: three in four start from a valid one. */
export function requestArbitrary(t: FuzzTargets): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    { arbitrary: mutatedRequest(t), weight: 3 },
    { arbitrary: randomRequest(t), weight: 1 },
  );
}
