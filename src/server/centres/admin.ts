/**
 * The reporting-centre commands of `npm run admin` (admin/commands.ts hands them over here):
 * centres and their users, and reading the audit log of centre reports. Passwords are read like
 * staff passwords (hidden prompt or stdin).
 *
 * Notes
 * - `centre-audit` is how the council answers "who has looked at this victim's report?": every
 *   read and write of a centre report by staff, integrations and centres, newest first, as
 *   tab-separated lines with the actor in words (email or API key name). Filters: one report,
 *   the reports of one centre, a date range (UTC days, both ends included).
 */
import { normaliseReference } from '../reports/reference';
import { normaliseEmail } from '../staff/accounts';
import { hashPassword } from '../staff/passwords';
import type { Store } from '../store/store';
import { createCentre, createCentreUser } from './accounts';

export const CENTRE_USAGE = `  create-centre --code <code> --name "<name>"
      code: 2 to 40 lower-case letters, digits and "-", e.g. northgate-library
  create-centre-user --centre <code> --email <email> --name "<name>" [--password-stdin]
  reset-centre-password --email <email> [--password-stdin]
  disable-centre-user --email <email>
  list-centres
  centre-audit [--report <reference>] [--centre <code>] [--from <YYYY-MM-DD>] [--to <YYYY-MM-DD>]
      [--limit <n>]   who read or changed centre reports, newest first (default limit 200)`;

export interface CentreCommandTools {
  out(line: string): void;
  /** The one value of an option; throws naming it when missing or repeated. */
  one(name: string): string;
  /** The value of an option given at most once; undefined when not given. */
  optional(name: string): string | undefined;
  /** Asks for a new password (checked, asked twice at a prompt). */
  newPassword(): Promise<string>;
}

/** Runs a centre command; null when the command is not one of these. */
export async function runCentreCommand(
  store: Store,
  command: string,
  tools: CentreCommandTools,
): Promise<number | null> {
  switch (command) {
    case 'create-centre': {
      const made = await createCentre(store, { code: tools.one('code'), name: tools.one('name') });
      if (!made.ok) throw new Error(made.error);
      tools.out(`Created centre ${made.value.code} (${made.value.name}).`);
      return 0;
    }
    case 'create-centre-user': {
      const centreCode = tools.one('centre');
      const email = tools.one('email');
      const name = tools.one('name');
      const password = await tools.newPassword();
      const made = await createCentreUser(store, { centreCode, email, name, password });
      if (!made.ok) throw new Error(made.error);
      tools.out(
        `Created centre user ${made.value.email} (${made.value.name}) for ${centreCode.toLowerCase()}.`,
      );
      return 0;
    }
    case 'reset-centre-password': {
      const email = normaliseEmail(tools.one('email'));
      const password = await tools.newPassword();
      if (!(await store.centres.setUserPassword(email, await hashPassword(password)))) {
        throw new Error(`there is no centre user ${email}`);
      }
      await store.signInAttempts.clear(`centre:${email}`);
      tools.out(
        `New password set for ${email}; their sessions have ended (a tablet signed in without signal asks for the new password once it is back online).`,
      );
      return 0;
    }
    case 'disable-centre-user': {
      const email = normaliseEmail(tools.one('email'));
      if (!(await store.centres.disableUser(email, new Date()))) {
        throw new Error(`there is no centre user ${email}`);
      }
      tools.out(`Disabled ${email}; their sessions have ended.`);
      return 0;
    }
    case 'list-centres': {
      const centres = await store.centres.listCentres();
      if (!centres.length) tools.out('No centres.');
      for (const c of centres) {
        const state = c.disabled_at ? `disabled ${c.disabled_at}` : 'active';
        tools.out(`${c.code}\t${c.name}\t${c.users} user${c.users === 1 ? '' : 's'}\t${state}`);
        for (const u of await store.centres.listUsers(c.id)) {
          tools.out(`  ${u.email}\t${u.name}\t${u.disabled_at ? 'disabled' : 'active'}`);
        }
      }
      return 0;
    }
    case 'centre-audit':
      return centreAudit(store, tools);
    default:
      return null;
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const AUDIT_LIMIT_MAX = 100_000;

/** A UTC day as typed -> the instant it starts; throws naming the option. */
function dayStart(text: string, option: string): Date {
  const at = new Date(`${text}T00:00:00.000Z`);
  if (!DAY.test(text) || Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== text) {
    throw new Error(`--${option}: give a date as YYYY-MM-DD, e.g. 2026-11-01`);
  }
  return at;
}

async function centreAudit(store: Store, tools: CentreCommandTools): Promise<number> {
  const reportText = tools.optional('report');
  // The council's prefix is whatever stands before the dash (the body is checked).
  const prefix = reportText?.trim().split('-')[0]?.toUpperCase() ?? '';
  const reportId =
    reportText === undefined ? undefined : normaliseReference(reportText, prefix || '-');
  if (reportId === null) {
    throw new Error(`--report: "${reportText}" is not a report reference like DBC-7K2M9QXD`);
  }
  const code = tools.optional('centre');
  const centre = code === undefined ? undefined : await store.centres.findCentreByCode(code);
  if (centre === null) throw new Error(`there is no centre with the code "${code}"`);
  const fromText = tools.optional('from');
  const toText = tools.optional('to');
  const from = fromText === undefined ? undefined : dayStart(fromText, 'from');
  const to = toText === undefined ? undefined : dayStart(toText, 'to');
  if (to) to.setUTCDate(to.getUTCDate() + 1);
  if (from && to && from >= to) throw new Error('--from must be on or before --to');
  const limitText = tools.optional('limit') ?? '200';
  const limit = Number(limitText);
  if (!/^\d+$/.test(limitText) || limit < 1 || limit > AUDIT_LIMIT_MAX) {
    throw new Error(`--limit: give a whole number from 1 to ${AUDIT_LIMIT_MAX}`);
  }
  const lines = await store.centres.listAudit({
    reportId,
    centreId: centre?.id,
    from: from?.toISOString(),
    to: to?.toISOString(),
    limit,
  });
  if (!lines.length) {
    tools.out('No audit entries match.');
    return 0;
  }
  tools.out('at\taction\twho\tactor centre\treport\tfiled by centre');
  for (const l of lines) {
    const who = `${l.actor_kind.replace('_', ' ')} ${l.actor_name ?? l.actor_id}`;
    tools.out(
      [
        l.at,
        l.action,
        who,
        l.actor_centre_code ?? '',
        l.report_id,
        l.filing_centre_code ?? '',
      ].join('\t'),
    );
  }
  tools.out(
    `${lines.length} entr${lines.length === 1 ? 'y' : 'ies'}, newest first${lines.length === limit ? ` (the first ${limit}: --limit for more)` : ''}.`,
  );
  return 0;
}
