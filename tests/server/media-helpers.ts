/** Multipart reports with photos and recordings for the media tests. */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { readWhole } from '../../src/server/media/media-files';
import type { Fields } from './helpers';

export interface FilePart {
  name: string;
  type: string;
  bytes: Buffer;
  field?: string;
}

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'media');
export const fixture = (name: string) => readFileSync(join(FIXTURES, name));

export function multipartWithFiles(fields: Fields, files: FilePart[]) {
  const boundary = `----nrmedia${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of fields) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  for (const f of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'media'}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

export function postWithFiles(
  app: FastifyInstance,
  fields: Fields,
  files: FilePart[],
  key?: string,
) {
  const body = multipartWithFiles(fields, files);
  return app.inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    payload: body.payload,
    headers: {
      'content-type': body.contentType,
      ...(key ? { 'idempotency-key': key } : {}),
    },
  });
}

/** A complete, valid noise report (its category takes recordings, not photos); `risk`: riskAnswers(). */
export function noise(risk: Fields, extra: Fields = []): Fields {
  return [
    ['service_code', 'noise'],
    ['lat', '51.7645'],
    ['long', '-0.2245'],
    ['description', 'Music through the wall every night.'],
    ['attribute[noise_type]', 'music'],
    ['attribute[source_address]', '14 Queensway'],
    ['attribute[room]', 'bedroom'],
    ['attribute[started]', '2026-11-20T23:00'],
    ['attribute[effect][]', 'sleep'],
    ['attribute[level]', '8'],
    ['attribute[repeated]', 'no'],
    ...risk,
    ...extra,
  ];
}

/** The descriptions of an Open311 error body. */
export const descriptions = (body: string) =>
  (JSON.parse(body) as Array<{ description: string }>).map((e) => e.description);

/** A stored file's bytes, read back through the app's media store (folder or S3). */
export async function storedBytes(app: FastifyInstance, fileName: string): Promise<Buffer> {
  const bytes = await readWhole(app.mediaFiles, fileName);
  if (!bytes) throw new Error(`no stored file ${fileName}`);
  return bytes;
}

/** How many media files the app's media store holds. */
export async function storedCount(app: FastifyInstance): Promise<number> {
  let n = 0;
  for await (const page of app.mediaFiles.listPages()) n += page.length;
  return n;
}
