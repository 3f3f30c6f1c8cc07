/** GOV.UK text input and textarea (with character count), the label optionally the page heading. */
import { useEffect, useState, type HTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../router/page';
import { ErrorMessage } from './ErrorSummary';
import { describedBy } from './Fieldset';

interface LabelProps {
  id: string;
  label: ReactNode;
  asHeading?: boolean | undefined;
  /** Smaller bold label for fields inside a page with its own heading. */
  labelSize?: 's' | 'm' | undefined;
}

function Label({ id, label, asHeading, labelSize }: LabelProps) {
  if (asHeading) {
    return (
      <PageHeading className="govuk-label-wrapper">
        <label className="govuk-label govuk-label--l" htmlFor={id}>
          {label}
        </label>
      </PageHeading>
    );
  }
  return (
    <label className={`govuk-label${labelSize ? ` govuk-label--${labelSize}` : ''}`} htmlFor={id}>
      {label}
    </label>
  );
}

interface FieldProps extends LabelProps {
  hint?: ReactNode;
  error?: string | null | undefined;
  value: string;
  onChange: (value: string) => void;
}

export function TextField({
  id,
  label,
  asHeading,
  labelSize,
  hint,
  error,
  value,
  onChange,
  widthClass,
  type = 'text',
  inputMode,
  autoComplete,
  spellCheck,
}: FieldProps & {
  widthClass?: string | undefined;
  type?: 'text' | 'email' | 'tel' | 'datetime-local' | 'date' | 'time';
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  autoComplete?: string;
  spellCheck?: boolean;
}) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <Label id={id} label={label} asHeading={asHeading} labelSize={labelSize} />
      {hint && (
        <div id={hintId!} className="govuk-hint">
          {hint}
        </div>
      )}
      {error && <ErrorMessage id={errorId!} message={error} />}
      <input
        className={`govuk-input${widthClass ? ` ${widthClass}` : ''}${error ? ' govuk-input--error' : ''}`}
        id={id}
        name={id}
        type={type}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        aria-describedby={describedBy(hintId, errorId)}
        inputMode={inputMode}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
      />
    </div>
  );
}

/**
 * Textarea with GOV.UK's character count: a static message for assistive technology that reads
 * it once, and a live count announced after typing pauses (as GOV.UK Frontend does).
 */
export function TextAreaField({
  id,
  label,
  asHeading,
  labelSize,
  hint,
  error,
  value,
  onChange,
  maxLength,
  rows = 5,
}: FieldProps & { maxLength: number; rows?: number }) {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const infoId = `${id}-info`;
  const remaining = maxLength - value.length;
  const status =
    remaining >= 0
      ? t('characterCount.remaining', { count: remaining })
      : t('characterCount.tooMany', { count: -remaining });
  const [announced, setAnnounced] = useState(status);
  useEffect(() => {
    const timer = setTimeout(() => setAnnounced(status), 1000);
    return () => clearTimeout(timer);
  }, [status]);
  const over = remaining < 0;
  return (
    <div
      className={`govuk-form-group govuk-character-count${error ? ' govuk-form-group--error' : ''}`}
    >
      <Label id={id} label={label} asHeading={asHeading} labelSize={labelSize} />
      {hint && (
        <div id={hintId!} className="govuk-hint">
          {hint}
        </div>
      )}
      {error && <ErrorMessage id={errorId!} message={error} />}
      <textarea
        className={`govuk-textarea govuk-js-character-count${error || over ? ' govuk-textarea--error' : ''}`}
        id={id}
        name={id}
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        aria-describedby={describedBy(hintId, errorId, infoId)}
      />
      <div id={infoId} className="govuk-hint govuk-character-count__message govuk-visually-hidden">
        {t('characterCount.limit', { count: maxLength })}
      </div>
      <div
        className={`govuk-character-count__message govuk-character-count__status ${over ? 'govuk-error-message' : 'govuk-hint'}`}
        aria-hidden="true"
      >
        {status}
      </div>
      <div className="govuk-character-count__sr-status govuk-visually-hidden" aria-live="polite">
        {announced}
      </div>
    </div>
  );
}
