/**
 * A diary of repeat occurrences (e.g. a noise diary) carried in one Open311 `text` attribute
 * marked `format: "diary"`, so several occurrences travel in one report on the standard wire.
 *
 * Notes
 * - One occurrence per line: `YYYY-MM-DD HH:MM-HH:MM level N` with an optional `: note`, e.g.
 *   `2026-11-20 23:15-01:40 level 8: music through the bedroom wall`. An end time earlier than
 *   the start means the occurrence ran past midnight. The format is readable by an officer in any
 *   case-management system that shows the attribute as text, and strict enough to validate.
 * - The app and the server parse with the same function, so the rules cannot drift apart.
 */
import { err, ok, type Result } from './result';

export interface DiaryEntry {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM, 24-hour */
  start: string;
  /** HH:MM, 24-hour */
  end: string;
  /** 1 (barely audible) to 10 (unbearable) */
  level: number;
  /** What happened, at most DIARY_NOTE_MAX characters; may be empty. */
  note: string;
}

export const DIARY_NOTE_MAX = 200;
export const DIARY_DEFAULT_MAX_ENTRIES = 20;
export const DIARY_LEVEL_MIN = 1;
export const DIARY_LEVEL_MAX = 10;

/** The wire format, for `datatype_description` and error messages. */
export const DIARY_FORMAT_DESCRIPTION =
  'One occurrence per line: YYYY-MM-DD HH:MM-HH:MM level N, optionally followed by ": note" ' +
  `(level ${DIARY_LEVEL_MIN} to ${DIARY_LEVEL_MAX}; an end before the start means past midnight).`;

const LINE = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})-(\d{2}:\d{2}) level (\d{1,2})(?:: (.*))?$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function isTime(s: string): boolean {
  return TIME.test(s);
}

/** What is wrong with one entry, or null. */
export function entryProblem(e: DiaryEntry): string | null {
  if (!isRealDate(e.date)) return 'the date must be a real date like 2026-11-20';
  if (!isTime(e.start)) return 'the start time must be like 23:15';
  if (!isTime(e.end)) return 'the end time must be like 01:40';
  if (!Number.isInteger(e.level) || e.level < DIARY_LEVEL_MIN || e.level > DIARY_LEVEL_MAX) {
    return `the level must be a whole number from ${DIARY_LEVEL_MIN} to ${DIARY_LEVEL_MAX}`;
  }
  if (/[\r\n]/.test(e.note)) return 'a note must be on one line';
  if (e.note.length > DIARY_NOTE_MAX) {
    return `a note must be at most ${DIARY_NOTE_MAX} characters`;
  }
  return null;
}

/** One entry as its line. */
export function formatEntry(e: DiaryEntry): string {
  const note = e.note.trim();
  return `${e.date} ${e.start}-${e.end} level ${e.level}${note ? `: ${note}` : ''}`;
}

export function formatDiary(entries: readonly DiaryEntry[]): string {
  return entries.map(formatEntry).join('\n');
}

/** Parses a diary; the error names the line (1-based) and what is wrong with it. */
export function parseDiary(
  text: string,
  maxEntries: number = DIARY_DEFAULT_MAX_ENTRIES,
): Result<DiaryEntry[], string> {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length === 0) return err('give at least one occurrence');
  if (lines.length > maxEntries) return err(`give at most ${maxEntries} occurrences`);
  const entries: DiaryEntry[] = [];
  for (const [i, line] of lines.entries()) {
    const m = LINE.exec(line);
    if (!m) return err(`line ${i + 1} must look like "2026-11-20 23:15-01:40 level 8: note"`);
    const entry: DiaryEntry = {
      date: m[1]!,
      start: m[2]!,
      end: m[3]!,
      level: Number(m[4]),
      note: (m[5] ?? '').trim(),
    };
    const problem = entryProblem(entry);
    if (problem) return err(`line ${i + 1}: ${problem}`);
    entries.push(entry);
  }
  return ok(entries);
}
