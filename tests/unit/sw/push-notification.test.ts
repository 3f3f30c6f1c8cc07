/**
 * What the service worker shows for a push, and the page a tap opens: a resident's push opens the
 * report's page on the phone; a reporting centre's opens the centre's page for the report (the
 * resident's page would find nothing on the centre's tablet). Words come from the locale files.
 */
import { describe, expect, it } from 'vitest';
import { notificationFor } from '../../../src/sw/push-notification';

const REF = 'DBC-7K2M9Q4X';

describe('notificationFor', () => {
  it("words a centre's push for the centre and opens the centre's page for the report", () => {
    const shown = notificationFor({ ref: REF, lang: 'en', key: 'update', audience: 'centre' });
    expect(shown).toEqual({
      title: 'Neighbourhood Reporter',
      options: expect.objectContaining({
        body: `Report ${REF} made by your centre has an update. Tap to see it.`,
        lang: 'en',
        dir: 'ltr',
        tag: `report-${REF}`,
        data: { url: `/centre/reports/${REF}` },
      }) as unknown,
    });
  });

  it("says it in the centre's language, right to left for Urdu", () => {
    const shown = notificationFor({ ref: REF, lang: 'ur', key: 'update', audience: 'centre' });
    expect(shown?.options.dir).toBe('rtl');
    expect(shown?.options.body).toContain(REF);
    expect(shown?.options.body).toContain('مرکز');
    expect(shown?.options.data.url).toBe(`/centre/reports/${REF}`);
    const welsh = notificationFor({ ref: REF, lang: 'cy', key: 'update', audience: 'centre' });
    expect(welsh?.options.body).toBe(
      `Mae diweddariad ar adroddiad ${REF} a wnaed gan eich canolfan. Tapiwch i’w weld.`,
    );
  });

  it("opens the resident's report page for a resident's push, and for one that names no audience", () => {
    for (const payload of [
      { ref: REF, lang: 'en', key: 'update', audience: 'resident' },
      { ref: REF, lang: 'en', key: 'update' },
    ]) {
      const shown = notificationFor(payload);
      expect(shown?.options.body).toBe(`Your report ${REF} has an update. Tap to see it.`);
      expect(shown?.options.data.url).toBe(`/reports/${REF}`);
    }
  });

  it('shows nothing for a payload that is not ours', () => {
    expect(notificationFor(null)).toBeNull();
    expect(notificationFor({ ref: REF, lang: 'en', key: 'update', audience: 'victim' })).toBeNull();
    expect(notificationFor({ ref: REF, lang: 'fr', key: 'update' })).toBeNull();
  });
});
