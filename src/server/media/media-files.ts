/**
 * The media folder: DATA_DIR/media, outside the folder the web server serves, one file per photo
 * or recording under a random name. Files are only ever read back through GET /api/media/:id,
 * which checks who may see the report first.
 *
 * Notes
 * - Files are written before the report's transaction and removed again if it fails, so a crash
 *   between the two can leave an orphan file but never a database row without its file.
 * - A single instance keeps them on its disk; several instances need a shared folder (or object
 *   storage behind this same small interface).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A media id: 128 random bits, URL-safe. */
export const newMediaId = () => randomBytes(16).toString('base64url');
const SAFE_NAME = /^[A-Za-z0-9_-]{22}\.[a-z0-9]{2,5}$/;

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

  async remove(fileNames: string[]): Promise<void> {
    await Promise.all(fileNames.map((f) => rm(this.path(f), { force: true }).catch(() => {})));
  }
}
