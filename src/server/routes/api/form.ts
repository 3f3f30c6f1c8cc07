/** Reading the simple forms of the /api endpoints (URL-encoded or multipart, no files). */
import type { FastifyRequest } from 'fastify';
import { badRequest } from '../../http/errors';
import { readFormFields, type FormFields } from '../../http/form-body';
import type { MediaSink } from '../../media/media-sink';

export interface SimpleForm {
  fields: FormFields;
  /** The one value of a field (trimmed unless `raw`), undefined when absent; a 400 if repeated. */
  one(name: string, raw?: boolean): string | undefined;
  /** Every value of a field, in order. */
  all(name: string): string[];
}

/** Refuses every file part: these forms take text only. */
export const noFiles: MediaSink = {
  async accept(part) {
    part.file.resume();
    throw badRequest(`${part.fieldname.slice(0, 80)}: this form takes no files`);
  },
};

/** Reads the form; `allowed` names every field it may have (others are a 400 naming them). */
export async function readSimpleForm(
  request: FastifyRequest,
  allowed: readonly (string | RegExp)[],
): Promise<SimpleForm> {
  const fields = await readFormFields(request, noFiles);
  const unknown = fields
    .map(([n]) => n)
    .filter((n) => !allowed.some((a) => (typeof a === 'string' ? a === n : a.test(n))));
  if (unknown.length) {
    throw badRequest(
      ...[...new Set(unknown)].map((n) => `${n.slice(0, 80)}: is not a field of this form`),
    );
  }
  return {
    fields,
    one(name, raw = false) {
      const values = fields.filter(([n]) => n === name).map(([, v]) => v);
      if (values.length > 1) throw badRequest(`${name}: is given more than once`);
      const v = values[0];
      return v === undefined ? undefined : raw ? v : v.trim();
    },
    all: (name) => fields.filter(([n]) => n === name).map(([, v]) => v),
  };
}
