/**
 * The privacy commands of `npm run admin` (admin/commands.ts hands them over here): the access
 * audit, people's rights (find, export, erase or anonymise, correct) and one run of the retention
 * job. They call the same code as the staff console (privacy/*), check input with the same
 * shared schemas, and audit their rights work as `admin_cli` with the operating system's user.
 *
 * Notes
 * - Erasing or anonymising changes nothing without --yes: the command first prints what it would
 *   do, so an administrator sees the count before anything is lost.
 * - An export is written to a new file only (never over an existing one).
 */
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { z } from 'zod';
import { formatConfigError, type CouncilConfig } from '../../shared/council-config';
import {
  AuditQuerySchema,
  CorrectFormSchema,
  EraseFormSchema,
  SubjectSchema,
  type AuditLine,
  type Subject,
} from '../../shared/privacy-api';
import type { MediaFiles } from '../media/media-files';
import { auditCsv, queryAudit } from '../privacy/audit-query';
import { runRetention } from '../privacy/retention';
import { normaliseReference } from '../reports/reference';
import {
  auditFind,
  correctContact,
  eraseSubject,
  exportSubject,
  findSubject,
  type Actor,
  type SubjectRecords,
} from '../privacy/rights';
import type { Store } from '../store/store';

export const PRIVACY_USAGE = `  audit [--actor <email>] [--report <reference>] [--from <YYYY-MM-DD>] [--to <YYYY-MM-DD>]
      [--limit <n>] [--before <next>] [--csv]
      reads of Personal reports and rights work, newest first (default limit 200, at most 1000)
  rights find (--email <email> | --phone <phone> | --reference <reference>)
  rights export (--email ... | --phone ... | --reference ...) --out <file.tar.gz>
  rights erase (--email ... | --phone ... | --reference ...) --mode erase|anonymise
      --reason "<why>" --yes      without --yes, says what it would do and changes nothing
  rights correct --reference <reference> --field email|phone|first_name|last_name
      --value "<new value, empty to remove>" --reason "<why>"
  retention run      applies the council's retention schedule once; prints counts`;

export interface PrivacyCommandTools {
  out(line: string): void;
  /** The value of an option given at most once; undefined when not given. */
  optional(name: string): string | undefined;
  flag(name: string): boolean;
  /** Who runs the command, as the audit records them. */
  actor: Actor;
  council(): Promise<CouncilConfig>;
  media(): Promise<MediaFiles>;
}

/** Parses with a shared schema; the error names each option and what to fix. */
function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) {
    throw new Error(
      formatConfigError(r.error)
        .split('\n')
        .map((l) => `--${l}`)
        .join('\n'),
    );
  }
  return r.data;
}

/** Runs a privacy command; null when the command is not one of these. */
export async function runPrivacyCommand(
  store: Store,
  command: string,
  sub: string | undefined,
  tools: PrivacyCommandTools,
): Promise<number | null> {
  switch (command) {
    case 'audit':
      return audit(store, tools);
    case 'rights':
      return rights(store, sub, tools);
    case 'retention':
      if (sub !== 'run') throw new Error('use "retention run"');
      return retention(store, tools);
    default:
      return null;
  }
}

/** Columns padded to their widest value; the detail last, as it is. */
function table(lines: readonly AuditLine[]): string[] {
  const rows = [
    ['at', 'action', 'actor', 'report', 'detail'],
    ...lines.map((l) => [l.at, l.action, l.actor, l.report ?? '-', l.detail]),
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((cell, i) => (i < 4 ? cell.padEnd(widths[i]!) : cell))
      .join('  ')
      .trimEnd(),
  );
}

async function audit(store: Store, tools: PrivacyCommandTools): Promise<number> {
  const q = parse(
    AuditQuerySchema,
    Object.fromEntries(
      ['report', 'actor', 'from', 'to', 'before', 'limit'].map((n) => [n, tools.optional(n)]),
    ),
  );
  const page = await queryAudit(store, await tools.council(), q);
  if (!page.ok) throw new Error(`--${page.error}`);
  const { entries, next } = page.value;
  if (tools.flag('csv')) {
    tools.out(auditCsv(entries).trimEnd());
    return 0;
  }
  if (!entries.length) tools.out('No audit entries match.');
  else for (const line of table(entries)) tools.out(line);
  if (next) tools.out(`More entries: run again with --before ${next}`);
  return 0;
}

function subjectOf(tools: PrivacyCommandTools): Subject {
  return parse(SubjectSchema, {
    email: tools.optional('email'),
    phone: tools.optional('phone'),
    reference: tools.optional('reference'),
  });
}

async function found(
  store: Store,
  council: CouncilConfig,
  subject: Subject,
): Promise<SubjectRecords> {
  const records = await findSubject(store, council, subject);
  if (!records) throw new Error(`--reference: "${subject.reference}" is not a reference of ours`);
  return records;
}

function printSummary(tools: PrivacyCommandTools, r: SubjectRecords): void {
  const s = r.summary;
  tools.out(`Reports: ${s.reports.length ? s.reports.join(', ') : 'none'}`);
  tools.out(
    `Updates ${s.updates}, survey answers ${s.surveys}, media ${s.media}, case reviews ${s.case_reviews}, centre filings ${s.centre_filings}, audit entries ${s.audit_entries}`,
  );
  if (s.held.length) tools.out(`On legal hold (kept when erasing): ${s.held.join(', ')}`);
  if (s.truncated) tools.out('More reports matched than one run handles: run it again after.');
}

async function rights(
  store: Store,
  sub: string | undefined,
  tools: PrivacyCommandTools,
): Promise<number> {
  const council = await tools.council();
  switch (sub) {
    case 'find': {
      const subject = subjectOf(tools);
      const records = await found(store, council, subject);
      await auditFind(store, tools.actor, subject, records);
      printSummary(tools, records);
      return 0;
    }
    case 'export': {
      const subject = subjectOf(tools);
      const out = tools.optional('out');
      if (!out) throw new Error('give --out <file.tar.gz>, a file that does not exist yet');
      const records = await found(store, council, subject);
      const file = createWriteStream(out, { flags: 'wx' });
      // Open the file first, so an existing file is refused before the export is audited.
      await new Promise<void>((resolve, reject) => {
        file.once('open', () => resolve());
        file.once('error', (e: NodeJS.ErrnoException) =>
          reject(new Error(e.code === 'EEXIST' ? `--out: ${out} already exists` : e.message)),
        );
      });
      const stream = await exportSubject(store, await tools.media(), tools.actor, subject, records);
      await pipeline(stream, file);
      printSummary(tools, records);
      tools.out(`Written to ${out}.`);
      return 0;
    }
    case 'erase': {
      const subject = subjectOf(tools);
      const f = parse(EraseFormSchema, {
        mode: tools.optional('mode') ?? '',
        reason: tools.optional('reason') ?? '',
      });
      const records = await found(store, council, subject);
      if (!tools.flag('yes')) {
        printSummary(tools, records);
        tools.out(`Nothing changed. To ${f.mode} these records, run again with --yes.`);
        return 1;
      }
      const done = await eraseSubject(
        store,
        council,
        await tools.media(),
        tools.actor,
        records,
        f.mode,
        f.reason,
      );
      tools.out(
        `${done.mode === 'erase' ? 'Erased' : 'Anonymised'} ${done.reports} reports, ${done.caseReviews} case reviews, ${done.mediaFiles} media files.`,
      );
      if (done.held.length) tools.out(`Kept on legal hold: ${done.held.join(', ')}`);
      return 0;
    }
    case 'correct': {
      const f = parse(CorrectFormSchema, {
        reference: tools.optional('reference') ?? '',
        field: tools.optional('field') ?? '',
        value: tools.optional('value') ?? '',
        reason: tools.optional('reason') ?? '',
      });
      if (!(await correctContact(store, council, tools.actor, f))) {
        throw new Error(`there is no report with the reference "${f.reference}"`);
      }
      tools.out(
        `Corrected ${f.field} of ${normaliseReference(f.reference, council.referencePrefix)}.`,
      );
      return 0;
    }
    default:
      throw new Error('use "rights find", "rights export", "rights erase" or "rights correct"');
  }
}

async function retention(store: Store, tools: PrivacyCommandTools): Promise<number> {
  const outcome = await runRetention(store, await tools.council(), await tools.media(), new Date());
  if (!outcome.ran) {
    tools.out('The retention job is running elsewhere (another instance holds its lease).');
    return 1;
  }
  const c = outcome.counts;
  tools.out(`Reports anonymised: ${c.reportsAnonymised}`);
  tools.out(`Reports whose media were deleted: ${c.reportsMediaDeleted}`);
  tools.out(`Media files deleted: ${c.mediaFilesDeleted}`);
  tools.out(`Centre filings cleared: ${c.centreFilingsCleared}`);
  tools.out(`Audit entries deleted: ${c.auditEntriesDeleted}`);
  tools.out(`Contact lookup keys written: ${c.contactKeysWritten}`);
  return 0;
}
