// @vitest-environment happy-dom
/**
 * Pages of the report flow rendered for real (router, i18next, the demo council, an outbox on
 * fake-indexeddb): the error summary, showIf while moving through the questions, check answers'
 * change links, and the draft surviving a reload.
 */
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import ReportFlow from '../../../src/app/report/ReportFlow';
import {
  markSeen,
  newDraft,
  stepsFor,
  withCategory,
  type Draft,
} from '../../../src/app/report/draft';
import { council, renderApp, testOutbox } from './fixtures';

afterEach(cleanup);

const h1 = () => screen.getByRole('heading', { level: 1 }).textContent;
const path = () => window.location.pathname + window.location.search;
const clickContinue = () =>
  act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
  });

async function withStoredDraft(draft: Draft) {
  const box = testOutbox();
  const outbox = await box.open();
  await outbox.saveDraft(draft);
  outbox.close();
  return box;
}

function completeFlyTipping(): Draft {
  let d: Draft = {
    ...withCategory(newDraft(), 'fly-tipping'),
    answers: {
      size: 'single_item',
      waste_types: ['tyres'],
      hazards: ['none'],
      land_type: 'highway',
      witnessed: 'no',
    },
    address: '1 Station Road',
    description: 'Tyres',
    contact: 'anonymous',
  };
  for (const s of stepsFor(council, d)) d = markSeen(d, s);
  return d;
}

describe('error summary', () => {
  it('lists the problem, takes focus, links to the field and names the page "Error:"', async () => {
    await renderApp('/report/category', <ReportFlow />);
    await screen.findByRole('heading', { level: 1, name: 'What is the problem?' });
    await clickContinue();
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('There is a problem');
    const link = screen.getByRole('link', {
      name: 'Select the kind of problem you want to report',
    });
    expect(link.getAttribute('href')).toBe('#category');
    expect(document.activeElement?.classList.contains('govuk-error-summary')).toBe(true);
    await waitFor(() => expect(document.title).toMatch(/^Error: What is the problem\? - /));
    fireEvent.click(link);
    expect(document.activeElement?.id).toBe('category');
    // The message is also shown at the field.
    expect(document.getElementById('category-error')?.textContent).toContain('Select the kind');
  });

  it('checks an answer with the shared rules and shows the reason in words', async () => {
    let d: Draft = withCategory(newDraft(), 'noise');
    d = { ...d, answers: { noise_type: 'music', source_address: 'Flat 2', room: 'bedroom' } };
    d = { ...d, answers: { ...d.answers, started: '2026-11-21T23:00', effect: ['sleep'] } };
    for (const s of stepsFor(council, d).slice(0, 7)) d = markSeen(d, s);
    const box = await withStoredDraft(d);
    await renderApp('/report/question/level', <ReportFlow />, box);
    const input = await screen.findByRole('textbox', { name: /How loud is it/ });
    fireEvent.change(input, { target: { value: '11' } });
    await clickContinue();
    expect(screen.getByRole('link', { name: 'Enter a number from 1 to 10' })).toBeTruthy();
    fireEvent.change(input, { target: { value: 'loud' } });
    await clickContinue();
    expect(screen.getByRole('link', { name: 'Enter a number, like 5' })).toBeTruthy();
    fireEvent.change(input, { target: { value: '7' } });
    await clickContinue();
    await waitFor(() => expect(path()).toBe('/report/question/repeated'));
    expect(h1()).toBe('Has it happened at other times?');
  });
});

describe('moving through the questions', () => {
  it('asks the vehicle questions after "Yes" and skips them after "No"', async () => {
    let d: Draft = withCategory(newDraft(), 'fly-tipping');
    d = {
      ...d,
      answers: {
        size: 'single_item',
        waste_types: ['tyres'],
        hazards: ['none'],
        land_type: 'highway',
      },
    };
    for (const s of stepsFor(council, d).slice(0, 5)) d = markSeen(d, s);
    const box = await withStoredDraft(d);
    await renderApp('/report/question/witnessed', <ReportFlow />, box);
    await screen.findByRole('heading', { level: 1, name: 'Did you see who dumped it?' });
    fireEvent.click(screen.getByLabelText('Yes'));
    await clickContinue();
    await waitFor(() => expect(h1()).toBe('Vehicle registration, if you saw it (optional)'));
    expect(path()).toBe('/report/question/vehicle_registration');
    // Back, then "No": straight on to the photos step.
    await act(async () => {
      fireEvent.click(screen.getByRole('link', { name: 'Back' }));
    });
    await waitFor(() => expect(h1()).toBe('Did you see who dumped it?'));
    fireEvent.click(screen.getByLabelText('No'));
    await clickContinue();
    await waitFor(() => expect(path()).toBe('/report/evidence'));
  });
});

describe('check answers', () => {
  it('lists every answer with a change link that comes back to check answers', async () => {
    const box = await withStoredDraft(completeFlyTipping());
    await renderApp('/report/check', <ReportFlow />, box);
    await screen.findByRole('heading', {
      level: 1,
      name: 'Check your answers before sending your report',
    });
    const changes = screen.getAllByRole('link', { name: /^Change / });
    expect(changes.map((a) => a.getAttribute('href'))).toEqual([
      '/report/category?return=check',
      '/report/question/size?return=check',
      '/report/question/waste_types?return=check',
      '/report/question/hazards?return=check',
      '/report/question/land_type?return=check',
      '/report/question/witnessed?return=check',
      '/report/evidence?return=check',
      '/report/where?return=check',
      '/report/what?return=check',
      '/report/details?return=check',
    ]);
    expect(screen.getByText('A single item')).toBeTruthy();
    expect(screen.getByText('Reporting anonymously')).toBeTruthy();

    await act(async () => {
      fireEvent.click(screen.getByRole('link', { name: 'Change How much has been dumped?' }));
    });
    await waitFor(() => expect(h1()).toBe('How much has been dumped?'));
    expect(screen.getByRole('link', { name: 'Back' }).getAttribute('href')).toBe('/report/check');
    fireEvent.click(screen.getByLabelText('A tipper lorry load'));
    await clickContinue();
    await waitFor(() => expect(path()).toBe('/report/check'));
    expect(screen.getByText('A tipper lorry load')).toBeTruthy();
  });

  it('after changing "witnessed" to yes, asks the new questions and then returns', async () => {
    const box = await withStoredDraft(completeFlyTipping());
    await renderApp('/report/question/witnessed?return=check', <ReportFlow />, box);
    await screen.findByRole('heading', { level: 1, name: 'Did you see who dumped it?' });
    fireEvent.click(screen.getByLabelText('Yes'));
    await clickContinue();
    await waitFor(() => expect(path()).toBe('/report/question/vehicle_registration?return=check'));
    await clickContinue();
    await waitFor(() => expect(path()).toBe('/report/question/vehicle_description?return=check'));
    await clickContinue();
    await waitFor(() => expect(path()).toBe('/report/check'));
  });

  it('queues the report in the outbox and says it is saved on this phone', async () => {
    // Offline, as in a basement flat: nothing is attempted until the phone is online.
    Object.defineProperty(navigator, 'onLine', { value: false, configurable: true });
    const box = await withStoredDraft(completeFlyTipping());
    await renderApp('/report/check', <ReportFlow />, box);
    const send = await screen.findByRole('button', { name: 'Send report' });
    await act(async () => {
      fireEvent.click(send);
    });
    await waitFor(() => expect(path()).toMatch(/^\/report\/sent\//));
    cleanup();
    await renderApp(path(), <ReportFlow />, box);
    await screen.findByRole('heading', { level: 1, name: 'Report saved on this phone' });
    expect(screen.getByTestId('report-state').textContent).toBe(
      'Saved on this phone. It will be sent automatically when you are online.',
    );
    const outbox = await box.open();
    const { records } = await outbox.list();
    expect(records).toHaveLength(1);
    expect(records[0]!.report.attributes).toEqual(completeFlyTipping().answers);
    expect(await outbox.loadDraft()).toBeNull();
    outbox.close();
    Object.defineProperty(navigator, 'onLine', { value: true, configurable: true });
  });
});

describe('draft', () => {
  it('is saved as the resident goes and comes back after a reload', async () => {
    const box = testOutbox();
    await renderApp('/report/category', <ReportFlow />, box);
    await screen.findByRole('heading', { level: 1, name: 'What is the problem?' });
    fireEvent.click(screen.getByLabelText('Graffiti or vandalism'));
    await clickContinue();
    await waitFor(() => expect(h1()).toBe('Is it offensive, racist or obscene?'));
    fireEvent.click(screen.getByLabelText('No'));
    // The tab closes at once: the pending save is flushed when the page is hidden.
    window.dispatchEvent(new Event('pagehide'));
    // Closing the page's outbox (cleanup) before the flush has been written would lose it.
    const reader = await box.open();
    try {
      await expect
        .poll(async () => ((await reader.loadDraft()) as { answers?: object } | null)?.answers)
        .toMatchObject({ offensive: 'no' });
    } finally {
      reader.close();
    }
    cleanup();

    await renderApp('/report/question/offensive', <ReportFlow />, box);
    await screen.findByRole('heading', { level: 1, name: 'Is it offensive, racist or obscene?' });
    await waitFor(() =>
      expect((screen.getByLabelText('No') as HTMLInputElement).checked).toBe(true),
    );
  });
});
