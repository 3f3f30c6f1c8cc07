/**
 * Byte ranges (RFC 9110 section 14) for GET /api/media/:id: what to answer for a Range header on
 * a file of a known size, with If-Range checked against the file's ETag.
 *
 * Notes
 * - One range only: `bytes=a-b`, `bytes=a-` and `bytes=-n`. Several ranges, another unit and
 *   anything malformed (including `b < a`) are ignored, giving the whole file with 200, as the RFC
 *   allows a server to do; players ask for one range at a time anyway.
 * - A range starting at or past the end, and a suffix of zero bytes, are unsatisfiable: 416 with a
 *   Content-Range giving the file's size (the caller sends it). An end past the file is cut to the file.
 * - If-Range (only looked at with a Range) must be exactly our strong ETag; anything else (a weak
 *   or other tag, or a date: we send no Last-Modified) means the whole file with 200, so a player
 *   never splices bytes of two different files.
 * - An empty file is always sent whole (ours never are: uploads refuse empty files).
 */

export type RangeAnswer =
  { kind: 'whole' } | { kind: 'part'; start: number; end: number } | { kind: 'unsatisfiable' };

const ONE_RANGE = /^bytes=[ \t]*(\d*)-(\d*)[ \t]*$/i;

export function answerRange(
  range: string | undefined,
  ifRange: string | undefined,
  size: number,
  etag: string,
): RangeAnswer {
  if (range === undefined || size === 0) return { kind: 'whole' };
  const m = ONE_RANGE.exec(range.trim());
  if (!m) return { kind: 'whole' };
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return { kind: 'whole' };
  if (first !== '' && last !== '' && Number(last) < Number(first)) return { kind: 'whole' };
  if (ifRange !== undefined && ifRange.trim() !== etag) return { kind: 'whole' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return { kind: 'unsatisfiable' };
    return { kind: 'part', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return { kind: 'part', start, end };
}
