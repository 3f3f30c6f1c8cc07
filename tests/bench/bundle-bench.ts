/**
 * Measures what the start page really loads: every script and stylesheet the browser fetches
 * when a resident opens the app, gzipped as a server would send it. Prints figures; never fails
 * on a size.
 */
import { gzipSync } from 'node:zlib';
import { launchBrowser, newPhoneContext, startServer } from '../e2e/harness';

export interface BundleFigures {
  js: Array<{ url: string; raw: number; gzip: number }>;
  css: Array<{ url: string; raw: number; gzip: number }>;
  jsGzip: number;
  cssGzip: number;
}

export async function measureFirstPage(path = '/'): Promise<BundleFigures> {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, context } = await newPhoneContext(browser);
    const js: BundleFigures['js'] = [];
    const css: BundleFigures['css'] = [];
    page.on('response', async (res) => {
      const type = res.request().resourceType();
      if (type !== 'script' && type !== 'stylesheet') return;
      const body = await res.body().catch(() => null);
      if (!body) return;
      const entry = {
        url: new URL(res.url()).pathname,
        raw: body.length,
        gzip: gzipSync(body).length,
      };
      (type === 'script' ? js : css).push(entry);
    });
    await page.goto(server.url + path, { waitUntil: 'networkidle' });
    await context.close();
    const sum = (xs: Array<{ gzip: number }>) => xs.reduce((n, x) => n + x.gzip, 0);
    return { js, css, jsGzip: sum(js), cssGzip: sum(css) };
  } finally {
    await browser.close();
    await server.stop();
  }
}

export function printBundle(f: BundleFigures): void {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log('\nFirst page (start page, as loaded by Chromium, gzip -9 default level):');
  for (const e of [...f.js, ...f.css])
    console.log(`  ${e.url}  ${kb(e.raw)} raw, ${kb(e.gzip)} gzip`);
  console.log(`  JS total:  ${kb(f.jsGzip)} gzip (target: at most 120 KB)`);
  console.log(`  CSS total: ${kb(f.cssGzip)} gzip`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printBundle(await measureFirstPage());
}
