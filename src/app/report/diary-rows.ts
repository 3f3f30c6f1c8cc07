/**
 * A diary answer while it is being written: one row per occurrence, kept in the draft as
 * `date|start|end|level|note` strings so half-filled rows survive a reload. `toSubmission` turns
 * the rows into the diary text the shared `parseDiary` reads (the same rule as the server's).
 */
import {
  DIARY_NOTE_MAX,
  entryProblem,
  formatEntry,
  isRealDate,
  isTime,
  parseDiary,
} from '../../shared/diary';
import type { AnswerValue } from '../../shared/report';

export interface DiaryRow {
  date: string;
  start: string;
  end: string;
  level: string;
  note: string;
}

export const emptyRow = (): DiaryRow => ({ date: '', start: '', end: '', level: '', note: '' });

export function encodeRow(r: DiaryRow): string {
  const clean = (s: string) => s.replace(/[|\r\n]/g, ' ');
  return [
    clean(r.date),
    clean(r.start),
    clean(r.end),
    clean(r.level),
    r.note.replace(/[\r\n]/g, ' '),
  ].join('|');
}

export function decodeRow(s: string): DiaryRow {
  const [date = '', start = '', end = '', level = '', ...note] = s.split('|');
  return { date, start, end, level, note: note.join('|') };
}

/** The rows of a draft answer (an older plain-text answer is read as diary text). */
export function rowsOf(value: AnswerValue | undefined): DiaryRow[] {
  if (Array.isArray(value)) return value.length ? value.map(decodeRow) : [emptyRow()];
  if (typeof value === 'string' && value.trim()) return diaryRowsFromText(value).map(decodeRow);
  return [emptyRow()];
}

export const isBlankRow = (r: DiaryRow) =>
  !r.date.trim() && !r.start.trim() && !r.end.trim() && !r.level.trim() && !r.note.trim();

/** The draft value for these rows; a single blank row is no answer at all. */
export function valueOfRows(rows: DiaryRow[]): string[] {
  return rows.length === 1 && isBlankRow(rows[0]!) ? [] : rows.map(encodeRow);
}

/** The diary text sent to the council; blank rows are left out. */
export function diaryTextFromRows(value: AnswerValue): string {
  if (!Array.isArray(value)) return value.trim();
  return value
    .map(decodeRow)
    .filter((r) => !isBlankRow(r))
    .map((r) =>
      formatEntry({
        date: r.date.trim(),
        start: r.start.trim(),
        end: r.end.trim(),
        level: Number(r.level.trim()),
        note: r.note.trim(),
      }),
    )
    .join('\n');
}

/** Diary text (e.g. a report sent back to fix) as rows. */
export function diaryRowsFromText(text: string): string[] {
  const parsed = parseDiary(text, Number.MAX_SAFE_INTEGER);
  if (!parsed.ok) return [encodeRow({ ...emptyRow(), note: text.replace(/\s+/g, ' ').trim() })];
  return parsed.value.map((e) =>
    encodeRow({ date: e.date, start: e.start, end: e.end, level: String(e.level), note: e.note }),
  );
}

export type RowField = keyof DiaryRow;

/** The id of one field of one row; the first field of the first row is the question's id. */
export const diaryFieldId = (id: string, row: number, field: RowField) =>
  row === 0 && field === 'date' ? id : `${id}-${row}-${field}`;
export type RowProblem =
  | 'dateMissing'
  | 'date'
  | 'startMissing'
  | 'start'
  | 'endMissing'
  | 'end'
  | 'levelMissing'
  | 'level'
  | 'noteTooLong';

/** What is wrong with each field of a row (the wording is the app's, the rules are shared). */
export function rowProblems(r: DiaryRow): Partial<Record<RowField, RowProblem>> {
  const p: Partial<Record<RowField, RowProblem>> = {};
  const date = r.date.trim();
  const start = r.start.trim();
  const end = r.end.trim();
  const level = r.level.trim();
  if (!date) p.date = 'dateMissing';
  else if (!isRealDate(date)) p.date = 'date';
  if (!start) p.start = 'startMissing';
  else if (!isTime(start)) p.start = 'start';
  if (!end) p.end = 'endMissing';
  else if (!isTime(end)) p.end = 'end';
  if (!level) p.level = 'levelMissing';
  else if (!/^\d{1,2}$/.test(level)) p.level = 'level';
  else if (
    entryProblem({
      date: '2026-01-01',
      start: '00:00',
      end: '00:00',
      level: Number(level),
      note: '',
    })
  ) {
    p.level = 'level';
  }
  if (r.note.trim().length > DIARY_NOTE_MAX) p.note = 'noteTooLong';
  return p;
}
