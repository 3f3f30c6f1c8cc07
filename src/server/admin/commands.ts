/**
 * `npm run admin -- <command> [options]`: staff accounts and integration API keys. The commands
 * work on the store the settings choose (DATABASE_URL, else the SQLite file under DATA_DIR), so
 * they run on the server machine or anywhere that can reach the database.
 *
 * Notes
 * - Passwords never appear on the command line (shell history, `ps`): they are typed at a hidden
 *   prompt, or piped in with --password-stdin (first line).
 * - An API key is printed once, when it is made; only its sha256 is stored.
 */
import { CENTRE_USAGE, runCentreCommand } from '../centres/admin';
import type { Store } from '../store/store';
import { createApiKey, createStaff, normaliseEmail } from '../staff/accounts';
import { hashPassword, passwordProblem } from '../staff/passwords';

export interface AdminIo {
  out(line: string): void;
  /** Reads the password: the hidden prompt, or the first line of stdin with --password-stdin. */
  readPassword(prompt: string, fromStdin: boolean): Promise<string>;
}

export const USAGE = `Usage: npm run admin -- <command> [options]

  create-staff --email <email> --name "<name>" [--password-stdin]
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

Passwords are asked for at a hidden prompt, or read from the first line of standard input with
--password-stdin. The store is chosen like the server's: DATABASE_URL, else DATA_DIR (./data).`;

export interface ParsedArgs {
  command: string;
  options: Map<string, string[]>;
  flags: Set<string>;
}

const FLAGS = new Set(['password-stdin', 'help']);

/** Parses `command --name value --flag`; throws with a message naming the problem. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command = 'help', ...rest] = argv;
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
  return { command, options, flags };
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
  switch (args.command) {
    case 'create-staff': {
      const email = one(args, 'email');
      const name = one(args, 'name');
      const password = await newPassword(io, args);
      const made = await createStaff(store, { email, name, password });
      if (!made.ok) throw new Error(made.error);
      io.out(`Created staff account ${made.value.email} (${made.value.name}).`);
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
        io.out(`${s.email}\t${s.name}\t${s.disabled_at ? `disabled ${s.disabled_at}` : 'active'}`);
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
        optional: (name) => (args.options.has(name) ? one(args, name) : undefined),
        newPassword: () => newPassword(io, args),
      });
      if (code !== null) return code;
      throw new Error(`unknown command "${args.command}"\n\n${USAGE}`);
    }
  }
}
