/**
 * Measures what the start page really loads: every script and stylesheet the browser fetches
 * when a resident opens the app, gzipped as a server would send it. "Critical" is what index.html
 * names (the entry script, its modulepreloads and stylesheets): what must arrive before the first
 * render. "Everything" adds what the page loads after rendering (the outbox and its schemas).
 * Prints figures; never fails on a size.
 */
import { gzipSync } from 'node:zlib';
import { launchBrowser, newPhoneContext, startServer } from '../e2e/harness';

export interface BundleFigures {
  js: Array<{ url: string; raw: number; gzip: number; critical: boolean }>;
  css: Array<{ url: string; raw: number; gzip: number; critical: boolean }>;
  jsGzip: number;
  cssGzip: number;
  criticalJsGzip: number;
}

export async function measureFirstPage(path = '/'): Promise<BundleFigures> {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, context } = await newPhoneContext(browser);
    const js: BundleFigures['js'] = [];
    const css: BundleFigures['css'] = [];
    const html = await (
      await fetch(server.url + path, { headers: { accept: 'text/html' } })
    ).text();
    const critical = new Set(
      [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+\.(?:js|css))"/g)].map(
        (m) => m[1],
      ),
    );
    page.on('response', async (res) => {
      const type = res.request().resourceType();
      if (type !== 'script' && type !== 'stylesheet') return;
      const body = await res.body().catch(() => null);
      if (!body) return;
      const url = new URL(res.url()).pathname;
      const entry = {
        url,
        raw: body.length,
        gzip: gzipSync(body).length,
        critical: critical.has(url),
      };
      (type === 'script' ? js : css).push(entry);
    });
    await page.goto(server.url + path, { waitUntil: 'networkidle' });
    await context.close();
    const sum = (xs: Array<{ gzip: number }>) => xs.reduce((n, x) => n + x.gzip, 0);
    return {
      js,
      css,
      jsGzip: sum(js),
      cssGzip: sum(css),
      criticalJsGzip: sum(js.filter((e) => e.critical)),
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

export function printBundle(f: BundleFigures): void {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log('\nFirst page (start page, as loaded by Chromium; gzip at the default level):');
  for (const e of [...f.js, ...f.css]) {
    const when = e.critical ? 'before first render' : 'after first render';
    console.log(`  ${e.url}  ${kb(e.raw)} raw, ${kb(e.gzip)} gzip (${when})`);
  }
  console.log(`  JS before first render: ${kb(f.criticalJsGzip)} gzip (target: at most 120 KB)`);
  console.log(`  JS loaded by the start page in all: ${kb(f.jsGzip)} gzip`);
  console.log(`  CSS: ${kb(f.cssGzip)} gzip`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printBundle(await measureFirstPage());
}
