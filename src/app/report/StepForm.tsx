/** The frame of one step: back link, caption, error summary, the form and its Continue button. */
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BackLink } from '../components/BackLink';
import { ErrorSummary, type FieldError } from '../components/ErrorSummary';
import { useCouncil } from '../council/council-context';
import { navigate, useLocation } from '../router/router';
import { useDocumentTitle } from '../router/page';
import { markSeen, nextStep, previousStep, stepPath, STEP_CHECK, type Draft } from './draft';
import { useFlow } from './flow-context';

/** Navigation for a step: where Back goes and what Continue does. */
export function useStep(step: string) {
  const council = useCouncil();
  const { draft, setDraft } = useFlow();
  const { search } = useLocation();
  const returnToCheck = search.get('return') === 'check';
  const prev = previousStep(council, draft, step);
  const back = returnToCheck ? stepPath(STEP_CHECK) : prev ? stepPath(prev) : '/';
  const goNext = (updated: Draft) => {
    const d = markSeen(updated, step);
    setDraft(d, { now: true });
    const target = nextStep(council, d, step, returnToCheck);
    navigate(stepPath(target) + (returnToCheck && target !== STEP_CHECK ? '?return=check' : ''));
  };
  return { council, draft, setDraft, back, goNext, returnToCheck };
}

export function StepForm({
  title,
  back,
  caption,
  errors,
  onContinue,
  submitLabel,
  children,
  before,
}: {
  /** The step's name for document.title. */
  title: string;
  back: string;
  caption?: string | undefined;
  errors: FieldError[];
  onContinue: () => void;
  submitLabel?: string;
  children: ReactNode;
  /** Content above the form (e.g. guidance), below the error summary. */
  before?: ReactNode;
}) {
  const { t } = useTranslation();
  useDocumentTitle(title, errors.length > 0);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onContinue();
  };
  return (
    <>
      <BackLink to={back} />
      <main className="govuk-main-wrapper" id="main-content">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <ErrorSummary errors={errors} />
            {before}
            {caption && <span className="govuk-caption-l">{caption}</span>}
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
