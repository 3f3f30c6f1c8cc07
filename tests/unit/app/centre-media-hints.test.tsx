// @vitest-environment happy-dom
/**
 * The hints of the photos and recordings sections: the resident flow's speak of the resident's
 * phone; on a reporting centre's shared tablet (the on-behalf photos step) they speak of this
 * tablet instead, and never of a phone.
 */
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { newOnBehalf } from '../../../src/app/centre/on-behalf';
import { MediaStep } from '../../../src/app/centre/OnBehalfSteps';
import { CouncilContext } from '../../../src/app/council/council-context';
import { PhotoSection } from '../../../src/app/media/PhotoSection';
import { RecordingSection } from '../../../src/app/media/RecordingSection';
import type { CouncilConfig } from '../../../src/shared/council-config';
import { council, renderApp } from './fixtures';

afterEach(cleanup);

const noop = () => undefined;
const hints = () => [...document.querySelectorAll('.govuk-hint')].map((e) => e.textContent ?? '');

describe('photo and recording hints', () => {
  it("keep the resident flow's wording about the phone", async () => {
    await renderApp(
      '/report',
      <>
        <PhotoSection
          photos={[]}
          places={new Map()}
          error={null}
          status=""
          busy={false}
          onFiles={noop}
          onRemove={noop}
          onUsePlace={noop}
        />
        <RecordingSection recordings={[]} error={null} onClip={async () => {}} onRemove={noop} />
      </>,
    );
    expect(hints()).toEqual([
      expect.stringContaining('They are made smaller on your phone'),
      expect.stringContaining('with your phone pointing towards the noise'),
    ]);
  });

  it('speak of this tablet on the centre flow, never of a phone', async () => {
    // A category taking both, so both sections show.
    const both: CouncilConfig = {
      ...council,
      services: council.services.map((s) =>
        s.service_code === 'hate-incident'
          ? { ...s, media: { photos: true, recordings: true } }
          : s,
      ),
    };
    await renderApp(
      '/centre/new',
      <CouncilContext.Provider value={both}>
        <MediaStep
          form={{ ...newOnBehalf(both), serviceCode: 'hate-incident' }}
          set={noop}
          next={noop}
          back={noop}
          initialErrors={[]}
        />
      </CouncilContext.Provider>,
    );
    await screen.findByRole('heading', { name: 'Photos' });
    expect(hints()).toEqual([
      expect.stringContaining('They are made smaller on this tablet'),
      expect.stringContaining('with the tablet pointing towards the noise'),
    ]);
    expect(hints().join(' ')).not.toMatch(/\bphone\b/i);
  });
});
