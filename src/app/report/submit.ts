/**
 * Turning the draft into a report for the outbox: validated with the shared schema and the
 * council's rules (the same checks the server makes), so a report that leaves the phone is one the
 * server will take, unless the council changed its configuration meanwhile.
 */
import type { CouncilConfig } from '../../shared/council-config';
import {
  problemsFromZod,
  ReportSubmissionSchema,
  validateForCouncil,
  type FieldProblem,
  type ReportSubmission,
} from '../../shared/report';
import { err, ok, type Result } from '../../shared/result';
import {
  questionStep,
  STEP_CATEGORY,
  STEP_DETAILS,
  STEP_WHAT,
  STEP_WHERE,
  toSubmission,
  type Draft,
} from './draft';

/** The step of the flow where a wire field is answered. */
export function stepOfField(field: string): string {
  const attr = /^attribute\[(.+)\]$/.exec(field);
  if (attr) return questionStep(attr[1]!);
  switch (field) {
    case 'service_code':
      return STEP_CATEGORY;
    case 'lat':
    case 'long':
    case 'address_string':
    case 'address_id':
      return STEP_WHERE;
    case 'description':
      return STEP_WHAT;
    default:
      return STEP_DETAILS;
  }
}

export interface StepProblem extends FieldProblem {
  step: string;
}

/** The draft as a valid submission, or the problems grouped by the step that fixes them. */
export function prepareSubmission(
  council: CouncilConfig,
  draft: Draft,
): Result<ReportSubmission, StepProblem[]> {
  const parsed = ReportSubmissionSchema.safeParse(toSubmission(council, draft));
  if (!parsed.success) {
    return err(problemsFromZod(parsed.error).map((p) => ({ ...p, step: stepOfField(p.field) })));
  }
  // The server adds what it computes itself (the PSPO flag); the phone must not send it.
  const checked = validateForCouncil(parsed.data, council, { computed: false });
  if (!checked.ok) return err(checked.problems.map((p) => ({ ...p, step: stepOfField(p.field) })));
  return ok(checked.report);
}
