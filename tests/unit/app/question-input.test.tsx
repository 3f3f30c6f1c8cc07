// @vitest-environment happy-dom
/** Each Open311 datatype renders as the GOV.UK control for it, with the question as the h1. */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Attribute } from '../../../src/shared/council-config';
import type { AnswerValue } from '../../../src/shared/report';
import { createI18n } from '../../../src/app/i18n';
import { QuestionInput } from '../../../src/app/report/QuestionPage';
import { service } from './fixtures';

let i18n: I18n;
beforeAll(async () => {
  i18n = await createI18n('en');
});
afterEach(cleanup);

function attr(serviceCode: string, code: string): Attribute {
  const a = service(serviceCode).attributes.find((x) => x.code === code);
  if (!a) throw new Error(`no attribute ${code}`);
  return a;
}

function Harness({ a, initial }: { a: Attribute; initial?: AnswerValue }) {
  const [value, setValue] = useState<AnswerValue | undefined>(initial);
  return (
    <>
      <QuestionInput attr={a} value={value} onChange={setValue} error={null} />
      <output data-testid="value">{JSON.stringify(value ?? null)}</output>
    </>
  );
}

const show = (a: Attribute, initial?: AnswerValue) =>
  render(
    <I18nextProvider i18n={i18n}>
      <Harness a={a} initial={initial} />
    </I18nextProvider>,
  );
const value = () => JSON.parse(screen.getByTestId('value').textContent!) as unknown;

describe('QuestionInput', () => {
  it('singlevaluelist: radios in a fieldset whose legend is the h1', () => {
    const a = attr('fly-tipping', 'size');
    show(a);
    const radios = screen.getAllByRole('radio');
    expect(radios).toHaveLength(a.values!.length);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('How much has been dumped?');
    expect(screen.getByRole('group', { name: 'How much has been dumped?' })).toBeTruthy();
    expect(radios[0]!.id).toBe('answer-size');
    fireEvent.click(screen.getByLabelText('A small van load'));
    expect(value()).toBe('small_van');
  });

  it('multivaluelist: checkboxes, answers kept in the order of the choices', () => {
    const a = attr('fly-tipping', 'waste_types');
    show(a);
    expect(screen.getAllByRole('checkbox')).toHaveLength(a.values!.length);
    expect(screen.getByText('Select all that apply.')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Tyres'));
    fireEvent.click(screen.getByLabelText('Household black bags'));
    expect(value()).toEqual(['household', 'tyres']);
    fireEvent.click(screen.getByLabelText('Tyres'));
    expect(value()).toEqual(['household']);
  });

  it('string: a text input labelled by the h1, sized to its maximum length', () => {
    show(attr('fly-tipping', 'vehicle_registration'));
    const input = screen.getByRole('textbox', {
      name: 'Vehicle registration, if you saw it (optional)',
    });
    expect(input.tagName).toBe('INPUT');
    expect(input.className).toContain('govuk-input--width-10');
    expect(input.closest('h1')).toBeNull();
    expect(screen.getByRole('heading', { level: 1 }).querySelector('label')?.htmlFor).toBe(
      input.id,
    );
    fireEvent.change(input, { target: { value: 'AB12 CDE' } });
    expect(value()).toBe('AB12 CDE');
  });

  it('text: a textarea with a character count', async () => {
    show(attr('harassment', 'what_happened'));
    const area = screen.getByRole('textbox', { name: 'What happened?' });
    expect(area.tagName).toBe('TEXTAREA');
    expect(screen.getByText('You can enter up to 2,000 characters')).toBeTruthy();
    await act(async () => {
      fireEvent.change(area, { target: { value: 'abc' } });
    });
    expect(screen.getByText('You have 1,997 characters remaining')).toBeTruthy();
  });

  it('number: a narrow input with the range as a hint', () => {
    show(attr('noise', 'level'));
    const input = screen.getByRole('textbox', { name: /How loud is it/ });
    expect(input.getAttribute('inputmode')).toBe('decimal');
    expect(screen.getByText('Enter a number from 1 to 10.')).toBeTruthy();
  });

  it('datetime: a date and time input', () => {
    show(attr('noise', 'started'));
    const input = screen.getByLabelText('When did it start?') as HTMLInputElement;
    expect(input.type).toBe('datetime-local');
    fireEvent.change(input, { target: { value: '2026-11-21T18:30' } });
    expect(value()).toBe('2026-11-21T18:30');
  });

  it('marks optional questions and keeps a given answer selected', () => {
    show(attr('neighbour-nuisance', 'spoken'), 'yes');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'Have you spoken to your neighbour about it? (optional)',
    );
    expect((screen.getByLabelText('Yes') as HTMLInputElement).checked).toBe(true);
  });
});
