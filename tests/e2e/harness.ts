/**
 * End-to-end harness: the real server process (as `npm start` runs it, on its own port and a
 * temporary DATA_DIR) and the system Chromium driven by playwright-core.
 *
 * Notes
 * - The server runs as `npm start` runs it (under Vitest, the run's compiled copy:
 *   tests/compiled-server.ts), against the built PWA in ./dist (`npm test` builds first). Each
 *   call gets its own port and data folder.
 * - `stop()` sends SIGTERM and waits; `kill()` is SIGKILL, for chaos tests.
 * - Screenshots go to ./screenshots (ignored by git) so a person can look at them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { nodeArgs } from '../compiled-server';

const ROOT = resolve(import.meta.dirname, '../..');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PHONE = { width: 390, height: 844 };
/** The built PWA the server serves; E2E_DIST_DIR lets parallel work build elsewhere. */
export const DIST_DIR = resolve(ROOT, process.env.E2E_DIST_DIR ?? 'dist');

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  /** Graceful stop (SIGTERM), resolves when the process has exited. */
  stop(): Promise<void>;
  /** Abrupt stop (SIGKILL), resolves when the process has exited. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and data folder. */
  start(): Promise<void>;
  /** Everything the process printed, for diagnosing failures. */
  output(): string;
  /** The running process's id (for its memory figures), or undefined while it is stopped. */
  pid(): number | undefined;
}

export interface ServerOptions {
  dataDir?: string;
  port?: number;
  env?: Record<string, string>;
  /** Run this compiled server (scripts/build-server.mjs) with plain node instead of the sources. */
  compiled?: string;
  /** The API only: the built PWA is not needed (multi-instance server tests). */
  apiOnly?: boolean;
}

/** How long a server may take to answer its health check (tsx compiles it first: slow when loaded). */
const HEALTHY_WITHIN_MS = 110_000;

async function waitForHealth(url: string, child: ChildProcess, out: () => string): Promise<void> {
  const deadline = Date.now() + HEALTHY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`server exited with ${child.exitCode}:\n${out()}`);
    }
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not become healthy within ${HEALTHY_WITHIN_MS / 1000} s:\n${out()}`);
}

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  if (!opts.apiOnly && !existsSync(join(DIST_DIR, 'index.html'))) {
    throw new Error(
      `${DIST_DIR}/index.html is missing: run \`npm run build\` first (npm test does).`,
    );
  }
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'nr-e2e-'));
  mkdirSync(dataDir, { recursive: true });
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let log = '';

  const start = async () => {
    const args = opts.compiled ? [opts.compiled] : nodeArgs('server');
    const proc = spawn(process.execPath, args, {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DIST_DIR,
        NODE_ENV: 'test',
        // Map tiles never leave loopback: nothing listens on port 9, so the map shows no tiles
        // unless a test passes the TILE_URL of its own tile server (tile-server.ts).
        TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png',
        // One browser sends every request from one address and reads figures right after a
        // change; Chromium shares two cores with the server (docs/scale.md has the defaults).
        RATE_LIMIT_MAX: '100000',
        FIGURES_CACHE_SECONDS: '0',
        MAX_EVENT_LOOP_DELAY_MS: '5000',
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    proc.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    child = proc;
    await waitForHealth(url, proc, () => log);
  };

  const stopWith = async (signal: NodeJS.Signals) => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    await new Promise<void>((res) => {
      proc.once('exit', () => res());
      proc.kill(signal);
    });
    child = null;
  };

  await start();
  return {
    url,
    port,
    dataDir,
    start,
    stop: () => stopWith('SIGTERM'),
    kill: () => stopWith('SIGKILL'),
    output: () => log,
    pid: () => child?.pid,
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
    ],
  });
}

/** A phone-sized context that can only reach loopback (anything else is aborted and recorded). */
export async function newPhoneContext(
  browser: Browser,
  opts: { locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page; offLoopback: string[] }> {
  const context = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 1,
    locale: opts.locale ?? 'en-GB',
    serviceWorkers: 'allow',
  });
  const offLoopback: string[] = [];
  await context.route(
    (u) => !['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname) && u.protocol !== 'data:',
    (route) => {
      offLoopback.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  await watchCsp(context);
  const page = await context.newPage();
  return { context, page, offLoopback };
}

/** Content-Security-Policy violations seen in any page since the last `takeCspViolations()`. */
const cspViolations: string[] = [];

/** Records every `securitypolicyviolation` in the context's pages (suite.ts fails the test). */
export async function watchCsp(context: BrowserContext): Promise<void> {
  await context.exposeBinding('__reportCspViolation', (source, text: string) => {
    cspViolations.push(`${source.page?.url() ?? '?'}: ${text}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation?: (t: string) => void })
        .__reportCspViolation;
      report?.(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
}

/** The violations recorded so far, emptying the list. */
export function takeCspViolations(): string[] {
  return cspViolations.splice(0);
}

/** Saves a PNG under ./screenshots for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(ROOT, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Runs axe-core (WCAG 2.x A/AA, 2.2 included) on the page and returns its violations. */
export async function axeViolations(page: Page) {
  const axePath = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
  // Evaluated rather than added as an inline script tag, which the CSP (rightly) blocks.
  await page.evaluate(readFileSync(axePath, 'utf8'));
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            o: unknown,
          ) => Promise<{
            violations: Array<{
              id: string;
              impact: string;
              help: string;
              nodes: Array<{ target: unknown }>;
            }>;
          }>;
        };
      }
    ).axe;
    // From the top of the page, as a visitor arrives: at a scroll position left by the last
    // typed field, "Exit this page" (sticky at the top) partly covers whatever is scrolled
    // under it, and axe's target-size would report that field as too small.
    const { scrollX, scrollY } = window;
    window.scrollTo(0, 0);
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    window.scrollTo(scrollX, scrollY);
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
  });
}
