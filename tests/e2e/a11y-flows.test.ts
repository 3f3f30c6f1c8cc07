/**
 * axe-core on every page of every kind of flow, in English and in Urdu (right to left): an
 * Environmental report with a conditional question, a Nuisance report with a noise diary and the
 * risk questions, and a sensitive Personal report (hate incident, safe contact, in danger now).
 * Every page is photographed at 390x844 (./screenshots/a11y-<lang>-<flow>-NN-<page>.png).
 *
 * The walk picks answers by their keys and fields by id, so the same walk runs in any language.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPhoneContext } from './harness';
import { serverAndBrowser } from './suite';
import { PageChecker } from './flow-helpers';
import {
  at,
  choose,
  EVIDENCE,
  question,
  riskSteps,
  submit,
  walk,
  type Step,
} from './questions-walk';

const e2e = serverAndBrowser();

const fill = (id: string, text: string) => (p: Page) => p.locator(`#${id}`).fill(text);

/** From the category page (with its guidance open and its error shown) into a category. */
function categorySteps(code: string): Step[] {
  return [
    {
      at: '/report/category',
      name: 'category-error',
      act: async (p) => {
        await submit(p);
        await p.locator('.govuk-error-summary').waitFor();
      },
      noSubmit: true,
    },
    {
      at: '/report/category',
      name: 'category',
      act: async (p) => {
        await p.locator('.govuk-details__summary').click();
        await choose(p, 'category', code);
      },
    },
  ];
}

/** Where (with an error first), what, and the rest of the flow to the confirmation. */
function endSteps(details: Step | null): Step[] {
  return [
    EVIDENCE,
    {
      at: '/report/where',
      name: 'where-error',
      act: async (p) => {
        await submit(p);
        await p.locator('.govuk-error-summary').waitFor();
      },
      noSubmit: true,
    },
    {
      at: '/report/where',
      name: 'where',
      act: fill('where-address', 'Howardsgate, Welwyn Garden City'),
    },
    {
      at: '/report/what',
      name: 'what',
      act: fill('what-description', 'It happens most evenings.'),
    },
    ...(details ? [details] : []),
    { at: '/report/check', name: 'check', noSubmit: true },
  ];
}

const FLOWS: Record<string, Step[]> = {
  environmental: [
    ...categorySteps('graffiti'),
    {
      at: question('offensive'),
      name: 'offensive',
      act: (p) => choose(p, 'answer-offensive', 'yes'),
    },
    {
      at: question('offensive_type'),
      name: 'offensive-type',
      act: (p) => choose(p, 'answer-offensive_type', 'hate', 'threatening'),
    },
    { at: question('surface'), name: 'surface', act: (p) => choose(p, 'answer-surface', 'wall') },
    {
      at: question('ownership'),
      name: 'ownership',
      act: (p) => choose(p, 'answer-ownership', 'public'),
    },
    ...endSteps({
      at: '/report/details',
      name: 'details',
      act: (p) => choose(p, 'contact', 'anonymous'),
    }),
  ],
  nuisance: [
    ...categorySteps('noise'),
    {
      at: question('noise_type'),
      name: 'noise-type',
      act: (p) => choose(p, 'answer-noise_type', 'music'),
    },
    {
      at: question('source_address'),
      name: 'source',
      act: fill('answer-source_address', 'Flat 4'),
    },
    { at: question('room'), name: 'room', act: (p) => choose(p, 'answer-room', 'bedroom') },
    { at: question('started'), name: 'started', act: fill('answer-started', '2026-11-20T23:15') },
    { at: question('ended'), name: 'ended' },
    {
      at: question('effect'),
      name: 'effect',
      act: (p) => choose(p, 'answer-effect', 'sleep', 'stress'),
    },
    { at: question('level'), name: 'level', act: fill('answer-level', '7') },
    { at: question('repeated'), name: 'repeated', act: (p) => choose(p, 'answer-repeated', 'yes') },
    {
      at: question('diary'),
      name: 'diary-error',
      act: async (p) => {
        await submit(p);
        await p.locator('.govuk-error-summary').waitFor();
      },
      noSubmit: true,
    },
    {
      at: question('diary'),
      name: 'diary',
      act: async (p) => {
        await p.locator('#answer-diary').fill('2026-11-18');
        await p.locator('#answer-diary-0-start').fill('23:10');
        await p.locator('#answer-diary-0-end').fill('01:30');
        await p.locator('#answer-diary-0-level').fill('8');
        await p.locator('#answer-diary-add').click();
        await p.locator('#answer-diary-1-date').fill('2026-11-19');
        await p.locator('#answer-diary-1-start').fill('22:00');
        await p.locator('#answer-diary-1-end').fill('23:45');
        await p.locator('#answer-diary-1-level').fill('6');
        await p.locator('#answer-diary-1-note').fill('Shouting');
      },
    },
    ...riskSteps({
      risk_happened_before: 'prefer_not_to_say',
      risk_often: 'yes',
      risk_health: 'yes',
    }),
    ...endSteps({
      at: '/report/details',
      name: 'details',
      act: async (p) => {
        await choose(p, 'contact', 'contact');
        await p.locator('#details-email').fill('resident@example.com');
      },
    }),
  ],
  personal: [
    ...categorySteps('hate-incident'),
    { at: '/report/emergency', name: 'emergency' },
    {
      at: question('strands'),
      name: 'strands',
      act: (p) => choose(p, 'answer-strands', 'race', 'religion'),
    },
    {
      at: question('hostility'),
      name: 'hostility',
      act: (p) => choose(p, 'answer-hostility', 'words'),
    },
    {
      at: question('location_type'),
      name: 'location',
      act: (p) => choose(p, 'answer-location_type', 'street'),
    },
    { at: question('role'), name: 'role', act: (p) => choose(p, 'answer-role', 'on_behalf') },
    {
      at: question('victim_consent'),
      name: 'victim-consent',
      act: (p) => choose(p, 'answer-victim_consent', 'yes'),
    },
    {
      at: question('police_consent'),
      name: 'police-consent',
      act: (p) => choose(p, 'answer-police_consent', 'no'),
    },
    {
      at: question('anonymity'),
      name: 'anonymity',
      act: (p) => choose(p, 'answer-anonymity', 'safe_contact'),
    },
    {
      at: question('safe_method'),
      name: 'safe-method',
      act: (p) => choose(p, 'answer-safe_method', 'phone_call'),
    },
    { at: question('safe_times'), name: 'safe-times', act: fill('answer-safe_times', 'After 6pm') },
    ...riskSteps({ risk_in_danger_now: 'yes', risk_targeted: 'yes' }),
    ...endSteps({
      at: '/report/details',
      name: 'details-required',
      act: fill('details-phone', '07700 900982'),
    }),
  ],
};

async function walkFlow(lang: 'en' | 'ur', flow: string): Promise<void> {
  const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
  const checker = new PageChecker(page, `a11y-${lang}-${flow}`);
  try {
    await page.goto(`${e2e.server.url}/report/category?lang=${lang}`);
    await at(page, '/report/category');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe(
      lang === 'ur' ? 'rtl' : 'ltr',
    );
    await walk(page, FLOWS[flow]!, checker);
    await page.locator('#send-report').click();
    await page.locator('.app-reference').waitFor({ timeout: 20_000 });
    await checker.check('confirmation');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    checker.assertClean();
    expect(offLoopback).toEqual([]);
  } finally {
    await context.close();
  }
}

describe.each(['en', 'ur'] as const)('every page passes axe in %s', (lang) => {
  it.each(Object.keys(FLOWS))('%s flow', (flow) => walkFlow(lang, flow), 240_000);
});
