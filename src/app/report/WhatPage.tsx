/** What happened: the report's description (Open311 `description`), at most 4,000 characters. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DESCRIPTION_MAX } from '../../shared/report';
import { TextAreaField } from '../components/TextField';
import { descriptionOptional, findService, STEP_WHAT } from './draft';
import { StepForm, useStep } from './StepForm';

export function WhatPage() {
  const { t } = useTranslation();
  const { council, draft, setDraft, back, goNext } = useStep(STEP_WHAT);
  const [error, setError] = useState<string | null>(null);
  const service = findService(council, draft.serviceCode);
  const optional = descriptionOptional(council, draft);
  const title = optional ? t('what.titleOptional') : t('what.title');

  const onContinue = () => {
    const text = draft.description.trim();
    const message =
      !text && !optional
        ? t('what.errors.required')
        : text.length > DESCRIPTION_MAX
          ? t('what.errors.tooLong', { max: DESCRIPTION_MAX })
          : null;
    setError(message);
    if (!message) goNext(draft);
  };

  return (
    <StepForm
      title={title}
      back={back}
      caption={service?.service_name}
      errors={error ? [{ field: 'what-description', message: error }] : []}
      onContinue={onContinue}
    >
      <TextAreaField
        id="what-description"
        label={title}
        asHeading
        hint={t('what.hint')}
        error={error}
        value={draft.description}
        onChange={(v) => setDraft({ ...draft, description: v })}
        maxLength={DESCRIPTION_MAX}
        rows={8}
      />
    </StepForm>
  );
}
