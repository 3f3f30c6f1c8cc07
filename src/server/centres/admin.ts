/**
 * The reporting-centre commands of `npm run admin` (admin/commands.ts hands them over here):
 * centres and their users. Passwords are read like staff passwords (hidden prompt or stdin).
 */
import { normaliseEmail } from '../staff/accounts';
import { hashPassword } from '../staff/passwords';
import type { Store } from '../store/store';
import { createCentre, createCentreUser } from './accounts';

export const CENTRE_USAGE = `  create-centre --code <code> --name "<name>"
      code: 2 to 40 lower-case letters, digits and "-", e.g. northgate-library
  create-centre-user --centre <code> --email <email> --name "<name>" [--password-stdin]
  reset-centre-password --email <email> [--password-stdin]
  disable-centre-user --email <email>
  list-centres`;

export interface CentreCommandTools {
  out(line: string): void;
  /** The one value of an option; throws naming it when missing or repeated. */
  one(name: string): string;
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
    default:
      return null;
  }
}
