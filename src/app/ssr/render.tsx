/**
 * Server rendering of the app's pages (built by scripts/vite-ssr.ts into DIST_DIR/.ssr and used
 * by src/server/ssr): the same components as in the browser, rendered from the council's
 * configuration in the chosen language, so the first paint needs no script and the browser then
 * hydrates the same markup (src/app/main.tsx).
 *
 * Notes
 * - `prerender` waits for the lazily loaded pages (the report flow, response times), so their
 *   content is in the HTML too; nothing is left for an inline script to fill in.
 * - React moves a Suspense boundary whose markup is over `progressiveChunkSize` bytes (12,800 by
 *   default) out of place, into a hidden element that an inline script puts back. The CSP blocks
 *   that script, so the browser would keep the hidden copy and render the boundary again beside
 *   it. A page in Urdu (two bytes a letter) is the largest; no boundary is ever moved.
 * - The page's <title> is what the page would set (useDocumentTitle), caught through a context.
 */
import { StrictMode } from 'react';
import { prerender } from 'react-dom/static';
import { I18nextProvider } from 'react-i18next';
import type { CouncilConfig } from '../../shared/council-config';
import { App } from '../App';
import { createI18n, LANGUAGES } from '../i18n';
import { DocumentTitleSink } from '../router/page';
import { StaticRouterProvider } from '../router/router';
import type { Performance } from '../../shared/performance';
import { ServerDataContext } from './server-data';
import { NoScriptNotice } from '../shell/NoScriptNotice';

export { LANGUAGES };

export interface RenderedPage {
  /** The markup for <div id="root">. */
  html: string;
  title: string | null;
  lang: string;
  dir: 'ltr' | 'rtl';
}

export async function renderPage(
  href: string,
  council: CouncilConfig,
  lng: string,
  data: { performance?: Performance } = {},
): Promise<RenderedPage> {
  const i18n = await createI18n(lng);
  let title: string | null = null;
  const { prelude } = await prerender(
    <StrictMode>
      <DocumentTitleSink.Provider value={(t) => (title = t)}>
        <I18nextProvider i18n={i18n}>
          <ServerDataContext.Provider
            value={data.performance ? { performance: { performance: data.performance } } : {}}
          >
            <StaticRouterProvider href={href}>
              <App council={council} />
            </StaticRouterProvider>
          </ServerDataContext.Provider>
        </I18nextProvider>
      </DocumentTitleSink.Provider>
    </StrictMode>,
    { progressiveChunkSize: Number.POSITIVE_INFINITY },
  );
  return {
    html: await new Response(prelude).text(),
    title,
    lang: i18n.language,
    dir: i18n.dir(i18n.language) === 'rtl' ? 'rtl' : 'ltr',
  };
}

/** The inside of the page's <noscript> in the chosen language (shell/NoScriptNotice.tsx). */
export async function renderNoScript(
  council: CouncilConfig,
  lng: string,
): Promise<Omit<RenderedPage, 'title'>> {
  const i18n = await createI18n(lng);
  const { prelude } = await prerender(
    <I18nextProvider i18n={i18n}>
      <NoScriptNotice phone={council.contacts.councilPhone} />
    </I18nextProvider>,
  );
  return {
    html: await new Response(prelude).text(),
    lang: i18n.language,
    dir: i18n.dir(i18n.language) === 'rtl' ? 'rtl' : 'ltr',
  };
}
