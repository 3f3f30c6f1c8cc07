/**
 * Media in a local folder (DATA_DIR/media by default): outside the folder the web server serves,
 * one file per photo or recording under its random name. Enough for one instance (the demo);
 * several instances need object storage (media-s3.ts) or a folder they all share.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { access, constants, lstat, open, opendir, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  checkedName,
  isMediaFileName,
  type ListedFile,
  type MediaFiles,
  type OpenedMedia,
} from './media-files';

const PAGE = 1000;

export class FolderMediaFiles implements MediaFiles {
  readonly where: string;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o750 });
    this.where = `folder ${dir}`;
  }

  private path(fileName: string): string {
    return join(this.dir, checkedName(fileName));
  }

  async write(id: string, extension: string, body: Buffer | Readable): Promise<string> {
    const fileName = `${id}.${extension}`;
    const path = this.path(fileName);
    if (Buffer.isBuffer(body)) {
      await writeFile(path, body, { flag: 'wx', mode: 0o640 });
    } else {
      await pipeline(body, createWriteStream(path, { flags: 'wx', mode: 0o640 }));
    }
    return fileName;
  }

  async open(fileName: string): Promise<OpenedMedia | null> {
    let handle;
    try {
      handle = await open(this.path(fileName), 'r');
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
        async stream(range) {
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

  async *listPages(): AsyncIterable<ListedFile[]> {
    let page: ListedFile[] = [];
    for await (const entry of await opendir(this.dir)) {
      if (!entry.isFile() || !isMediaFileName(entry.name)) continue;
      try {
        const stat = await lstat(join(this.dir, entry.name));
        if (stat.isFile()) {
          page.push({ fileName: entry.name, bytes: stat.size, modifiedMs: stat.mtimeMs });
        }
      } catch {
        // Removed meanwhile (a failed upload's clean-up).
      }
      if (page.length === PAGE) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

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

  async check(): Promise<void> {
    await access(this.dir, constants.R_OK | constants.W_OK);
  }

  async close(): Promise<void> {}
}
