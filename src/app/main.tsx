/** Entry point: i18n, then the app with the service worker's update prompt. */
import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { createI18n } from './i18n';
import { RouterProvider } from './router/router';
import { watchServiceWorkerControl } from './shell/app-ready';
import { UpdatePrompt } from './shell/UpdatePrompt';
import './styles/main.scss';

watchServiceWorkerControl();
const i18n = await createI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <RouterProvider>
        <App updatePrompt={<UpdatePrompt />} />
      </RouterProvider>
    </I18nextProvider>
  </StrictMode>,
);

// Survey answers and case-review applications kept on the phone are sent from app start
// (src/app/messages-ui), loaded after the first render so the start page stays small.
void import('./messages-ui/messages').then((m) => m.startMessages());
