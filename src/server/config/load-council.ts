/**
 * Loading the council configuration file. A broken file is an error that names every problem by
 * its field path (e.g. `services[3].attributes[0].code: ...`), so whoever edits it can fix it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CouncilConfigSchema,
  formatConfigError,
  type CouncilConfig,
} from '../../shared/council-config';
import type { Result } from '../../shared/result';

/** The folder of the shipped configuration files (the compiled server keeps them beside it). */
export const CONFIG_DIR = fileURLToPath(new URL('.', import.meta.url));
/** The demo council shipped with the project. */
export const DEMO_COUNCIL_PATH = join(CONFIG_DIR, 'demo-council.json');

/** Parses and validates configuration text; the error lists one problem per line. */
export function parseCouncilConfig(text: string): Result<CouncilConfig, string> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `(file): not valid JSON: ${(error as Error).message}` };
  }
  const parsed = CouncilConfigSchema.safeParse(json);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: formatConfigError(parsed.error) };
}

export async function loadCouncilConfig(path: string): Promise<Result<CouncilConfig, string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, error: `(file): cannot be read (${code ?? 'unknown error'})` };
  }
  return parseCouncilConfig(text);
}
