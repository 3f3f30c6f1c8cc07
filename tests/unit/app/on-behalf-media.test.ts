/**
 * Photos in a centre's on-behalf report (src/app/centre/on-behalf.ts): the step comes where the
 * resident flow has it (after the category's questions, before where it happened) only for
 * categories that take media, and only the kinds the category takes go into the sealed report.
 */
import { describe, expect, it } from 'vitest';
import {
  mediaInputs,
  mediaOf,
  newOnBehalf,
  STEP_MEDIA,
  STEP_WHERE,
  stepsFor,
  type OnBehalf,
} from '../../../src/app/centre/on-behalf';
import type { DraftMediaItem } from '../../../src/app/media/draft-media';
import { council } from './fixtures';

const item = (kind: 'photo' | 'recording', name: string): DraftMediaItem => ({
  id: crypto.randomUUID(),
  draftId: 'form',
  kind,
  bytes: new TextEncoder().encode(name).buffer,
  type: kind === 'photo' ? 'image/jpeg' : 'audio/webm',
  name,
  createdAt: 1,
});

const withCategory = (serviceCode: string | undefined, media: DraftMediaItem[] = []): OnBehalf => ({
  ...newOnBehalf(council),
  serviceCode,
  media,
});

describe('the photos step of a centre report', () => {
  it('comes after the questions and before where, for a category that takes photos', () => {
    const steps = stepsFor(council, withCategory('hate-incident'));
    expect(steps.indexOf(STEP_MEDIA)).toBe(steps.indexOf(STEP_WHERE) - 1);
    expect(steps.filter((s) => s.startsWith('question/')).length).toBeGreaterThan(0);
    expect(steps.indexOf(STEP_MEDIA)).toBeGreaterThan(
      steps.findLastIndex((s) => s.startsWith('question/')),
    );
    // No category chosen yet: no photos step.
    expect(stepsFor(council, withCategory(undefined))).not.toContain(STEP_MEDIA);
  });

  it('is not there for a category without media, and seals only what the category takes', () => {
    const noMedia = {
      ...council,
      services: council.services.map((s) =>
        s.service_code === 'hate-incident'
          ? { ...s, media: { photos: false, recordings: false } }
          : s,
      ),
    };
    expect(stepsFor(noMedia, withCategory('hate-incident'))).not.toContain(STEP_MEDIA);

    const form = withCategory('hate-incident', [
      item('photo', 'photo-1.jpg'),
      item('recording', 'recording-1.webm'),
      item('photo', 'photo-2.jpg'),
    ]);
    // The demo's hate incident takes photos, not recordings.
    expect(mediaOf(council, form).map((m) => m.name)).toEqual(['photo-1.jpg', 'photo-2.jpg']);
    expect(mediaInputs(council, form)).toEqual([
      { bytes: form.media[0]!.bytes, type: 'image/jpeg', name: 'photo-1.jpg' },
      { bytes: form.media[2]!.bytes, type: 'image/jpeg', name: 'photo-2.jpg' },
    ]);
    expect(mediaInputs(noMedia, form)).toEqual([]);
  });
});
