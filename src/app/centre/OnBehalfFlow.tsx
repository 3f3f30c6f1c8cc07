/**
 * /centre/new: a report on a victim's behalf, one question per page as in the resident flow. What
 * is entered, photos too, stays in memory (on-behalf.ts) until "Save and send" seals it into the
 * tablet's outbox; the steps change without adding history entries, so Back after "Exit this
 * page" does not return to the form.
 */
import { useState } from 'react';
import type { FieldError } from '../components/ErrorSummary';
import { useCouncil } from '../council/council-context';
import { navigate } from '../router/router';
import { useCentreSession } from './centre-session';
import { OnBehalfCheck } from './OnBehalfCheck';
import {
  CategoryStep,
  ConsentStep,
  ContactStep,
  MediaStep,
  QuestionStep,
  WhatStep,
  WhereStep,
} from './OnBehalfSteps';
import {
  newOnBehalf,
  STEP_CATEGORY,
  STEP_CHECK,
  STEP_CONSENT,
  STEP_CONTACT,
  STEP_MEDIA,
  STEP_WHAT,
  STEP_WHERE,
  stepsFor,
  type OnBehalf,
} from './on-behalf';
import type { StepProps } from './StepFrame';

export function OnBehalfFlow({ onSaved }: { onSaved: () => void }) {
  const council = useCouncil();
  const { state } = useCentreSession();
  const [form, setForm] = useState<OnBehalf>(() => newOnBehalf(council));
  const [step, setStep] = useState(STEP_CONSENT);
  const [fromCheck, setFromCheck] = useState(false);
  const [stepErrors, setStepErrors] = useState<FieldError[]>([]);

  const steps = stepsFor(council, form);
  const go = (to: string, errors: FieldError[] = []) => {
    setStepErrors(errors);
    setStep(to);
    window.scrollTo?.(0, 0);
  };
  const set: StepProps['set'] = (patch) =>
    setForm((f) => ({ ...f, ...(typeof patch === 'function' ? patch(f) : patch) }));
  const next = () => {
    // The steps after this one follow from the answers just given.
    const all = stepsFor(council, form);
    go(fromCheck ? STEP_CHECK : (all[all.indexOf(step) + 1] ?? STEP_CHECK));
  };
  const back = () => {
    const i = steps.indexOf(step);
    if (fromCheck && step !== STEP_CHECK) go(STEP_CHECK);
    else if (i <= 0) navigate('/centre');
    else go(steps[i - 1]!);
  };
  const change = (to: string, errors: FieldError[] = []) => {
    setFromCheck(true);
    go(to, errors);
  };

  if (state.kind !== 'in') return null;
  // A step no longer in the flow (an answer changed) falls back to the first one.
  const current = steps.includes(step) ? step : STEP_CONSENT;
  const props: StepProps = { form, set, next, back, initialErrors: stepErrors };
  switch (current) {
    case STEP_CONSENT:
      return <ConsentStep key={current} {...props} />;
    case STEP_CONTACT:
      return <ContactStep key={current} {...props} />;
    case STEP_CATEGORY:
      return <CategoryStep key={current} {...props} />;
    case STEP_MEDIA:
      return <MediaStep key={current} {...props} />;
    case STEP_WHERE:
      return <WhereStep key={current} {...props} />;
    case STEP_WHAT:
      return <WhatStep key={current} {...props} />;
    case STEP_CHECK:
      return <OnBehalfCheck form={form} change={change} back={back} onSaved={onSaved} />;
    default:
      return <QuestionStep key={current} {...props} code={current.slice('question/'.length)} />;
  }
}
