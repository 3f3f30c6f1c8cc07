/**
 * One of the category's questions (an Open311 attribute), rendered by its datatype: radios,
 * checkboxes, a text input, a textarea with a character count, a number or a date and time.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attribute } from '../../shared/council-config';
import type { AnswerValue } from '../../shared/report';
import { CheckboxesField, RadiosField } from '../components/ChoiceField';
import { TextAreaField, TextField } from '../components/TextField';
import { answerError, maxLengthOf } from './answer-errors';
import { findService, questionsOf, questionStep } from './draft';
import { StepForm, useStep } from './StepForm';

export const answerFieldId = (code: string) => `answer-${code}`;

/** The input for one question; shared by the page and its tests. */
export function QuestionInput({
  attr,
  value,
  onChange,
  error,
}: {
  attr: Attribute;
  value: AnswerValue | undefined;
  onChange: (v: AnswerValue) => void;
  error: string | null;
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
    case 'multivaluelist':
      return (
        <CheckboxesField
          id={id}
          name={id}
          legend={label}
          asHeading
          hint={attr.hint ?? t('question.selectAll')}
          error={error}
          choices={choices}
          value={Array.isArray(value) ? value : value ? [value] : []}
          onChange={onChange}
        />
      );
    case 'text':
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
  const attr = questions.find((a) => a.code === code);
  const [error, setError] = useState<string | null>(null);
  if (!service || !attr) return null; // ReportFlow redirects before this renders

  const value = draft.answers[code];
  const onChange = (v: AnswerValue) => {
    setDraft({ ...draft, answers: { ...draft.answers, [code]: v } });
  };
  const onContinue = () => {
    const message = answerError(t, attr, value);
    setError(message);
    if (!message) goNext(draft);
  };
  const isFirst = questions[0]?.code === code;
  return (
    <StepForm
      title={attr.description}
      back={back}
      caption={service.service_name}
      errors={error ? [{ field: answerFieldId(code), message: error }] : []}
      onContinue={onContinue}
      before={
        isFirst && service.group === 'Personal' ? (
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">{t('common.warning')}</span>
              {t('question.personalWarning', {
                emergency: council.contacts.emergency,
                police: council.contacts.police,
              })}
            </strong>
          </div>
        ) : undefined
      }
    >
      <QuestionInput attr={attr} value={value} onChange={onChange} error={error} />
    </StepForm>
  );
}
