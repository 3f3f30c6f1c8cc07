/**
 * A noise report with a recording, end to end, with Chromium's fake microphone (the harness
 * launches it with --use-fake-device-for-media-stream): the clip is recorded from the Start
 * recording button, played back on the phone, sent with the report, and kept by the server with
 * its real type and a duration that plays (decoded again in the browser from the stored file).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PageChecker, onPage } from './flow-helpers';
import { newPhoneContext } from './harness';
import { serverAndBrowser } from './suite';
import {
  CHECK_TITLE,
  SENT,
  continueToCheck,
  mediaPath,
  openAtStep,
  recordAtLeast,
  storedFor,
} from './media-helpers';

const e2e = serverAndBrowser({ tiles: true });

describe('noise recordings', () => {
  it('records a clip, files the report, and the server keeps playable audio', async () => {
    const { context, page, offLoopback } = await newPhoneContext(e2e.browser);
    const checker = new PageChecker(page, 'media-recording');
    try {
      const draft = await openAtStep(page, e2e.server.url, 'noise', 'evidence');
      await onPage(page, 'Record the noise (optional)');
      // Nothing asks for the microphone before the button is pressed.
      expect(await page.locator('input[type=file]').count()).toBe(0);
      await checker.check('empty');

      const pressed = Date.now();
      await page.getByRole('button', { name: 'Start recording' }).click();
      await page.getByTestId('recording-timer').waitFor();
      await checker.check('recording');
      await recordAtLeast(page, 2);
      await page.getByRole('button', { name: 'Stop recording' }).click();
      const item = page.getByTestId('recording-item');
      await item.waitFor({ timeout: 15_000 });
      // The clip is at least 2 s (the page's timer said so) and no longer than from pressing
      // Start to the clip being listed; the label gives its length in whole seconds.
      const longest = Math.round((Date.now() - pressed) / 1000);
      const label = await item.locator('p').innerText();
      const said = /^Recording 1, (\d+) seconds$/.exec(label);
      expect(said, label).not.toBeNull();
      expect(Number(said![1])).toBeGreaterThanOrEqual(2);
      expect(Number(said![1])).toBeLessThanOrEqual(longest);
      // The phone plays it back.
      const played = await item
        .locator('audio')
        .evaluate(
          (a: HTMLAudioElement) =>
            new Promise<number>((resolve) =>
              a.readyState >= 1
                ? resolve(a.duration)
                : a.addEventListener('loadedmetadata', () => resolve(a.duration), { once: true }),
            ),
        );
      expect(played).toBeGreaterThan(0);
      // The microphone is released after the clip (no live track left).
      expect(await page.getByRole('button', { name: 'Record another clip' }).isVisible()).toBe(
        true,
      );
      await checker.check('recorded');

      await continueToCheck(page);
      await onPage(page, CHECK_TITLE);
      expect(await page.getByTestId('media-summary').innerText()).toBe('1 recording');
      await page.getByRole('button', { name: 'Send report' }).click();
      await page.getByText(SENT).waitFor({ timeout: 30_000 });

      const stored = storedFor(e2e.server.dataDir, draft.id);
      expect(stored.media).toHaveLength(1);
      const m = stored.media[0]!;
      expect(m.kind).toBe('recording');
      // Chromium records the first supported type: audio/mp4.
      expect(m.content_type).toBe('audio/mp4');
      expect(m.duration_ms).toBeGreaterThan(1500);
      expect(m.duration_ms).toBeLessThan(30_000);
      const bytes = [...readFileSync(mediaPath(e2e.server.dataDir, m))];
      const decoded = await page.evaluate(async (b) => {
        const ctx = new AudioContext();
        const audio = await ctx.decodeAudioData(new Uint8Array(b).buffer);
        await ctx.close();
        return audio.duration;
      }, bytes);
      expect(decoded).toBeGreaterThan(1.5);
      expect(Math.abs(decoded * 1000 - m.duration_ms!)).toBeLessThan(600);
      expect(offLoopback).toEqual([]);
      checker.assertClean();
    } finally {
      await context.close();
    }
  });
});
