/**
 * HTTP errors in Open311's shape: `[{"code": <status>, "description": "..."}]`. Handlers throw
 * `HttpError`; `open311ErrorHandler` turns every error (ours, Fastify's, a plugin's) into that
 * body, with friendly wording for the framework's own errors and no details for an unexpected
 * 5xx (an `HttpError` is deliberate, such as 503 when busy, and says what it means).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Open311Error } from '../../shared/open311';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly descriptions: string[],
    readonly headers: Record<string, string> = {},
  ) {
    super(descriptions.join('; '));
  }
}

export const badRequest = (...descriptions: string[]) => new HttpError(400, descriptions);
export const notFound = (description: string) => new HttpError(404, [description]);

export const FORM_BODY_LIMIT = 64 * 1024;

const SEND_AS =
  'Send the report as application/x-www-form-urlencoded (UTF-8) or multipart/form-data.';

/** Friendlier wording for errors raised by Fastify and its plugins, by error code. */
const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: `This content type is not accepted. ${SEND_AS}`,
  FST_ERR_CTP_BODY_TOO_LARGE: `The request body is too large: form fields may be at most ${FORM_BODY_LIMIT / 1024} KB in total.`,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The Content-Length header does not match the body.',
  FST_ERR_CTP_EMPTY_TYPE: `The Content-Type header is empty. ${SEND_AS}`,
  FST_ERR_CTP_INVALID_TYPE: `The Content-Type header is not valid. ${SEND_AS}`,
  FST_PARTS_LIMIT: 'The form has too many parts.',
  FST_FIELDS_LIMIT: 'The form has too many fields.',
  FST_FILES_LIMIT: 'The form has too many files.',
  FST_REQ_FILE_TOO_LARGE: 'A file in the form is too large.',
  FST_PROTO_VIOLATION: 'A field name is not allowed.',
  FST_ERR_BAD_URL: 'The address of this request is not valid.',
};

export function errorBody(status: number, descriptions: string[]): Open311Error {
  return descriptions.map((description) => ({ code: status, description }));
}

/** The one error handler: every error leaves as an Open311 error body. */
export function open311ErrorHandler(
  error: FastifyError | HttpError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const raw = error.statusCode;
  const status = typeof raw === 'number' && raw >= 400 && raw <= 599 ? raw : 500;
  // Refused before its body was read (a file over the limit): the rest of the body is still on
  // the connection, so end it after this answer rather than leave the next request waiting.
  if (!request.raw.complete) reply.header('connection', 'close');
  // Our own 5xx (busy, with Retry-After) say what to do; anything else unexpected says nothing.
  if (status >= 500 && !(error instanceof HttpError)) {
    request.log.error({ err: error }, 'request failed');
    return reply
      .code(status)
      .send(errorBody(status, ['Something went wrong on our side. Please try again later.']));
  }
  if (error instanceof HttpError) {
    return reply.code(status).headers(error.headers).send(errorBody(status, error.descriptions));
  }
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  const description = FRAMEWORK_MESSAGES[code] ?? (error.message || 'The request is not valid.');
  return reply.code(status).send(errorBody(status, [description]));
}
