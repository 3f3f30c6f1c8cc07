/** One step of a centre report: back link, error summary, the form and its button. */
import type { FormEvent, MouseEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, type FieldError } from '../components/ErrorSummary';
import { useDocumentTitle } from '../router/page';
import type { OnBehalf } from './on-behalf';

export interface StepProps {
  form: OnBehalf;
  /** A change, or a function of the form as it is then (for work that finishes later). */
  set: (patch: Partial<OnBehalf> | ((form: OnBehalf) => Partial<OnBehalf>)) => void;
  /** Validated by the step: go on. */
  next: () => void;
  back: () => void;
  /** Problems found on the check page that this step fixes. */
  initialErrors: FieldError[];
}

export function StepFrame({
  title,
  errors,
  onBack,
  onSubmit,
  submitLabel,
  children,
}: {
  title: string;
  errors: FieldError[];
  onBack: () => void;
  onSubmit: () => void;
  submitLabel?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  useDocumentTitle(title, errors.length > 0);
  const back = (e: MouseEvent) => {
    e.preventDefault();
    onBack();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <>
      <a href="/centre" className="govuk-back-link" onClick={back}>
        {t('common.back')}
      </a>
      <main className="govuk-main-wrapper" id="main-content">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <ErrorSummary errors={errors} />
            <span className="govuk-caption-l">{t('centre.form.caption')}</span>
            <form onSubmit={submit} noValidate>
              {children}
              <button type="submit" className="govuk-button">
                {submitLabel ?? t('common.continue')}
              </button>
            </form>
          </div>
        </div>
      </main>
    </>
  );
}
