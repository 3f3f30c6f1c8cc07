/**
 * The report flow's pages under /report/ (a lazily loaded chunk). A page that the draft cannot
 * reach yet (a question of another category, check answers before the questions are answered)
 * sends the resident to the first step still to do.
 */
import { useEffect } from 'react';
import { matchPath, navigate, useLocation } from '../router/router';
import { useCouncil } from '../council/council-context';
import { CategoryPage } from './CategoryPage';
import { CheckAnswersPage } from './CheckAnswersPage';
import { ConfirmationPage } from './ConfirmationPage';
import { DetailsPage } from './DetailsPage';
import { stepPath, stepsFor, STEP_CATEGORY, STEP_CHECK, type Draft } from './draft';
import type { CouncilConfig } from '../../shared/council-config';
import { ReportFlowProvider, useFlow } from './flow-context';
import { QuestionPage } from './QuestionPage';
import { WhatPage } from './WhatPage';
import { WherePage } from './WherePage';

/** The step a path shows, or null for an unknown path. */
function stepOfPath(path: string): string | null {
  const q = matchPath('/report/question/:code', path);
  if (q) return `question/${q.code}`;
  const m = matchPath('/report/:step', path);
  return m ? m.step! : null;
}

/** Where to send the resident instead, or null when the step may be shown. */
export function redirectFor(
  council: CouncilConfig,
  draft: Draft,
  step: string | null,
): string | null {
  const steps = stepsFor(council, draft);
  if (step === null || !steps.includes(step)) return stepPath(STEP_CATEGORY);
  // Every step before this one must have been completed.
  const todo = steps.slice(0, steps.indexOf(step)).find((s) => !draft.seen.includes(s));
  return todo ? stepPath(todo) : null;
}

function Steps() {
  const { path } = useLocation();
  const council = useCouncil();
  const { draft } = useFlow();
  const step = stepOfPath(path);
  const redirect = redirectFor(council, draft, step);
  useEffect(() => {
    if (redirect && redirect !== path) navigate(redirect, { replace: true });
  }, [redirect, path]);
  if (redirect) return null;
  if (step === STEP_CATEGORY) return <CategoryPage />;
  if (step === STEP_CHECK) return <CheckAnswersPage />;
  if (step === 'where') return <WherePage />;
  if (step === 'what') return <WhatPage />;
  if (step === 'details') return <DetailsPage />;
  const code = step?.slice('question/'.length) ?? '';
  return <QuestionPage key={code} code={code} />;
}

export default function ReportFlow() {
  const { path } = useLocation();
  const sent = matchPath('/report/sent/:id', path);
  if (sent) return <ConfirmationPage id={sent.id!} />;
  return (
    <ReportFlowProvider>
      <Steps />
    </ReportFlowProvider>
  );
}
