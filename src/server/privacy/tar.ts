/**
 * A gzipped tar (POSIX ustar) written as a stream, for subject access exports: one JSON file and
 * the media files, read one at a time so an export never holds every file in memory.
 * ustar is enough here: the names are short and ours, and every archiver reads it.
 */
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';

export interface TarEntry {
  name: string;
  /** The bytes, read when the entry is written (null: skipped, e.g. a file gone meanwhile). */
  bytes: () => Promise<Buffer | null>;
}

function header(name: string, size: number, mtime: Date): Buffer {
  const h = Buffer.alloc(512, 0);
  const put = (text: string, offset: number, length: number) =>
    h.write(text.slice(0, length), offset, length, 'utf8');
  const octal = (n: number, length: number) => n.toString(8).padStart(length - 1, '0') + '\0';
  put(name, 0, 100);
  put(octal(0o640, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 12);
  h.fill(' ', 148, 156); // the checksum is computed with its own field as spaces
  put('0', 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  let sum = 0;
  for (const byte of h) sum += byte;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return h;
}

async function* tarChunks(entries: readonly TarEntry[], mtime: Date): AsyncGenerator<Buffer> {
  for (const entry of entries) {
    const bytes = await entry.bytes();
    if (!bytes) continue;
    yield header(entry.name, bytes.length, mtime);
    yield bytes;
    const pad = (512 - (bytes.length % 512)) % 512;
    if (pad) yield Buffer.alloc(pad, 0);
  }
  yield Buffer.alloc(1024, 0);
}

/** The entries as a .tar.gz stream. */
export function tarGz(entries: readonly TarEntry[], mtime = new Date()): Readable {
  return Readable.from(tarChunks(entries, mtime)).pipe(createGzip());
}
