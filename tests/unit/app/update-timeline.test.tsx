// @vitest-environment happy-dom
/**
 * The council's updates as a timeline (resident, reporting centre and staff report pages):
 * newest first, each with its status in the app's words as a heading, when, and the officer's
 * note; a plain sentence when there are none.
 */
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { UpdateTimeline } from '../../../src/app/my-reports/UpdateTimeline';
import type { RequestUpdate } from '../../../src/shared/request-updates';
import { renderApp } from './fixtures';

afterEach(cleanup);

const update = (over: Partial<RequestUpdate>): RequestUpdate => ({
  update_id: crypto.randomUUID(),
  service_request_id: 'DBC-0000TEST',
  status: 'investigating',
  updated_datetime: '2026-03-02T10:00:00Z',
  description: '',
  media_url: null,
  external_status_code: null,
  ...over,
});

describe('UpdateTimeline', () => {
  it('lists the updates newest first with status, time and note', async () => {
    await renderApp(
      '/centre/reports/DBC-0000TEST',
      <UpdateTimeline
        empty="No updates yet."
        updates={[
          update({ status: 'investigating', description: 'An officer will call.' }),
          update({
            status: 'action_scheduled',
            updated_datetime: '2026-03-04T16:30:00Z',
            description: 'Patrols arranged.',
          }),
          update({ status: 'fixed', updated_datetime: '2026-03-09T09:15:00Z' }),
        ]}
      />,
    );
    const items = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(items.map((li) => within(li).getByRole('heading', { level: 3 }).textContent)).toEqual([
      'Fixed',
      'Action scheduled',
      'Investigating',
    ]);
    expect(items[1]!.textContent).toContain('Patrols arranged.');
    expect(items[1]!.querySelector('time')?.getAttribute('datetime')).toBe('2026-03-04T16:30:00Z');
    expect(items[1]!.querySelector('time')?.textContent).toMatch(/^4 Mar 2026, \d{2}:30$/);
    // An update without a note says nothing more than its status and time.
    expect(items[0]!.querySelectorAll('p')).toHaveLength(1);
    expect(screen.queryByText('No updates yet.')).toBeNull();
  });

  it('says so when there are no updates', async () => {
    await renderApp('/centre', <UpdateTimeline empty="No updates yet." updates={[]} />);
    expect(screen.getByText('No updates yet.').tagName).toBe('P');
    expect(screen.queryByRole('list')).toBeNull();
  });
});
