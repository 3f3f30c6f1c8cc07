/**
 * A refused report whose category the council has withdrawn since is changed through the flow:
 * with the fresh configuration the flow has no steps for that category, so every step sends the
 * resident to choose a category again (never to an empty "Check your answers").
 */
import { describe, expect, it } from 'vitest';
import { draftFromSubmission } from '../../../src/app/report/draft';
import { redirectFor } from '../../../src/app/report/ReportFlow';
import type { CouncilConfig } from '../../../src/shared/council-config';
import { council } from './fixtures';

const withdrawn: CouncilConfig = {
  ...council,
  services: council.services.map((s) =>
    s.service_code === 'littering' ? { ...s, active: false } : s,
  ),
};

const refused = {
  service_code: 'littering',
  description: 'Cans and wrappers.',
  address_string: 'Bus shelter, Howlands',
  attributes: { amount: 'small' },
};

describe('changing a refused report whose category was withdrawn', () => {
  it('goes to the category, not to an empty check answers page', () => {
    const draft = draftFromSubmission(withdrawn, 'a-report', refused as never);
    expect(draft.editing).toBe('a-report');
    for (const step of ['check', 'where', 'what', 'details']) {
      expect(redirectFor(withdrawn, draft, step), step).toBe('/report/category');
    }
    expect(redirectFor(withdrawn, draft, 'category')).toBeNull();
  });

  it('while the category is still offered, check answers is shown as before', () => {
    const draft = draftFromSubmission(council, 'a-report', refused as never);
    expect(redirectFor(council, draft, 'check')).toBeNull();
  });
});
