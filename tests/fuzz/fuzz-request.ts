/**
 * A generated request as plain data (so a failing one can be printed and replayed), and how it is
 * sent through `app.inject`.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { multipartWithFiles, type FilePart } from '../server/media-helpers';
import { urlEncoded, type Fields } from '../server/request-fields';
import type { FuzzApp, Role } from './fuzz-app';

export type { FilePart };

export type Body =
  | { kind: 'none' }
  | { kind: 'form'; fields: Fields }
  /** `cut`: the body ends after this share of its bytes (0 to 1), as a dropped upload does. */
  | { kind: 'multipart'; fields: Fields; files: FilePart[]; cut?: number }
  | { kind: 'json'; text: string; contentType: string }
  | { kind: 'raw'; bytes: Buffer; contentType?: string };

export interface FuzzRequest {
  /** The route it aims at ("POST /open311/v2/requests.json"), or "random". */
  aim: string;
  /** What was done to the valid request ("valid" when nothing). */
  mutation: string;
  method: string;
  path: string;
  query: Fields;
  /** Appended to the query string as it is (broken percent-encoding and the like). */
  rawQuery: string;
  headers: Record<string, string>;
  body: Body;
  role: Role;
  remoteAddress?: string;
}

function payloadOf(body: Body): { payload?: Buffer | string; contentType?: string } {
  switch (body.kind) {
    case 'none':
      return {};
    case 'form':
      return {
        payload: urlEncoded(body.fields),
        contentType: 'application/x-www-form-urlencoded',
      };
    case 'multipart': {
      const m = multipartWithFiles(body.fields, body.files);
      const bytes =
        body.cut === undefined
          ? m.payload
          : m.payload.subarray(0, Math.floor(m.payload.length * body.cut));
      return { payload: bytes, contentType: m.contentType };
    }
    case 'json':
      return { payload: body.text, contentType: body.contentType };
    case 'raw':
      return { payload: body.bytes, contentType: body.contentType };
  }
}

/** The URL with its query string. */
export function urlOf(r: FuzzRequest): string {
  const q = [new URLSearchParams(r.query).toString(), r.rawQuery].filter(Boolean).join('&');
  return q ? `${r.path}?${q}` : r.path;
}

/** Sends the request as its role; headers the request names itself win over the role's. */
export async function send(
  fuzz: FuzzApp,
  r: FuzzRequest,
  app: FastifyInstance = fuzz.app,
): Promise<LightMyRequestResponse> {
  const { payload, contentType } = payloadOf(r.body);
  const options: InjectOptions = {
    method: r.method as InjectOptions['method'],
    url: urlOf(r),
    headers: {
      ...(await fuzz.credentials(r.role)),
      ...(contentType !== undefined ? { 'content-type': contentType } : {}),
      ...r.headers,
    },
    ...(payload !== undefined ? { payload } : {}),
    ...(r.remoteAddress ? { remoteAddress: r.remoteAddress } : {}),
  };
  return app.inject(options);
}

const shown = (text: string, max = 160) =>
  text.length > max
    ? `${JSON.stringify(text.slice(0, max))}... (${text.length} chars)`
    : JSON.stringify(text);

/** A readable account of the request, long values cut, for a failure report. */
export function describeRequest(r: FuzzRequest): string {
  const lines = [
    `${r.method} ${shown(urlOf(r), 300)} as ${r.role}${r.remoteAddress ? ` from ${r.remoteAddress}` : ''}`,
    `  aimed at ${r.aim}; ${r.mutation}`,
  ];
  for (const [k, v] of Object.entries(r.headers)) lines.push(`  header ${k}: ${shown(v)}`);
  const b = r.body;
  if (b.kind === 'form' || b.kind === 'multipart') {
    lines.push(
      `  ${b.kind} body${b.kind === 'multipart' && b.cut !== undefined ? ` cut at ${b.cut}` : ''}:`,
    );
    for (const [k, v] of b.fields) lines.push(`    ${shown(k, 80)} = ${shown(v)}`);
    if (b.kind === 'multipart') {
      for (const f of b.files) {
        const head = f.bytes.subarray(0, 16).toString('hex');
        lines.push(
          `    file ${f.field ?? 'media'} ${shown(f.name, 60)} ${f.type} ${f.bytes.length} bytes ${head}...`,
        );
      }
    }
  } else if (b.kind === 'json') {
    lines.push(`  ${b.contentType} body: ${shown(b.text, 300)}`);
  } else if (b.kind === 'raw') {
    lines.push(
      `  ${b.contentType ?? '(no content type)'} body: ${b.bytes.length} bytes ${b.bytes.subarray(0, 48).toString('hex')}`,
    );
  }
  return lines.join('\n');
}
