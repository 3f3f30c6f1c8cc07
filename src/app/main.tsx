/**
 * Entry point: i18n, then the app with the service worker's update prompt.
 *
 * A page the server rendered (src/server/ssr) is hydrated in the language it was rendered in
 * (the `lang` on <html>) with the council configuration (and published figures) it carries, so
 * the markup matches; a
 * language remembered only on this phone is switched to straight after. A page without server
 * markup (the service worker's copy of index.html) renders from scratch as before.
 */
import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { embeddedCouncil } from './council/load-council';
import { changeLanguage, createI18n, LANGUAGES, preferredLanguage } from './i18n';
import { RouterProvider } from './router/router';
import { watchServiceWorkerControl } from './shell/app-ready';
import { embeddedPerformance } from './response-times/load-performance';
import { startFromServerMarkup } from './ssr/hydration';
import { ServerDataContext, type ServerData } from './ssr/server-data';
import { UpdatePrompt } from './shell/UpdatePrompt';
import './styles/main.scss';

watchServiceWorkerControl();
const root = document.getElementById('root')!;
const council = embeddedCouncil();
const rendered = council !== undefined && root.firstElementChild !== null;
const renderedIn = document.documentElement.lang;
const wanted = preferredLanguage();
const i18n = await createI18n(rendered && LANGUAGES.includes(renderedIn) ? renderedIn : wanted);
const performance = rendered ? embeddedPerformance() : undefined;
const serverData: ServerData = performance ? { performance } : {};
const app = (
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <ServerDataContext.Provider value={serverData}>
        <RouterProvider>
          <App council={council} updatePrompt={<UpdatePrompt />} />
        </RouterProvider>
      </ServerDataContext.Provider>
    </I18nextProvider>
  </StrictMode>
);
if (rendered) {
  startFromServerMarkup();
  hydrateRoot(root, app);
  if (wanted !== i18n.language) void changeLanguage(i18n, wanted);
} else createRoot(root).render(app);

// Survey answers and case-review applications kept on the phone are sent from app start
// (src/app/messages-ui), loaded after the first render so the start page stays small.
void import('./messages-ui/messages').then((m) => m.startMessages());
