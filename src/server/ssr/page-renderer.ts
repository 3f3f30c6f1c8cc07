/**
 * The first paint from HTML: the app's start page, response-times page and first report step
 * rendered on the server (the Node build of src/app/ssr/render.tsx, made by `vite build` into
 * DIST_DIR/.ssr) into the built index.html, in the resident's language, with the public council
 * configuration written into the page as JSON data for the app to hydrate from.
 *
 * Notes
 * - Every other app path gets index.html with the configuration in it and no markup: the app
 *   renders it from scratch (pages that show what is stored on the phone cannot be rendered here).
 * - Every page's <noscript> says, in the chosen language, that the app needs JavaScript and which
 *   number to call instead (index.html's own is the English fallback for the service worker's
 *   copy, which is only ever used with script on).
 * - A rendered page depends only on the configuration (fixed while the process runs), the path and
 *   the language, so each is rendered once and kept: a handful of paths times four languages.
 *   The response-times page also shows the published figures: it is kept per ETag of the figures
 *   (stats/figures-cache.ts), and only the latest, so it is rendered again when a figure changes.
 * - The language: `?lang=` (the language links), then the cookie the app sets when the resident
 *   chooses one, then Accept-Language, then English; the answer varies on the last two.
 * - No inline script and no inline event handler is written: the data is
 *   `type="application/json"`, which browsers never execute.
 * - The council's colours go on <html> as custom properties, so the header is right before any
 *   script runs (the app sets the same properties again).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CouncilConfig, PublicCouncil } from '../../shared/council-config';
import type { Performance } from '../../shared/performance';
import {
  COUNCIL_DATA_ID,
  jsonForScript,
  PERFORMANCE_DATA_ID,
  type EmbeddedPerformance,
} from '../../shared/page-data';

interface RenderedPath {
  /**
   * The lazily loaded module that renders the page, whose stylesheets must be in the page before
   * it paints (from Vite's build manifest); otherwise they arrive with the script and it moves.
   */
  lazy: string | null;
  /** The page shows the published figures. */
  figures?: true;
}

/** The paths rendered on the server (a path is the part before `?`). */
export const RENDERED_PATHS: ReadonlyMap<string, RenderedPath> = new Map([
  ['/', { lazy: null }],
  ['/response-times', { lazy: 'src/app/response-times/ResponseTimesPage.tsx', figures: true }],
  ['/report/category', { lazy: 'src/app/report/ReportFlow.tsx' }],
]);

/** The published figures as the figures cache holds them (stats/figures-cache.ts). */
export interface Figures {
  perf: Performance;
  jsonEtag: string;
}

type Manifest = Record<string, { file: string; css?: string[]; imports?: string[] }>;

/** The stylesheets of a module and of every chunk it imports statically. */
function stylesheetsOf(manifest: Manifest, key: string, seen = new Set<string>()): string[] {
  const chunk = manifest[key];
  if (!chunk || seen.has(key)) return [];
  seen.add(key);
  return [
    ...(chunk.css ?? []),
    ...(chunk.imports ?? []).flatMap((k) => stylesheetsOf(manifest, k, seen)),
  ];
}
export const LANGUAGE_COOKIE = 'nr-language';

interface RenderModule {
  LANGUAGES: readonly string[];
  renderPage(
    href: string,
    council: CouncilConfig,
    lng: string,
    data?: { performance?: Performance },
  ): Promise<{ html: string; title: string | null; lang: string; dir: 'ltr' | 'rtl' }>;
  renderNoScript(
    council: CouncilConfig,
    lng: string,
  ): Promise<{ html: string; lang: string; dir: 'ltr' | 'rtl' }>;
}

export interface PageRequest {
  path: string;
  query: URLSearchParams;
  cookie: string | undefined;
  acceptLanguage: string | undefined;
}

export interface PageRenderer {
  /** The page's HTML, rendered when the path is one of RENDERED_PATHS. */
  page(request: PageRequest): Promise<string>;
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === name && v) return v;
  }
  return null;
}

/** The Accept-Language tags in order of preference (q=0 dropped). */
function acceptedLanguages(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag: (tag ?? '').toLowerCase().split('-')[0]!, q: q ? Number(q) : 1, i };
    })
    .filter((l) => l.tag && l.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((l) => l.tag);
}

export function chooseLanguage(request: PageRequest, languages: readonly string[]): string {
  const wanted = [
    request.query.get('lang'),
    cookieValue(request.cookie, LANGUAGE_COOKIE),
    ...acceptedLanguages(request.acceptLanguage),
  ];
  return wanted.find((l): l is string => !!l && languages.includes(l)) ?? 'en';
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Loads the template and the render module from `distDir`; null when the build has no render
 * module (the server then sends index.html as it is). `figures` gives the published figures for
 * the pages that show them.
 */
export async function loadPageRenderer(
  distDir: string,
  council: PublicCouncil,
  figures: () => Promise<Figures>,
): Promise<PageRenderer | null> {
  const templateFile = join(distDir, 'index.html');
  const moduleFile = join(distDir, '.ssr', 'render.js');
  if (!existsSync(templateFile) || !existsSync(moduleFile)) return null;
  const template = readFileSync(templateFile, 'utf8');
  const manifestFile = join(distDir, '.vite', 'manifest.json');
  const manifest = existsSync(manifestFile)
    ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest)
    : {};
  const mod = (await import(pathToFileURL(moduleFile).href)) as RenderModule;
  const data = `<script type="application/json" id="${COUNCIL_DATA_ID}">${jsonForScript(council)}</script>`;
  const theme = `--council-brand:${council.colours.brand};--council-brand-dark:${council.colours.brandDark}`;
  const cache = new Map<string, Promise<string>>();

  /** The template in a language: `lang`, `dir`, colours and what it says with script off. */
  const inLanguage = async (lng: string): Promise<string> => {
    const noScript = await mod.renderNoScript(council as CouncilConfig, lng);
    return template
      .replace(
        /<html lang="[^"]*" dir="[^"]*"/,
        () => `<html lang="${noScript.lang}" dir="${noScript.dir}" style="${escapeHtml(theme)}"`,
      )
      .replace(/<noscript>[\s\S]*?<\/noscript>/, () => `<noscript>${noScript.html}</noscript>`)
      .replace(
        /<meta name="theme-color" content="[^"]*"/,
        () => `<meta name="theme-color" content="${escapeHtml(council.colours.brand)}"`,
      );
  };
  /** The cache key of each path and language now kept, to drop it when the figures change. */
  const kept = new Map<string, string>();

  const fill = async (path: string, lng: string, f: Figures | null): Promise<string> => {
    const page = await mod.renderPage(
      path,
      council as CouncilConfig,
      lng,
      f ? { performance: f.perf } : {},
    );
    const lazy = RENDERED_PATHS.get(path)?.lazy;
    const embedded: EmbeddedPerformance | null = f
      ? { etag: f.jsonEtag, performance: f.perf }
      : null;
    const pageData = embedded
      ? `${data}<script type="application/json" id="${PERFORMANCE_DATA_ID}">${jsonForScript(embedded)}</script>`
      : data;
    const links = (lazy ? stylesheetsOf(manifest, lazy) : [])
      .filter((css) => !template.includes(`/${css}"`))
      .map((css) => `<link rel="stylesheet" crossorigin href="/${css}">`)
      .join('');
    let html = (await inLanguage(page.lang))
      .replace('</head>', () => `${links}</head>`)
      .replace('<div id="root"></div>', () => `<div id="root">${page.html}</div>${pageData}`);
    if (page.title) {
      html = html.replace(
        /<title>[^<]*<\/title>/,
        () => `<title>${escapeHtml(page.title!)}</title>`,
      );
    }
    return html;
  };

  return {
    async page(request) {
      const rendered = RENDERED_PATHS.get(request.path);
      const lng = chooseLanguage(request, mod.LANGUAGES);
      if (!rendered) {
        // The app renders the page from scratch: the shell in the language, with the data.
        const key = `* ${lng}`;
        let shell = cache.get(key);
        if (!shell) {
          shell = inLanguage(lng).then((html) =>
            html.replace('<div id="root"></div>', () => `<div id="root"></div>${data}`),
          );
          cache.set(key, shell);
          shell.catch(() => cache.delete(key));
        }
        return shell;
      }
      // Without figures (the store failing) the page is still rendered, and the app fetches them.
      const f = rendered.figures ? await figures().catch(() => null) : null;
      // Only the path: the query's `lang` is already in `lng`, and nothing else changes the page.
      const page = `${request.path} ${lng}`;
      const key = f ? `${page} ${f.jsonEtag}` : page;
      let html = cache.get(key);
      if (!html) {
        const before = kept.get(page);
        if (before) cache.delete(before);
        html = fill(request.path, lng, f);
        cache.set(key, html);
        kept.set(page, key);
        html.catch(() => cache.delete(key));
      }
      return html;
    },
  };
}
