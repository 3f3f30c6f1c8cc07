/**
 * The whole flow with the keyboard only: Tab, Shift+Tab, arrows, Space and Enter, no pointer.
 * Also photographs and axe-checks the pages the fly-tipping flow does not reach (number, date and
 * time, long text, the Personal-group emergency page, contact details, errors on "where").
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPhoneContext } from './harness';
import { serverAndBrowser } from './suite';
import { onPage, PageChecker, skipEvidence } from './flow-helpers';

const e2e = serverAndBrowser();

/** The focused element's name as a resident hears it: its label, or its text. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const labels = (el as HTMLInputElement).labels;
    const text = labels && labels.length ? labels[0]!.textContent : el.innerText;
    return (text ?? '').replace(/\s+/g, ' ').trim();
  });
}

/** Presses Tab until the element named `name` has focus. */
async function tabTo(page: Page, name: string): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const now = await focusedName(page);
    if (now === name) return;
    seen.push(now);
  }
  throw new Error(`could not reach "${name}" with Tab; passed: ${seen.join(' | ')}`);
}

/** Answers every risk question on the way with the same answer ("No" or "Yes"). */
async function answerRiskQuestions(page: Page, answer: 'Yes' | 'No'): Promise<void> {
  while (new URL(page.url()).pathname.startsWith('/report/question/risk_')) {
    const before = page.url();
    await page.getByLabel(answer, { exact: true }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((u) => u.toString() !== before);
  }
}

async function continueWithKeyboard(page: Page): Promise<void> {
  await tabTo(page, 'Continue');
  await page.keyboard.press('Enter');
}

describe('keyboard only', () => {
  it('files a report from the start page to "Sent" without a pointer', async () => {
    const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
    try {
      await page.goto(e2e.server.url + '/');
      await onPage(page, 'Report a problem');
      await tabTo(page, 'Start now');
      await page.keyboard.press('Enter');

      await onPage(page, 'What is the problem?');
      await tabTo(page, 'Fly-tipping');
      await page.keyboard.press('Space');
      await continueWithKeyboard(page);

      await onPage(page, 'How much has been dumped?');
      await tabTo(page, 'A single black bag');
      await page.keyboard.press('ArrowDown'); // moves to and selects "A single item"
      expect(await focusedName(page)).toBe('A single item');
      await continueWithKeyboard(page);

      await onPage(page, 'What kind of waste is it?');
      await tabTo(page, 'Tyres');
      await page.keyboard.press('Space');
      await continueWithKeyboard(page);

      await onPage(page, 'Is any of it dangerous?');
      await tabTo(page, 'None that I can see');
      await page.keyboard.press('Space');
      await continueWithKeyboard(page);

      await onPage(page, 'Where is it?');
      await tabTo(page, 'On a road or pavement');
      await page.keyboard.press('Space');
      await continueWithKeyboard(page);

      await onPage(page, 'Did you see who dumped it?');
      await tabTo(page, 'Yes');
      await page.keyboard.press('Space');
      await continueWithKeyboard(page);

      await onPage(page, 'Vehicle registration, if you saw it');
      await page.keyboard.press('Tab');
      await page.keyboard.type('XY34 ZZZ');
      await page.keyboard.press('Enter'); // Enter in a text field submits the step
      await onPage(page, 'Vehicle make and colour');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Blue pick-up');
      await page.keyboard.press('Enter');

      await onPage(page, 'Add photos (optional)');
      await continueWithKeyboard(page);

      await onPage(page, 'Where is the problem?');
      await tabTo(page, 'Where is the problem?');
      await page.keyboard.type('Car park of the leisure centre, Hatfield');
      await continueWithKeyboard(page);

      await onPage(page, 'What happened?');
      await tabTo(page, 'What happened?');
      await page.keyboard.type('Four tyres left by the recycling bins.');
      await continueWithKeyboard(page);

      await onPage(page, 'How do you want to report this?');
      await tabTo(page, 'Report anonymously');
      await page.keyboard.press('Space');
      await continueWithKeyboard(page);

      await onPage(page, 'Check your answers before sending your report');
      await tabTo(page, 'Send report');
      await page.keyboard.press('Enter');
      await page.getByText(/^Sent\. Your reference is DBC-/).waitFor({ timeout: 15_000 });
      expect(offLoopback).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('other kinds of page', () => {
  it('pass axe and look right at phone size', async () => {
    const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
    const checker = new PageChecker(page, 'pages');
    try {
      await page.goto(e2e.server.url + '/');
      await page.getByRole('link', { name: 'Start now' }).click();
      await onPage(page, 'What is the problem?');
      await page.getByLabel('Noise', { exact: true }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await onPage(page, 'What kind of noise is it?');
      await page.getByRole('radio').first().check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await onPage(page, 'Where is the noise coming from?');
      await page.getByRole('textbox').fill('The flat above mine');
      await page.getByRole('button', { name: 'Continue' }).click();
      await onPage(page, 'Which room does it affect most?');
      await page.getByRole('radio').first().check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await onPage(page, 'When did it start?');
      await checker.check('datetime');
      await page.getByLabel('When did it start?').fill('2026-11-20T23:15');
      await page.getByRole('button', { name: 'Continue' }).click();
      await onPage(page, 'When did it stop?');
      await page.getByRole('button', { name: 'Continue' }).click();
      await onPage(page, 'How is it affecting you?');
      await page.getByRole('checkbox').first().check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await onPage(page, 'How loud is it');
      await page.getByRole('textbox').fill('12');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.locator('.govuk-error-summary').waitFor();
      await checker.check('number-error');
      await page.getByRole('textbox').fill('8');
      await page.getByRole('button', { name: 'Continue' }).click();
      await onPage(page, 'Has it happened at other times?');
      await page.getByLabel('No', { exact: true }).check();
      await page.getByRole('button', { name: 'Continue' }).click();

      // Nuisance: the council's risk questions, introduced, then one per page.
      await onPage(page, 'Questions about you and your safety');
      await page.getByRole('button', { name: 'Continue' }).click();
      await onPage(page, 'Are you in danger now');
      await checker.check('risk-in-danger');
      await answerRiskQuestions(page, 'No');

      await skipEvidence(page);
      await onPage(page, 'Where is the problem?');
      await page.getByLabel('Latitude').fill('52.4862');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.locator('.govuk-error-summary').waitFor();
      await checker.check('where-errors');
      await page.getByLabel('Longitude').fill('-1.8904');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText("This place is outside Demo Borough Council's area").first().waitFor();
      await page.getByLabel('Latitude').fill('');
      await page.getByLabel('Longitude').fill('');
      await page.getByLabel('Where is the problem?').fill('Flat 3, 10 Parkway');
      await page.getByRole('button', { name: 'Continue' }).click();

      await onPage(page, 'What happened?');
      await page.getByLabel('What happened?').fill('x'.repeat(4010));
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.locator('.govuk-error-summary').waitFor();
      await checker.check('what-too-long');
      await page.getByLabel('What happened?').fill('Loud music every night after 11pm.');
      await page.getByRole('button', { name: 'Continue' }).click();

      await onPage(page, 'How do you want to report this?');
      await page.getByLabel('Give contact details').check();
      await page.getByLabel('Email address').fill('not an email');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.locator('.govuk-error-summary').waitFor();
      await checker.check('details-contact-error');

      // A Personal category shows the emergency numbers before its first question.
      await page.goto(e2e.server.url + '/report/category');
      await onPage(page, 'What is the problem?');
      await page.getByLabel('Harassment or intimidation', { exact: true }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await onPage(page, 'If you need help now');
      expect(await page.locator('main').innerText()).toContain('Call 999');
      await page.getByRole('button', { name: 'Continue' }).click();
      await onPage(page, 'What happened?');
      await checker.check('personal-text-question');
      await page.getByLabel('What happened?').fill('Threats shouted at my door every evening.');
      await page.getByRole('button', { name: 'Continue' }).click();
      await onPage(page, 'Who is doing it?');
      await page.getByLabel('A neighbour').check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await onPage(page, 'How has it affected you?');
      await page.getByRole('button', { name: 'Continue' }).click();
      await onPage(page, 'Questions about you and your safety');
      await page.getByRole('button', { name: 'Continue' }).click();
      await onPage(page, 'Are you in danger now');
      await answerRiskQuestions(page, 'Yes');
      await skipEvidence(page);
      await onPage(page, 'Where is the problem?');
      await page.getByLabel('Where is the problem?').fill('My flat, Birchwood');
      await page.getByRole('button', { name: 'Continue' }).click();
      // The category asks "What happened?" already, so the description is optional here.
      await onPage(page, 'Is there anything else you want to tell us? (optional)');
      await page.getByRole('button', { name: 'Continue' }).click();
      await onPage(page, 'How do you want to report this?');
      await page.getByLabel('Give contact details').check();
      // The draft kept what was typed before (the bad email from the noise report): clear it.
      await page.getByLabel('Email address').fill('');
      await page.getByLabel('Phone number').fill('07700 900982');
      await page.getByRole('button', { name: 'Continue' }).click();
      await onPage(page, 'Check your answers before sending your report');
      await page.getByRole('button', { name: 'Send report' }).click();
      await page.getByText(/^Sent\. Your reference is DBC-/).waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('emergency-first').innerText()).toContain('call 999');
      expect(await page.getByTestId('risk-band').innerText()).toBe(
        'From your answers, this report is high priority. The council aims to contact you within 1 working day.',
      );
      await checker.check('personal-confirmation-high-risk');

      checker.assertClean();
      expect(offLoopback).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
