/**
 * The error message for one answer, in the resident's language. Whether an answer is acceptable is
 * decided by the shared `checkAnswer` (the same rule the server applies); only the wording is the
 * app's, because the shared messages are English and written for API clients.
 */
import type { TFunction } from 'i18next';
import type { Attribute } from '../../shared/council-config';
import { DIARY_LEVEL_MAX, DIARY_LEVEL_MIN, DIARY_NOTE_MAX } from '../../shared/diary';
import type { FieldError } from '../components/ErrorSummary';
import { diaryFieldId, isBlankRow, rowProblems, rowsOf, type RowField } from './diary-rows';
import {
  checkAnswer,
  STRING_ANSWER_MAX,
  TEXT_ANSWER_MAX,
  type AnswerValue,
} from '../../shared/report';

export function isBlankAnswer(v: AnswerValue | undefined): boolean {
  return v === undefined || (Array.isArray(v) ? v.length === 0 : v.trim() === '');
}

export function maxLengthOf(attr: Attribute): number {
  return attr.maxLength ?? (attr.datatype === 'text' ? TEXT_ANSWER_MAX : STRING_ANSWER_MAX);
}

export function answerError(
  t: TFunction,
  attr: Attribute,
  value: AnswerValue | undefined,
): string | null {
  if (isBlankAnswer(value)) {
    if (!attr.required) return null;
    switch (attr.datatype) {
      case 'singlevaluelist':
        return t('question.errors.selectOne');
      case 'multivaluelist':
        return t('question.errors.selectMany');
      case 'number':
        return t('question.errors.enterNumber');
      case 'datetime':
        return t('question.errors.enterDatetime');
      default:
        return t('question.errors.enterAnswer');
    }
  }
  const trimmed = Array.isArray(value) ? value : value!.trim();
  if (checkAnswer(attr, trimmed) === null) return null;
  switch (attr.datatype) {
    case 'singlevaluelist':
    case 'multivaluelist':
      return t('question.errors.notInList');
    case 'number': {
      const n = Number(trimmed);
      if (typeof trimmed !== 'string' || !/^-?\d+(\.\d+)?$/.test(trimmed)) {
        return t('question.errors.notNumber');
      }
      if (attr.min !== undefined && attr.max !== undefined) {
        return t('question.errors.numberBetween', { min: attr.min, max: attr.max });
      }
      if (attr.min !== undefined && n < attr.min) {
        return t('question.errors.numberMin', { min: attr.min });
      }
      return t('question.errors.numberMax', { max: attr.max ?? n });
    }
    case 'datetime':
      return t('question.errors.notDatetime');
    case 'string':
    case 'text': {
      const max = maxLengthOf(attr);
      if (typeof trimmed === 'string' && trimmed.length > max) {
        return t('question.errors.tooLong', { max });
      }
      return t('question.errors.badCharacters');
    }
  }
}

const ROW_FIELDS: RowField[] = ['date', 'start', 'end', 'level', 'note'];

/**
 * The problems of a diary answer, one per field, in the order of the page. Blank times are left
 * out; a diary with no time filled in has no problems if optional, else asks for the first time.
 */
export function diaryErrors(
  t: TFunction,
  attr: Attribute,
  value: AnswerValue | undefined,
  id: string,
): FieldError[] {
  const rows = rowsOf(value);
  const filled = rows.some((r) => !isBlankRow(r));
  if (!filled && !attr.required) return [];
  const out: FieldError[] = [];
  rows.forEach((row, i) => {
    // Blank times are left out when sent; only a diary with none filled asks for the first.
    if (isBlankRow(row) && (filled || i > 0)) return;
    const p = rowProblems(row);
    for (const f of ROW_FIELDS) {
      const problem = p[f];
      if (!problem) continue;
      out.push({
        field: diaryFieldId(id, i, f),
        message: t(`diary.errors.${problem}`, {
          n: i + 1,
          min: DIARY_LEVEL_MIN,
          max: problem === 'noteTooLong' ? DIARY_NOTE_MAX : DIARY_LEVEL_MAX,
        }),
      });
    }
  });
  return out;
}
