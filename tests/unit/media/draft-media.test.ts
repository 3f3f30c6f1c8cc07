/**
 * The draft's photos and recordings on fake-indexeddb (node environment: ArrayBuffers survive, as
 * in browsers): kept per draft, cleared for other drafts, and a refused report's media imported
 * once for changing.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  addDraftMedia,
  clearDraftMedia,
  editedMedia,
  importDraftMedia,
  listDraftMedia,
  removeDraftMedia,
  type DraftMediaItem,
} from '../../../src/app/media/draft-media';

const bytes = (n: number) => new Uint8Array([n, n, n]).buffer;
const item = (draftId: string, n: number): DraftMediaItem => ({
  id: `${draftId}-${n}`,
  draftId,
  kind: 'photo',
  bytes: bytes(n),
  type: 'image/jpeg',
  name: `p${n}.jpg`,
  createdAt: n,
});

describe('draft media', () => {
  it('keeps items per draft in the order added, and clears other drafts', async () => {
    await addDraftMedia(item('a', 2));
    await addDraftMedia(item('a', 1));
    await addDraftMedia(item('b', 3));
    expect((await listDraftMedia('a')).map((i) => i.name)).toEqual(['p1.jpg', 'p2.jpg']);
    expect(new Uint8Array((await listDraftMedia('a'))[0]!.bytes)).toEqual(
      new Uint8Array([1, 1, 1]),
    );
    await clearDraftMedia('a');
    expect(await listDraftMedia('b')).toEqual([]);
    expect(await listDraftMedia('a')).toHaveLength(2);
    await clearDraftMedia();
    expect(await listDraftMedia('a')).toEqual([]);
  });

  it("imports a refused report's media once; what is left goes back with the fix", async () => {
    expect(await editedMedia('fix')).toBeNull();
    const queued = [
      { bytes: bytes(7), type: 'image/jpeg', name: 'one.jpg' },
      { bytes: bytes(8), type: 'audio/mp4', name: 'clip.m4a' },
    ];
    await importDraftMedia('fix', queued);
    await importDraftMedia('fix', queued); // opening the step again imports nothing more
    const items = await listDraftMedia('fix');
    expect(items.map((i) => [i.kind, i.name])).toEqual([
      ['photo', 'one.jpg'],
      ['recording', 'clip.m4a'],
    ]);
    await removeDraftMedia(items[0]!.id);
    expect((await editedMedia('fix'))!.map((m) => m.name)).toEqual(['clip.m4a']);
    await removeDraftMedia(items[1]!.id);
    expect(await editedMedia('fix')).toEqual([]); // all removed: sent without any
  });
});
