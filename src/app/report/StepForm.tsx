/** The frame of one step: back link, caption, error summary, the form and its Continue button. */
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BackLink } from '../components/BackLink';
import { ErrorSummary, type FieldError } from '../components/ErrorSummary';
import { useCouncil } from '../council/council-context';
import { navigate, useLocation } from '../router/router';
import { useDocumentTitle } from '../router/page';
import { IN_DANGER_CODE } from '../../shared/risk';
import { InDangerBanner } from '../safety/InDangerBanner';
import {
  isSensitive,
  markSeen,
  nextStep,
  previousStep,
  questionStep,
  stepPath,
  STEP_CHECK,
  type Draft,
} from './draft';
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
    // A sensitive flow keeps one history entry, so Back after "Exit this page" leaves the form.
    navigate(stepPath(target) + (returnToCheck && target !== STEP_CHECK ? '?return=check' : ''), {
      replace: isSensitive(council, d),
    });
  };
  return { council, draft, setDraft, back, goNext, returnToCheck, step };
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
  const { draft } = useFlow();
  const { path } = useLocation();
  useDocumentTitle(title, errors.length > 0);
  // Once the resident has said they are in danger, every later page says to call 999 first.
  const inDanger =
    draft.answers[IN_DANGER_CODE] === 'yes' && path !== stepPath(questionStep(IN_DANGER_CODE));
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
            {inDanger && <InDangerBanner />}
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
