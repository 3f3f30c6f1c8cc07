/** Checks on what the UI hands to the outbox, before anything is written. */
import { z } from 'zod';
import {
  problemsFromZod,
  ReportSubmissionSchema,
  type ReportSubmissionInput,
} from '../../shared/report';
import { err, ok, type Result } from '../../shared/result';
import {
  SummarySchema,
  describeProblem,
  type MediaInput,
  type OutboxRecord,
  type ReportSummary,
} from './schema';

const MediaInputSchema = z.object({
  bytes: z.custom<ArrayBuffer>(
    (v) => Object.prototype.toString.call(v) === '[object ArrayBuffer]',
    'must be an ArrayBuffer (not a Blob or File)',
  ),
  type: z.string().max(200),
  name: z.string().max(500),
});

/**
 * Editable: refused by the council, or queued and never handed to the network. A report that may
 * have reached the council under its key must not change (the server would refuse the new body).
 */
export function isEditable(r: OutboxRecord): boolean {
  if (r.state === 'needs-attention') return true;
  return r.state === 'queued' && r.attempts === 0 && r.lastErrorKind === null;
}

export function checkInput(
  report: ReportSubmissionInput,
  media: MediaInput[],
  summary: ReportSummary,
): Result<{ report: OutboxRecord['report']; summary: ReportSummary }, string> {
  const r = ReportSubmissionSchema.safeParse(report);
  if (!r.success) {
    const problems = problemsFromZod(r.error).map((p) => `${p.field}: ${p.message}`);
    return err(`invalid-report: ${problems.join('; ')}`);
  }
  const s = SummarySchema.safeParse(summary);
  if (!s.success) return err(`invalid-summary: ${describeProblem(s.error)}`);
  for (const [i, m] of media.entries()) {
    const checked = MediaInputSchema.safeParse(m);
    if (!checked.success) return err(`invalid-media: item ${i}: ${describeProblem(checked.error)}`);
  }
  return ok({ report: r.data, summary: s.data });
}

export function isUuid(id: string): boolean {
  return z.uuid().safeParse(id).success;
}
