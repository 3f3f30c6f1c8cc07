/**
 * Reading a report's form fields, the same way for both encodings Open311 clients use:
 * application/x-www-form-urlencoded (the spec's) and multipart/form-data (our extension, which
 * carries photos and recordings). Both yield ordered `[name, value]` pairs, so validation and
 * the idempotency hash cannot tell them apart.
 *
 * Notes
 * - URL-encoded bodies are decoded here rather than by a general-purpose parser so that bytes
 *   which are not UTF-8 (raw or percent-encoded) are refused with a message naming the field,
 *   instead of being silently replaced.
 * - File parts go to `MediaSink` (see ../media): the seam where the media pipeline plugs in.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FORM_BODY_LIMIT, HttpError, badRequest } from './errors';
import type { MediaSink } from '../media/media-sink';
import { MAX_FILE_BYTES, MAX_FILE_PARTS } from '../media/uploads';

export type FormFields = Array<[string, string]>;

/**
 * Multipart limits: a field holds at most a 4,000-character description in any script; file
 * parts (photos and recordings) are counted and sized by the media collector, busboy's own file
 * limits are only the outer fence.
 */
export const MULTIPART_LIMITS = {
  fieldNameSize: 100,
  fieldSize: 16 * 1024,
  fields: 200,
  files: MAX_FILE_PARTS,
  fileSize: MAX_FILE_BYTES,
  parts: 220,
  headerPairs: 50,
} as const;

const MAX_FIELDS = MULTIPART_LIMITS.fields;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function charsetOf(contentType: string | undefined): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match ? match[1]!.toLowerCase() : null;
}

function percentDecode(text: string): Uint8Array | null {
  const bytes: number[] = [];
  const raw = Buffer.from(text.replace(/\+/g, ' '), 'utf8');
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i]!;
    if (b !== 0x25) {
      bytes.push(b);
      continue;
    }
    const hex = raw.subarray(i + 1, i + 3).toString('latin1');
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) return null;
    bytes.push(parseInt(hex, 16));
    i += 2;
  }
  return Uint8Array.from(bytes);
}

function decodePart(text: string): string | null {
  const bytes = percentDecode(text);
  if (!bytes) return null;
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Parses an x-www-form-urlencoded body into ordered pairs; throws a 4xx naming the problem. */
export function parseUrlEncoded(body: Buffer, contentType?: string): FormFields {
  const charset = charsetOf(contentType);
  if (charset && charset !== 'utf-8' && charset !== 'utf8' && charset !== 'us-ascii') {
    throw new HttpError(415, [
      `The form is in the "${charset}" character set; send it as UTF-8 (charset=utf-8).`,
    ]);
  }
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw badRequest('The form is not valid UTF-8 text; send it encoded as UTF-8.');
  }
  const fields: FormFields = [];
  for (const segment of text.split('&')) {
    if (segment === '') continue;
    const eq = segment.indexOf('=');
    const rawName = eq === -1 ? segment : segment.slice(0, eq);
    const rawValue = eq === -1 ? '' : segment.slice(eq + 1);
    const name = decodePart(rawName);
    if (name === null) {
      throw badRequest(
        `A field name is not valid percent-encoded UTF-8: "${rawName.slice(0, 60)}".`,
      );
    }
    const value = decodePart(rawValue);
    if (value === null) {
      throw badRequest(`${name.slice(0, 80)}: the value is not valid percent-encoded UTF-8.`);
    }
    fields.push([name, value]);
    if (fields.length > MAX_FIELDS) {
      throw new HttpError(413, [`The form has more than ${MAX_FIELDS} fields.`]);
    }
  }
  return fields;
}

/** Registers the body parsers: URL-encoded forms here, multipart through @fastify/multipart. */
export function registerFormParser(app: FastifyInstance) {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'buffer', bodyLimit: FORM_BODY_LIMIT },
    (request, body, done) => {
      try {
        done(null, { fields: parseUrlEncoded(body as Buffer, request.headers['content-type']) });
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );
}

function multipartError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const status = (error as { statusCode?: number }).statusCode;
  const code = (error as { code?: string }).code;
  if (code === 'FST_FILES_LIMIT') {
    return new HttpError(413, [`The form has more than ${MULTIPART_LIMITS.files} files.`]);
  }
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return new HttpError(413, [
      `A file is larger than ${MULTIPART_LIMITS.fileSize / 1024 / 1024} MB; send a smaller photo or a shorter recording.`,
    ]);
  }
  if (code === 'FST_INVALID_JSON_FIELD_ERROR') {
    return badRequest('Send every form field as plain text, not as JSON.');
  }
  if (status === 413 || code === 'FST_PROTO_VIOLATION') {
    return new HttpError(status ?? 400, [
      code === 'FST_PROTO_VIOLATION'
        ? 'A field name is not allowed.'
        : `The form is too large: at most ${MULTIPART_LIMITS.fields} fields of at most ${MULTIPART_LIMITS.fieldSize / 1024} KB each.`,
    ]);
  }
  return badRequest(
    'The multipart form could not be read (it is cut short or malformed); send it again as multipart/form-data with a boundary.',
  );
}

/** Reads the fields of a request in either encoding; file parts go to the media sink. */
export async function readFormFields(
  request: FastifyRequest,
  media: MediaSink,
): Promise<FormFields> {
  if (!request.isMultipart()) {
    const body = request.body as { fields?: FormFields } | undefined;
    if (!body?.fields) {
      throw new HttpError(415, [
        'The request has no form body. Send the report as application/x-www-form-urlencoded (UTF-8) or multipart/form-data.',
      ]);
    }
    return body.fields;
  }
  const fields: FormFields = [];
  try {
    for await (const part of request.parts({ limits: MULTIPART_LIMITS })) {
      // Busboy hands a part without `name=` on with no field name at all.
      if (typeof part.fieldname !== 'string' || part.fieldname === '') {
        if (part.type === 'file') part.file.resume();
        throw badRequest(
          'A part of the multipart form has no name; give every part Content-Disposition: form-data; name="...".',
        );
      }
      if (part.type === 'file') {
        await media.accept(part);
        continue;
      }
      if (part.fieldnameTruncated || part.valueTruncated) {
        throw new HttpError(413, [
          `${part.fieldname.slice(0, 80)}: the field is too long (at most ${MULTIPART_LIMITS.fieldSize / 1024} KB).`,
        ]);
      }
      if (typeof part.value !== 'string' || part.mimetype.startsWith('application/json')) {
        throw badRequest(`${part.fieldname.slice(0, 80)}: send the value as plain text, not JSON.`);
      }
      fields.push([part.fieldname, part.value]);
    }
  } catch (error) {
    throw multipartError(error);
  }
  return fields;
}
