/**
 * The media folder: DATA_DIR/media, outside the folder the web server serves, one file per photo
 * or recording under a random name. Files are only ever read back through GET /api/media/:id,
 * which checks who may see the report first.
 *
 * Notes
 * - Files are written before the report's transaction and removed again if it fails, so a crash
 *   between the two can leave an orphan file but never a database row without its file. Orphans
 *   are swept at start and hourly (orphan-sweep.ts), using `list` and `remove` here.
 * - Files are served by streaming from an open handle (`open`), a byte range at a time when asked,
 *   so a 20 MB recording is never held in memory whole.
 * - A single instance keeps them on its disk; several instances need a shared folder (or object
 *   storage behind this same small interface).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { lstat, open, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/** A media id: 128 random bits, URL-safe. */
export const newMediaId = () => randomBytes(16).toString('base64url');
const SAFE_NAME = /^[A-Za-z0-9_-]{22}\.[a-z0-9]{2,5}$/;

/** A stored file opened for serving: its size now, and its bytes once, whole or a range. */
export interface OpenedMedia {
  size: number;
  /** The bytes from `start` to `end` inclusive (default all); closes the file when done. */
  stream(range?: { start: number; end: number }): Readable;
  /** Closes the file without reading it (not needed after `stream`). */
  close(): Promise<void>;
}

/** A file in the media folder with a media file's name, as `list` finds it. */
export interface ListedFile {
  fileName: string;
  bytes: number;
  modifiedMs: number;
}

export class MediaFiles {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o750 });
  }

  private path(fileName: string): string {
    if (!SAFE_NAME.test(fileName)) throw new Error(`not a media file name: ${fileName}`);
    return join(this.dir, fileName);
  }

  /** Writes new bytes under a fresh name; returns the name. */
  async write(id: string, extension: string, bytes: Buffer): Promise<string> {
    const fileName = `${id}.${extension}`;
    await writeFile(this.path(fileName), bytes, { flag: 'wx', mode: 0o640 });
    return fileName;
  }

  async read(fileName: string): Promise<Buffer | null> {
    try {
      return await readFile(this.path(fileName));
    } catch {
      return null;
    }
  }

  /** Opens a file for streaming; null when it is not there (or not a plain file). */
  async open(fileName: string): Promise<OpenedMedia | null> {
    const path = this.path(fileName);
    let handle;
    try {
      handle = await open(path, 'r');
    } catch {
      return null;
    }
    const fh = handle;
    try {
      const stat = await fh.stat();
      if (!stat.isFile()) throw new Error('not a file');
      let used = false;
      return {
        size: stat.size,
        stream(range) {
          if (used) throw new Error('a media file is streamed once');
          used = true;
          return fh.createReadStream(range ? { start: range.start, end: range.end } : {});
        },
        async close() {
          if (used) return;
          used = true;
          await fh.close();
        },
      };
    } catch {
      await fh.close();
      return null;
    }
  }

  /** The regular files in the folder named as media files are (anything else is left alone). */
  async list(): Promise<ListedFile[]> {
    const out: ListedFile[] = [];
    for (const entry of await readdir(this.dir, { withFileTypes: true })) {
      if (!entry.isFile() || !SAFE_NAME.test(entry.name)) continue;
      try {
        const stat = await lstat(join(this.dir, entry.name));
        if (stat.isFile()) {
          out.push({ fileName: entry.name, bytes: stat.size, modifiedMs: stat.mtimeMs });
        }
      } catch {
        // Removed meanwhile (another instance's sweep, or a failed upload's clean-up).
      }
    }
    return out;
  }

  /** Removes one file; true when this call removed it (false: already gone, or not allowed). */
  async removeOne(fileName: string): Promise<boolean> {
    try {
      await unlink(this.path(fileName));
      return true;
    } catch {
      return false;
    }
  }

  async remove(fileNames: string[]): Promise<void> {
    await Promise.all(fileNames.map((f) => rm(this.path(f), { force: true }).catch(() => {})));
  }
}
