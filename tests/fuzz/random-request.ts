/** Requests made up from nothing: any method, path, query, headers, body and caller. */
import fc from 'fast-check';
import { ROLES, type FuzzTargets } from './fuzz-app';
import { ENDPOINTS } from './endpoints';
import type { Body, FuzzRequest } from './fuzz-request';
import {
  bogusFile,
  hostileHeader,
  hostileJson,
  hostileName,
  hostileString,
} from './hostile-values';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

/** A request made up from nothing. */
export function randomRequest(t: FuzzTargets): fc.Arbitrary<FuzzRequest> {
  const knownPaths = ENDPOINTS.flatMap((e) => e.valid(t).map((v) => v.path));
  const path = fc.oneof(
    fc.constantFrom(...knownPaths),
    fc.constantFrom(...knownPaths).chain((p) => fc.webSegment().map((s) => `${p}/${s}`)),
    fc.webPath().map((p) => p || '/'),
  );
  const fields = fc.array(fc.tuple(hostileName, hostileString), { maxLength: 6 });
  const body: fc.Arbitrary<Body> = fc.oneof(
    fc.constant<Body>({ kind: 'none' }),
    fields.map((f): Body => ({ kind: 'form', fields: f })),
    fc
      .tuple(fields, fc.array(bogusFile(t.photo), { maxLength: 2 }))
      .map(([f, files]): Body => ({ kind: 'multipart', fields: f, files })),
    hostileJson.map((text): Body => ({ kind: 'json', text, contentType: 'application/json' })),
  );
  return fc.record({
    aim: fc.constant('random'),
    mutation: fc.constant('made up'),
    method: fc.constantFrom(...METHODS),
    path,
    query: fields,
    rawQuery: fc.constantFrom('', '%', 'a=%ff'),
    headers: fc.array(hostileHeader, { maxLength: 4 }).map((hs) => Object.fromEntries(hs)),
    body,
    role: fc.constantFrom(...ROLES),
  });
}
