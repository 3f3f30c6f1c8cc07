/**
 * One of the category's questions (an Open311 attribute), rendered by its datatype: radios,
 * checkboxes (an exclusive answer such as "None" clears the others, and the others clear it), a
 * text input, a textarea with a character count, a number, a date and time, or a diary.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attribute } from '../../shared/council-config';
import type { AnswerValue } from '../../shared/report';
import { CheckboxesField, RadiosField } from '../components/ChoiceField';
import type { FieldError } from '../components/ErrorSummary';
import { TextAreaField, TextField } from '../components/TextField';
import { answerError, diaryErrors, maxLengthOf } from './answer-errors';
import { displayAttribute } from './attribute-text';
import { DiaryField } from './DiaryField';
import { rowsOf, valueOfRows } from './diary-rows';
import { askedQuestions, findService, isRiskQuestion, questionsOf, questionStep } from './draft';
import { StepForm, useStep } from './StepForm';

export const answerFieldId = (code: string) => `answer-${code}`;

/** A checkbox answer after a change: an exclusive answer stands alone. */
export function withExclusive(attr: Attribute, before: string[], after: string[]): string[] {
  const exclusive = attr.exclusive ?? [];
  const added = after.filter((v) => !before.includes(v));
  if (added.some((v) => exclusive.includes(v))) return added.filter((v) => exclusive.includes(v));
  if (added.length) return after.filter((v) => !exclusive.includes(v));
  return after;
}

/** The input for one question; shared by the page and its tests. */
export function QuestionInput({
  attr,
  value,
  onChange,
  error,
  problems = {},
}: {
  attr: Attribute;
  value: AnswerValue | undefined;
  onChange: (v: AnswerValue) => void;
  error: string | null;
  /** Problems by field id, for questions with several fields (a diary). */
  problems?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const id = answerFieldId(attr.code);
  const label = attr.required
    ? attr.description
    : t('common.optionalLabel', { label: attr.description });
  const choices = (attr.values ?? []).map((v) => ({ value: v.key, label: v.name }));
  const str = typeof value === 'string' ? value : '';
  switch (attr.datatype) {
    case 'singlevaluelist':
      return (
        <RadiosField
          id={id}
          name={id}
          legend={label}
          asHeading
          hint={attr.hint}
          error={error}
          choices={choices}
          value={str || undefined}
          onChange={onChange}
        />
      );
    case 'multivaluelist': {
      const current = Array.isArray(value) ? value : value ? [value] : [];
      const exclusive = new Set(attr.exclusive ?? []);
      return (
        <CheckboxesField
          id={id}
          name={id}
          legend={label}
          asHeading
          hint={attr.hint ?? t('question.selectAll')}
          error={error}
          choices={choices.map((c, i) =>
            // GOV.UK puts "or" above an answer that stands alone.
            exclusive.has(c.value) && i > 0 ? { ...c, divider: t('question.or') } : c,
          )}
          value={current}
          onChange={(next) => onChange(withExclusive(attr, current, next))}
        />
      );
    }
    case 'text':
      if (attr.format === 'diary') {
        return (
          <DiaryField
            id={id}
            attr={attr}
            label={label}
            rows={rowsOf(value)}
            onChange={(rows) => onChange(valueOfRows(rows))}
            error={error}
            problems={problems}
          />
        );
      }
      return (
        <TextAreaField
          id={id}
          label={label}
          asHeading
          hint={attr.hint}
          error={error}
          value={str}
          onChange={onChange}
          maxLength={maxLengthOf(attr)}
        />
      );
    case 'number': {
      const range =
        attr.min !== undefined && attr.max !== undefined
          ? t('question.numberRange', { min: attr.min, max: attr.max })
          : undefined;
      return (
        <TextField
          id={id}
          label={label}
          asHeading
          hint={[attr.hint, range].filter(Boolean).join(' ') || undefined}
          error={error}
          value={str}
          onChange={onChange}
          widthClass="govuk-input--width-4"
          inputMode="decimal"
          spellCheck={false}
        />
      );
    }
    case 'datetime':
      return (
        <TextField
          id={id}
          label={label}
          asHeading
          hint={attr.hint ?? t('question.datetimeHint')}
          error={error}
          value={str}
          onChange={onChange}
          type="datetime-local"
          widthClass="govuk-input--width-20"
        />
      );
    case 'string': {
      const max = maxLengthOf(attr);
      return (
        <TextField
          id={id}
          label={label}
          asHeading
          hint={attr.hint}
          error={error}
          value={str}
          onChange={onChange}
          widthClass={
            max <= 10 ? 'govuk-input--width-10' : max <= 20 ? 'govuk-input--width-20' : undefined
          }
          spellCheck={max > 20}
        />
      );
    }
  }
}

export function QuestionPage({ code }: { code: string }) {
  const { t } = useTranslation();
  const step = questionStep(code);
  const { council, draft, setDraft, back, goNext } = useStep(step);
  const service = findService(council, draft.serviceCode);
  const questions = service ? questionsOf(council, service) : [];
  const found = questions.find((a) => a.code === code);
  const [errors, setErrors] = useState<FieldError[]>([]);
  if (!service || !found) return null; // ReportFlow redirects before this renders
  const attr = displayAttribute(t, council, found);

  const value = draft.answers[code];
  const onChange = (v: AnswerValue) => {
    setDraft({ ...draft, answers: { ...draft.answers, [code]: v } });
  };
  const onContinue = () => {
    const found =
      attr.format === 'diary'
        ? diaryErrors(t, attr, value, answerFieldId(code))
        : [answerError(t, attr, value)]
            .filter((m): m is string => m !== null)
            .map((message) => ({ field: answerFieldId(code), message }));
    setErrors(found);
    if (found.length === 0) goNext(draft);
  };
  // The risk questions are a group of their own: "Your safety: question 2 of 7".
  const risk = askedQuestions(council, service, draft.answers).filter(isRiskQuestion);
  const riskIndex = risk.findIndex((q) => q.code === code);
  const caption =
    riskIndex >= 0
      ? t('risk.caption', { n: riskIndex + 1, total: risk.length })
      : service.service_name;
  const own = errors.find((e) => e.field === answerFieldId(code));
  return (
    <StepForm
      title={attr.description}
      back={back}
      caption={caption}
      errors={errors}
      onContinue={onContinue}
    >
      <QuestionInput
        attr={attr}
        value={value}
        onChange={onChange}
        error={attr.format === 'diary' ? null : (own?.message ?? null)}
        problems={Object.fromEntries(errors.map((e) => [e.field, e.message]))}
      />
    </StepForm>
  );
}
