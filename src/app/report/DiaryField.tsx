/**
 * A diary question (`format: "diary"`, e.g. a noise diary): one group of fields per occurrence
 * (date, start, end, level 1 to 10, an optional note) with "Add another time" and "Remove", the
 * GOV.UK "add another" pattern. Rows are kept in the draft as they are typed (diary-rows.ts).
 *
 * Notes
 * - After "Add another time" the new time's first field takes focus, and after "Remove" the
 *   first time's: the field to focus is remembered and focused after the render that puts it on
 *   the page (the rows come back through the draft, not always in the same tick).
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attribute } from '../../shared/council-config';
import { DIARY_DEFAULT_MAX_ENTRIES, DIARY_LEVEL_MAX, DIARY_LEVEL_MIN } from '../../shared/diary';
import { ErrorMessage } from '../components/ErrorSummary';
import { describedBy } from '../components/Fieldset';
import { TextField } from '../components/TextField';
import { PageHeading } from '../router/page';
import { diaryFieldId, emptyRow, type DiaryRow, type RowField } from './diary-rows';
import './diary.scss';

export function DiaryField({
  id,
  attr,
  label,
  rows,
  onChange,
  error,
  problems,
}: {
  id: string;
  attr: Attribute;
  label: string;
  rows: DiaryRow[];
  onChange: (rows: DiaryRow[]) => void;
  /** A problem with the diary as a whole. */
  error: string | null;
  /** Problems by field id. */
  problems: Record<string, string>;
}) {
  const { t } = useTranslation();
  const max = attr.maxEntries ?? DIARY_DEFAULT_MAX_ENTRIES;
  const hintId = attr.hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const set = (i: number, patch: Partial<DiaryRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const field = (i: number, f: RowField) => diaryFieldId(id, i, f);
  /** The field to focus once a render has put it on the page (see the notes). */
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    const target = focusNext.current && document.getElementById(focusNext.current);
    if (target) {
      focusNext.current = null;
      target.focus();
    }
  });

  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(hintId, errorId)}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--l">
          <PageHeading className="govuk-fieldset__heading">{label}</PageHeading>
        </legend>
        {attr.hint && (
          <div id={hintId!} className="govuk-hint">
            {attr.hint}
          </div>
        )}
        {error && <ErrorMessage id={errorId!} message={error} />}
        {rows.map((r, i) => (
          <fieldset className="govuk-fieldset app-diary-entry" key={i}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
              <h2 className="govuk-fieldset__heading">{t('diary.entry', { n: i + 1 })}</h2>
            </legend>
            <TextField
              id={field(i, 'date')}
              label={t('diary.date')}
              error={problems[field(i, 'date')]}
              value={r.date}
              onChange={(v) => set(i, { date: v })}
              type="date"
              widthClass="govuk-input--width-10"
            />
            <TextField
              id={field(i, 'start')}
              label={t('diary.start')}
              error={problems[field(i, 'start')]}
              value={r.start}
              onChange={(v) => set(i, { start: v })}
              type="time"
              widthClass="govuk-input--width-10"
            />
            <TextField
              id={field(i, 'end')}
              label={t('diary.end')}
              hint={t('diary.endHint')}
              error={problems[field(i, 'end')]}
              value={r.end}
              onChange={(v) => set(i, { end: v })}
              type="time"
              widthClass="govuk-input--width-10"
            />
            <TextField
              id={field(i, 'level')}
              label={t('diary.level')}
              hint={t('diary.levelHint', { min: DIARY_LEVEL_MIN, max: DIARY_LEVEL_MAX })}
              error={problems[field(i, 'level')]}
              value={r.level}
              onChange={(v) => set(i, { level: v })}
              inputMode="numeric"
              widthClass="govuk-input--width-2"
              spellCheck={false}
            />
            <TextField
              id={field(i, 'note')}
              label={t('diary.note')}
              hint={t('diary.noteHint')}
              error={problems[field(i, 'note')]}
              value={r.note}
              onChange={(v) => set(i, { note: v })}
            />
            {rows.length > 1 && (
              <button
                type="button"
                id={`${id}-${i}-remove`}
                className="govuk-button govuk-button--secondary"
                onClick={() => {
                  focusNext.current = field(0, 'date');
                  onChange(rows.filter((_, j) => j !== i));
                }}
              >
                {t('diary.remove', { n: i + 1 })}
              </button>
            )}
          </fieldset>
        ))}
        {rows.length < max ? (
          <button
            type="button"
            id={`${id}-add`}
            className="govuk-button govuk-button--secondary"
            onClick={() => {
              focusNext.current = field(rows.length, 'date');
              onChange([...rows, emptyRow()]);
            }}
          >
            {t('diary.add')}
          </button>
        ) : (
          <p className="govuk-body">{t('diary.full', { count: max })}</p>
        )}
      </fieldset>
    </div>
  );
}
