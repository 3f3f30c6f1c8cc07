/**
 * The report flow's pages under /report/ (a lazily loaded chunk). A page that the draft cannot
 * reach yet (a question of another category, check answers before the questions are answered)
 * sends the resident to the first step still to do. Sensitive categories get "Exit this page"
 * on every page.
 */
import { useEffect, type ComponentType } from 'react';
import { matchPath, navigate, useLocation } from '../router/router';
import { useCouncil } from '../council/council-context';
import { CategoryPage } from './CategoryPage';
import { CheckAnswersPage } from './CheckAnswersPage';
import { ConfirmationPage } from './ConfirmationPage';
import { DetailsPage } from './DetailsPage';
import {
  findService,
  stepPath,
  stepsFor,
  STEP_CATEGORY,
  STEP_CHECK,
  STEP_DETAILS,
  STEP_EMERGENCY,
  STEP_RISK_INTRO,
  STEP_WHAT,
  STEP_WHERE,
  type Draft,
} from './draft';
import type { CouncilConfig } from '../../shared/council-config';
import { EmergencyPage } from '../safety/EmergencyPage';
import { ExitThisPage } from '../safety/ExitThisPage';
import { ReportFlowProvider, useFlow } from './flow-context';
import { QuestionPage } from './QuestionPage';
import { RiskIntroPage } from './RiskIntroPage';
import { WhatPage } from './WhatPage';
import { WherePage } from './WherePage';
import { EvidencePage } from '../media/EvidencePage';
import { STEP_MEDIA } from '../media/media-step';

/** The page of each fixed step (the order is `FLOW` in draft.ts); questions use QuestionPage. */
const PAGES: Record<string, ComponentType> = {
  [STEP_CATEGORY]: CategoryPage,
  [STEP_EMERGENCY]: EmergencyPage,
  [STEP_RISK_INTRO]: RiskIntroPage,
  [STEP_MEDIA]: EvidencePage,
  [STEP_WHERE]: WherePage,
  [STEP_WHAT]: WhatPage,
  [STEP_DETAILS]: DetailsPage,
  [STEP_CHECK]: CheckAnswersPage,
};

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
  // No category the council offers (none chosen yet, or withdrawn since a refused report was
  // made): nothing after the category can be shown, so it is chosen (again) first.
  if (step !== STEP_CATEGORY && !findService(council, draft.serviceCode)) {
    return stepPath(STEP_CATEGORY);
  }
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
  const Fixed = step ? PAGES[step] : undefined;
  const code = step?.slice('question/'.length) ?? '';
  return (
    <>
      {findService(council, draft.serviceCode)?.sensitive && <ExitThisPage />}
      {Fixed ? <Fixed /> : <QuestionPage key={code} code={code} />}
    </>
  );
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
