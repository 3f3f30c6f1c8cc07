/**
 * Renders real app components with everything they need: i18next with the English file, the
 * router, the demo council's configuration (validated as the app validates it) and a real outbox
 * on fake-indexeddb (one database per test). Nothing of our own is mocked.
 */
import 'fake-indexeddb/auto';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { CouncilConfigSchema, type CouncilConfig } from '../../../src/shared/council-config';
import demo from '../../../src/server/config/demo-council.json';
import { CouncilContext } from '../../../src/app/council/council-context';
import { createI18n } from '../../../src/app/i18n';
import { OutboxProvider } from '../../../src/app/my-reports/outbox-context';
import { openOutbox, type Outbox } from '../../../src/app/outbox';
import { RouterProvider } from '../../../src/app/router/router';

export const council: CouncilConfig = CouncilConfigSchema.parse(demo);

export function service(code: string) {
  const s = council.services.find((x) => x.service_code === code);
  if (!s) throw new Error(`no service ${code}`);
  return s;
}

let n = 0;
/** A fresh outbox whose sends never reach a network (a fetch that fails like being offline). */
export function testOutbox(): { open: () => Promise<Outbox>; dbName: string } {
  const dbName = `app-test-${process.pid}-${++n}-${Math.random().toString(36).slice(2)}`;
  const open = () =>
    openOutbox({
      dbName,
      locks: null,
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
  return { open, dbName };
}

export async function renderApp(
  path: string,
  ui: ReactNode,
  opts: { open?: () => Promise<Outbox> } = {},
): Promise<RenderResult> {
  window.history.replaceState(null, '', path);
  const i18n = await createI18n('en');
  const open = opts.open ?? testOutbox().open;
  return render(
    <I18nextProvider i18n={i18n}>
      <RouterProvider>
        <CouncilContext.Provider value={council}>
          <OutboxProvider open={open}>{ui}</OutboxProvider>
        </CouncilContext.Provider>
      </RouterProvider>
    </I18nextProvider>,
  );
}
