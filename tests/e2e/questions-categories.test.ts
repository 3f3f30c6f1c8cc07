/**
 * Full question sets through the real app: a noise report with a noise diary (asked only after
 * "it happened at other times"), street drinking inside the town-centre PSPO zone ("None" standing
 * alone, the order's rules shown, the flag computed by the server), and a hate incident reported
 * for someone else with safe contact only. The council's API holds exactly the answers given.
 */
import { describe, expect, it } from 'vitest';
import { newPhoneContext } from './harness';
import { serverAndBrowser } from './suite';
import { PageChecker } from './flow-helpers';
import {
  at,
  choose,
  EVIDENCE,
  fullView,
  question,
  RISK_CODES,
  riskSteps,
  sendAndWait,
  submit,
  walk,
} from './questions-walk';

const e2e = serverAndBrowser();

const RISK_NO = Object.fromEntries(RISK_CODES.map((c) => [c, 'no']));

describe('question sets through the app', () => {
  it('noise: a diary of several times, asked only after "it happened at other times"', async () => {
    const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
    const checker = new PageChecker(page, 'questions-noise');
    try {
      await page.goto(e2e.server.url + '/report/category');
      await at(page, '/report/category');
      await page.getByLabel('Noise', { exact: true }).check();
      await submit(page);
      await walk(page, [
        {
          at: question('noise_type'),
          name: 'type',
          act: (p) => choose(p, 'answer-noise_type', 'music'),
        },
        {
          at: question('source_address'),
          name: 'source',
          act: (p) => p.getByLabel('Where is the noise coming from?').fill('Flat 4, 10 Parkway'),
        },
        { at: question('room'), name: 'room', act: (p) => p.getByLabel('Bedroom').check() },
        {
          at: question('started'),
          name: 'started',
          act: (p) => p.getByLabel('When did it start?').fill('2026-11-20T23:15'),
        },
        { at: question('ended'), name: 'ended' },
        {
          at: question('effect'),
          name: 'effect',
          act: (p) => p.getByLabel('Loss of sleep').check(),
        },
        {
          at: question('level'),
          name: 'level',
          act: (p) => p.getByLabel(/How loud is it/).fill('8'),
        },
        { at: question('repeated'), name: 'repeated', act: (p) => p.getByLabel('Yes').check() },
      ]);

      await at(page, question('diary'));
      await page.locator('#answer-diary').fill('2026-11-18');
      await page.locator('#answer-diary-0-start').fill('23:10');
      await page.locator('#answer-diary-0-end').fill('01:30');
      await page.locator('#answer-diary-0-note').fill('Bass through the bedroom wall');
      await submit(page);
      // The level is missing: the error summary links to the field.
      await page.locator('.govuk-error-summary').waitFor();
      await checker.check('diary-error');
      await page.getByRole('link', { name: 'Enter how loud time 1 was' }).click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.id))
        .toBe('answer-diary-0-level');
      await page.keyboard.type('8');
      await page.getByRole('button', { name: 'Add another time' }).click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.id))
        .toBe('answer-diary-1-date');
      await page.locator('#answer-diary-1-date').fill('2026-11-19');
      await page.locator('#answer-diary-1-start').fill('22:00');
      await page.locator('#answer-diary-1-end').fill('23:45');
      await page.locator('#answer-diary-1-level').fill('6');
      await checker.check('diary');
      await submit(page);

      await walk(page, [
        ...riskSteps(),
        EVIDENCE,
        {
          at: '/report/where',
          name: 'where',
          act: (p) => p.getByLabel('Where is the problem?').fill('Flat 3, 10 Parkway, Hatfield'),
        },
        {
          at: '/report/what',
          name: 'what',
          act: (p) => p.getByLabel('What happened?').fill('Music every night after 11pm.'),
        },
        {
          at: '/report/details',
          name: 'details',
          act: (p) => p.getByLabel('Report anonymously').check(),
        },
      ]);
      await at(page, '/report/check');
      const summary = await page.locator('main').innerText();
      expect(summary).toContain(
        '2026-11-18, 23:10 to 01:30, level 8. Bass through the bedroom wall',
      );
      expect(summary).toContain('2026-11-19, 22:00 to 23:45, level 6.');
      expect(summary).toContain('About your safety');
      await checker.check('check');
      const { id, reference } = await sendAndWait(page);

      const view = await fullView(e2e.server.url, reference, id);
      expect(view.attributes).toEqual({
        noise_type: 'music',
        source_address: 'Flat 4, 10 Parkway',
        room: 'bedroom',
        started: '2026-11-20T23:15',
        effect: ['sleep'],
        level: '8',
        repeated: 'yes',
        diary:
          '2026-11-18 23:10-01:30 level 8: Bass through the bedroom wall\n2026-11-19 22:00-23:45 level 6',
        ...RISK_NO,
      });
      checker.assertClean();
      expect(offLoopback).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('street drinking in the PSPO zone: "Nothing else" stands alone, the order is shown, the server flags it', async () => {
    const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
    const checker = new PageChecker(page, 'questions-street-drinking');
    try {
      await page.goto(e2e.server.url + '/report/category');
      await at(page, '/report/category');
      await page.getByLabel('Street drinking', { exact: true }).check();
      await submit(page);
      await walk(page, [
        { at: question('how_many'), name: 'how-many', act: (p) => p.getByLabel('2 to 5').check() },
      ]);
      await at(page, question('behaviour'));
      const shouting = page.getByLabel('Shouting or swearing');
      const nothing = page.getByLabel('Nothing else');
      await shouting.check();
      await nothing.check();
      expect(await shouting.isChecked()).toBe(false);
      await page.getByLabel('Leaving bottles or cans').check();
      expect(await nothing.isChecked()).toBe(false);
      await shouting.check();
      // GOV.UK's "or" divider sits above the answer that stands alone.
      expect(await page.locator('.govuk-checkboxes__divider').innerText()).toBe('or');
      await checker.check('behaviour-exclusive');
      await submit(page);
      await walk(page, [
        { at: question('ongoing'), name: 'ongoing', act: (p) => p.getByLabel('Yes').check() },
        ...riskSteps(),
        EVIDENCE,
        { at: '/report/where', name: 'where', noSubmit: true },
      ]);

      await page.getByLabel('Where is the problem?').fill('Outside the station, Hatfield');
      await page.getByLabel(/^Latitude/).fill('51.7634');
      await page.getByLabel(/^Longitude/).fill('-0.2237');
      const notice = page.getByTestId('pspo-notice');
      await notice.waitFor();
      const words = await notice.innerText();
      expect(words).toContain(
        'This place is inside the Hatfield town centre Public Spaces Protection Order.',
      );
      expect(words).toContain('Refusing to hand over alcohol when asked to');
      await checker.check('where-pspo');
      await submit(page);
      await walk(page, [
        {
          at: '/report/what',
          name: 'what',
          act: (p) =>
            p.getByLabel('What happened?').fill('A group drinking and shouting at people.'),
        },
        {
          at: '/report/details',
          name: 'details',
          act: (p) => p.getByLabel('Report anonymously').check(),
        },
      ]);
      await at(page, '/report/check');
      expect(await page.getByTestId('pspo-notice').innerText()).toContain('Hatfield town centre');
      await checker.check('check');
      const { id, reference } = await sendAndWait(page);
      const view = await fullView(e2e.server.url, reference, id);
      expect(view.attributes).toEqual({
        how_many: 'two_to_five',
        behaviour: ['shouting', 'litter'],
        ongoing: 'yes',
        ...RISK_NO,
        in_pspo_zone: 'yes',
        pspo_zone: 'hatfield-town-centre',
      });
      checker.assertClean();
      expect(offLoopback).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('hate incident for someone else, contact only in a safe way at safe times', async () => {
    const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
    try {
      await page.goto(e2e.server.url + '/report/category');
      await at(page, '/report/category');
      await page.getByLabel('Hate incident or hate crime', { exact: true }).check();
      await submit(page);
      await at(page, '/report/emergency');
      expect(await page.locator('main').innerText()).toContain('press the Shift key 3 times');
      await submit(page);
      await walk(page, [
        {
          at: question('strands'),
          name: 'strands',
          act: async (p) => {
            await p.getByLabel('Race, ethnicity or nationality').check();
            await p.getByLabel('Religion or belief').check();
          },
        },
        {
          at: question('hostility'),
          name: 'hostility',
          act: (p) => p.getByLabel('Words or names used').check(),
        },
        {
          at: question('location_type'),
          name: 'location',
          act: (p) => p.getByLabel('On public transport').check(),
        },
        {
          at: question('role'),
          name: 'role',
          act: (p) => p.getByLabel('I am reporting for someone it happened to').check(),
        },
        {
          at: question('victim_consent'),
          name: 'consent',
          act: (p) => p.getByLabel('Yes, they know and agree').check(),
        },
        { at: question('police_consent'), name: 'police', act: (p) => p.getByLabel('Yes').check() },
        {
          at: question('anonymity'),
          name: 'anonymity',
          act: (p) => p.getByLabel('Contact me only in a safe way and at safe times').check(),
        },
        {
          at: question('safe_method'),
          name: 'method',
          act: (p) => p.getByLabel('A text message').check(),
        },
        {
          at: question('safe_times'),
          name: 'times',
          act: (p) => p.getByLabel('When is it safe to contact you?').fill('Weekdays 10am to 2pm'),
        },
        ...riskSteps(),
        EVIDENCE,
        {
          at: '/report/where',
          name: 'where',
          act: (p) => p.getByLabel('Where is the problem?').fill('Number 4 bus, Hatfield'),
        },
        {
          at: '/report/what',
          name: 'what',
          act: (p) =>
            p.getByLabel('What happened?').fill('A man shouted racist abuse at my neighbour.'),
        },
      ]);
      // Contact was asked for: no anonymous choice here, and who sees the details comes first.
      await at(page, '/report/details');
      expect(await page.getByLabel('Report anonymously').count()).toBe(0);
      const text = await page.locator('main').innerText();
      expect(text.indexOf('will see your contact details')).toBeLessThan(
        text.indexOf('Phone number'),
      );
      await page.getByLabel('Phone number').fill('07700 900982');
      await submit(page);
      await at(page, '/report/check');
      const { id, reference } = await sendAndWait(page);
      const view = await fullView(e2e.server.url, reference, id);
      expect(view.attributes).toEqual({
        strands: ['race', 'religion'],
        hostility: ['words'],
        location_type: 'transport',
        role: 'on_behalf',
        victim_consent: 'yes',
        police_consent: 'yes',
        anonymity: 'safe_contact',
        safe_method: 'text_message',
        safe_times: 'Weekdays 10am to 2pm',
        ...RISK_NO,
      });
      expect(view.phone).toBe('07700 900982');
      expect(view.risk_band).toBe('medium'); // hate incidents are never below medium
      expect(offLoopback).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
