/**
 * `npm run admin -- <command> [options]`: staff accounts and integration API keys, reporting
 * centres (centres/admin.ts) and privacy work (admin/privacy-commands.ts). The commands
 * work on the store the settings choose (DATABASE_URL, else the SQLite file under DATA_DIR), so
 * they run on the server machine or anywhere that can reach the database.
 *
 * Notes
 * - Passwords never appear on the command line (shell history, `ps`): they are typed at a hidden
 *   prompt, or piped in with --password-stdin (first line).
 * - An API key is printed once, when it is made; only its sha256 is stored.
 */
import { CENTRE_USAGE, runCentreCommand } from '../centres/admin';
import type { CouncilConfig } from '../../shared/council-config';
import type { MediaFiles } from '../media/media-files';
import type { Actor } from '../privacy/rights';
import type { Store } from '../store/store';
import { createApiKey, createStaff, normaliseEmail } from '../staff/accounts';
import { hashPassword, passwordProblem } from '../staff/passwords';
import type { StaffRole } from '../staff/staff-repository';
import { PRIVACY_USAGE, runPrivacyCommand } from './privacy-commands';

export interface AdminIo {
  out(line: string): void;
  /** Reads the password: the hidden prompt, or the first line of stdin with --password-stdin. */
  readPassword(prompt: string, fromStdin: boolean): Promise<string>;
  /** Who runs the command, as the access audit records them. */
  actor: Actor;
  /** The council configuration the server uses (loaded when a command needs it). */
  council(): Promise<CouncilConfig>;
  /** The media store the server uses (opened when a command needs it). */
  media(): Promise<MediaFiles>;
}

const ROLES: Record<string, StaffRole> = { admin: 'admin', 'case-officer': 'case_officer' };

export const USAGE = `Usage: npm run admin -- <command> [options]

  create-staff --email <email> --name "<name>" [--role admin|case-officer] [--password-stdin]
      case officers (the default) work on reports; admins also read the access audit and
      handle people's rights
  reset-password --email <email> [--password-stdin]
  disable-staff --email <email>
  list-staff
  create-api-key --name "<name>" --scope <scope> [--scope <scope>]
      scopes: updates:write (post status updates; read the updates and reports the public
                sees, updates with notes: nothing of Personal or centre reports beyond their
                status, no contact details)
              reports:read (read every report in full, contact details and media included)
      keys go in the Authorization: Bearer or X-Api-Key header (or api_key in a POST form)
  disable-api-key --id <id>
  list-api-keys
${CENTRE_USAGE}
${PRIVACY_USAGE}

Passwords are asked for at a hidden prompt, or read from the first line of standard input with
--password-stdin. The store is chosen like the server's: DATABASE_URL, else DATA_DIR (./data).`;

export interface ParsedArgs {
  command: string;
  /** The word after the command, for those that have them (`rights find`, `retention run`). */
  sub?: string;
  options: Map<string, string[]>;
  flags: Set<string>;
}

const FLAGS = new Set(['password-stdin', 'help', 'csv', 'yes']);

/** Parses `command [sub] --name value --flag`; throws with a message naming the problem. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command = 'help', ...words] = argv;
  const sub = words[0] !== undefined && !words[0].startsWith('--') ? words[0] : undefined;
  const rest = sub === undefined ? words : words.slice(1);
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected "${arg}"`);
    const name = arg.slice(2);
    if (FLAGS.has(name)) {
      flags.add(name);
      continue;
    }
    const value = rest[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
    options.set(name, [...(options.get(name) ?? []), value]);
    i++;
  }
  return { command, ...(sub === undefined ? {} : { sub }), options, flags };
}

function optional(args: ParsedArgs, name: string): string | undefined {
  return args.options.has(name) ? one(args, name) : undefined;
}

function one(args: ParsedArgs, name: string): string {
  const v = args.options.get(name);
  if (!v?.length) throw new Error(`give --${name}`);
  if (v.length > 1) throw new Error(`give --${name} once`);
  return v[0]!;
}

async function newPassword(io: AdminIo, args: ParsedArgs): Promise<string> {
  const fromStdin = args.flags.has('password-stdin');
  const password = await io.readPassword('Password (at least 12 characters): ', fromStdin);
  const problem = passwordProblem(password);
  if (problem) throw new Error(problem);
  if (!fromStdin) {
    const again = await io.readPassword('Password again: ', false);
    if (again !== password) throw new Error('the two passwords are not the same');
  }
  return password;
}

/** Runs one command; returns the exit code. Errors are printed as "Error: ..." by the caller. */
export async function runAdmin(store: Store, args: ParsedArgs, io: AdminIo): Promise<number> {
  const takesSub = args.command === 'rights' || args.command === 'retention';
  if (args.sub !== undefined && !takesSub) throw new Error(`unexpected "${args.sub}"`);
  switch (args.command) {
    case 'create-staff': {
      const email = one(args, 'email');
      const name = one(args, 'name');
      const roleText = optional(args, 'role') ?? 'case-officer';
      const role = ROLES[roleText];
      if (!role) throw new Error(`--role: use admin or case-officer, not "${roleText}"`);
      const password = await newPassword(io, args);
      const made = await createStaff(store, { email, name, password, role });
      if (!made.ok) throw new Error(made.error);
      io.out(
        `Created staff account ${made.value.email} (${made.value.name}), ${roleText === 'admin' ? 'an admin' : 'a case officer'}.`,
      );
      return 0;
    }
    case 'reset-password': {
      const email = normaliseEmail(one(args, 'email'));
      const password = await newPassword(io, args);
      if (!(await store.staff.setPassword(email, await hashPassword(password)))) {
        throw new Error(`there is no staff account for ${email}`);
      }
      await store.signInAttempts.clear(`account:${email}`);
      io.out(`New password set for ${email}; their sessions have ended.`);
      return 0;
    }
    case 'disable-staff': {
      const email = normaliseEmail(one(args, 'email'));
      if (!(await store.staff.disable(email, new Date()))) {
        throw new Error(`there is no staff account for ${email}`);
      }
      io.out(`Disabled ${email}; their sessions have ended.`);
      return 0;
    }
    case 'list-staff': {
      const staff = await store.staff.list();
      if (!staff.length) io.out('No staff accounts.');
      for (const s of staff) {
        const role = s.role === 'admin' ? 'admin' : 'case-officer';
        io.out(
          `${s.email}\t${s.name}\t${role}\t${s.disabled_at ? `disabled ${s.disabled_at}` : 'active'}`,
        );
      }
      return 0;
    }
    case 'create-api-key': {
      const name = one(args, 'name');
      const made = await createApiKey(store, { name, scopes: args.options.get('scope') ?? [] });
      if (!made.ok) throw new Error(made.error);
      const { record, key } = made.value;
      io.out(
        `Created API key "${record.name}" (id ${record.id}) with ${record.scopes.join(', ')}.`,
      );
      io.out("The key is shown only now; store it in the integration's secrets:");
      io.out(key);
      return 0;
    }
    case 'disable-api-key': {
      const id = one(args, 'id');
      if (!(await store.apiKeys.disable(id, new Date()))) {
        throw new Error(`there is no API key with id ${id}`);
      }
      io.out(`Disabled API key ${id}.`);
      return 0;
    }
    case 'list-api-keys': {
      const keys = await store.apiKeys.list();
      if (!keys.length) io.out('No API keys.');
      for (const k of keys) {
        const state = k.disabled_at ? `disabled ${k.disabled_at}` : 'active';
        io.out(
          `${k.id}\t${k.name}\t${k.scopes.join(' ')}\t${state}\tlast used ${k.last_used_at ?? 'never'}`,
        );
      }
      return 0;
    }
    case 'help':
    case '--help':
      io.out(USAGE);
      return 0;
    default: {
      // Third-party reporting centres (centres/admin.ts).
      const code = await runCentreCommand(store, args.command, {
        out: (line) => io.out(line),
        one: (name) => one(args, name),
        optional: (name) => optional(args, name),
        newPassword: () => newPassword(io, args),
      });
      if (code !== null) return code;
      // The access audit, people's rights and retention (admin/privacy-commands.ts).
      const privacy = await runPrivacyCommand(store, args.command, args.sub, {
        out: (line) => io.out(line),
        optional: (name) => optional(args, name),
        flag: (name) => args.flags.has(name),
        actor: io.actor,
        council: io.council,
        media: io.media,
      });
      if (privacy !== null) return privacy;
      throw new Error(`unknown command "${args.command}"\n\n${USAGE}`);
    }
  }
}
