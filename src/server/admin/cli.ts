/** `npm run admin -- ...`: see commands.ts. */
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import type { CouncilConfig } from '../../shared/council-config';
import { loadCouncilConfig } from '../config/load-council';
import { openMediaFiles, type MediaFiles } from '../media/media-files';
import { readSettings } from '../settings';
import { openStore } from '../store/open-store';
import { parseArgs, runAdmin, USAGE, type AdminIo } from './commands';

let stdinLines: AsyncIterator<string> | null = null;

async function readStdinLine(): Promise<string> {
  stdinLines ??= createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  const next = await stdinLines.next();
  if (next.done) throw new Error('no password on standard input');
  return next.value;
}

/** Reads a line from the terminal without echoing it. */
function hiddenPrompt(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    return Promise.reject(
      new Error('no terminal to ask for the password: pipe it in with --password-stdin'),
    );
  }
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    let asked = false;
    output._writeToOutput = (s: string) => {
      if (!asked) {
        process.stdout.write(s);
        asked = true;
      }
    };
    rl.question(prompt, (answer) => {
      process.stdout.write('\n');
      rl.close();
      resolve(answer);
    });
    rl.on('SIGINT', () => {
      rl.close();
      reject(new Error('cancelled'));
    });
  });
}

/** The account running the command, for the access audit (the command has no sign-in). */
function whoRuns(): string {
  try {
    return userInfo().username || 'unknown user';
  } catch {
    return 'unknown user';
  }
}

let args;
try {
  args = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(`Error: ${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
const settings = readSettings(process.env);
if (!settings.ok) {
  console.error(`Error: the environment has problems:\n  ${settings.error.join('\n  ')}`);
  process.exit(2);
}
const s = settings.value;
let council: CouncilConfig | null = null;
const opened: { media?: MediaFiles } = {};
const io: AdminIo = {
  out: (line) => console.log(line),
  readPassword: (prompt, fromStdin) => (fromStdin ? readStdinLine() : hiddenPrompt(prompt)),
  actor: { kind: 'admin_cli', id: whoRuns() },
  async council() {
    if (council) return council;
    const loaded = await loadCouncilConfig(s.councilConfig);
    if (!loaded.ok) {
      throw new Error(
        `the council configuration (${s.councilConfig}) has problems:\n  ${loaded.error.split('\n').join('\n  ')}`,
      );
    }
    return (council = loaded.value);
  },
  async media() {
    return (opened.media ??= await openMediaFiles(s.media));
  },
};
const store = await openStore(s.store);
let code = 1;
try {
  code = await runAdmin(store, args, io);
} catch (error) {
  console.error(`Error: ${(error as Error).message}`);
} finally {
  await opened.media?.close();
  await store.close();
}
process.exit(code);
