/** `npm run admin -- ...`: see commands.ts. */
import { createInterface } from 'node:readline';
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

const io: AdminIo = {
  out: (line) => console.log(line),
  readPassword: (prompt, fromStdin) => (fromStdin ? readStdinLine() : hiddenPrompt(prompt)),
};

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
const store = await openStore(settings.value.store);
let code = 1;
try {
  code = await runAdmin(store, args, io);
} catch (error) {
  console.error(`Error: ${(error as Error).message}`);
} finally {
  await store.close();
}
process.exit(code);
