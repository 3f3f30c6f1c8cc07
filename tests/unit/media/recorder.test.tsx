// @vitest-environment happy-dom
/**
 * The recorder against stand-ins for the browser's microphone and MediaRecorder (the parts a test
 * machine has no hardware for): the preferred type, the microphone asked for only on Start, every
 * track stopped after a clip or a refusal, the time limit, and the words a refusal shows.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../../src/app/i18n';
import { RecordingSection } from '../../../src/app/media/RecordingSection';
import { pickRecordingType, startRecording } from '../../../src/app/media/recorder';

class FakeRecorder extends EventTarget {
  static supported = new Set(['audio/webm;codecs=opus', 'audio/webm']);
  static isTypeSupported = (t: string) => FakeRecorder.supported.has(t);
  state: 'inactive' | 'recording' = 'inactive';
  constructor(
    readonly stream: unknown,
    readonly opts: { mimeType: string },
  ) {
    super();
  }
  get mimeType() {
    return this.opts.mimeType;
  }
  start() {
    this.state = 'recording';
  }
  stop() {
    if (this.state === 'inactive') return;
    this.state = 'inactive';
    const data = new Blob([new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3])], {
      type: this.mimeType,
    });
    this.dispatchEvent(Object.assign(new Event('dataavailable'), { data }));
    this.dispatchEvent(new Event('stop'));
  }
}

function microphone(outcome: 'allow' | string) {
  const track = { stop: vi.fn() };
  const getUserMedia = vi.fn(async () => {
    if (outcome !== 'allow') throw new DOMException('no', outcome);
    return { getTracks: () => [track] };
  });
  vi.stubGlobal('MediaRecorder', FakeRecorder);
  Object.defineProperty(navigator, 'mediaDevices', {
    value: { getUserMedia },
    configurable: true,
  });
  return { track, getUserMedia };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('recorder', () => {
  it('picks the first supported of audio/mp4, audio/webm;codecs=opus, audio/webm', () => {
    expect(pickRecordingType((t) => t === 'audio/webm' || t === 'audio/mp4')).toBe('audio/mp4');
    expect(pickRecordingType((t) => t.startsWith('audio/webm'))).toBe('audio/webm;codecs=opus');
    expect(pickRecordingType(() => false)).toBeNull();
  });

  it('records a clip and stops the microphone afterwards', async () => {
    const { track, getUserMedia } = microphone('allow');
    const r = await startRecording(30);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(getUserMedia).toHaveBeenCalledWith({ audio: true });
    const clip = await r.value.stop();
    expect(clip.ok && clip.value.type).toBe('audio/webm;codecs=opus');
    expect(clip.ok && clip.value.bytes.byteLength).toBe(7);
    expect(track.stop).toHaveBeenCalled();
  });

  it('stops by itself at the time limit', async () => {
    const { track } = microphone('allow');
    const r = await startRecording(0.05);
    if (!r.ok) throw new Error('not started');
    const clip = await r.value.done;
    expect(clip.ok && clip.value.durationMs).toBeLessThanOrEqual(50);
    expect(track.stop).toHaveBeenCalled();
  });

  it('names a refusal and a missing microphone', async () => {
    microphone('NotAllowedError');
    expect(await startRecording()).toEqual({ ok: false, error: 'denied' });
    microphone('NotFoundError');
    expect(await startRecording()).toEqual({ ok: false, error: 'no-microphone' });
  });

  it('asks only from the button, and explains how to allow the microphone', async () => {
    const { getUserMedia } = microphone('NotAllowedError');
    const i18n = await createI18n('en');
    render(
      <I18nextProvider i18n={i18n}>
        <RecordingSection
          recordings={[]}
          error={null}
          onClip={async () => {}}
          onRemove={() => {}}
        />
      </I18nextProvider>,
    );
    expect(getUserMedia).not.toHaveBeenCalled();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Start recording' }));
    });
    expect(getUserMedia).toHaveBeenCalledTimes(1);
    const box = await screen.findByTestId('mic-error');
    expect(box.textContent).toContain('Your phone did not let this page use the microphone.');
    expect(box.textContent).toContain('set Microphone to Allow');
  });
});
