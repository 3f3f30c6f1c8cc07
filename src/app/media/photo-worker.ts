/**
 * The photo worker (a module Worker built by Vite): shrinks photos off the main thread, so the
 * page stays responsive while a 12-megapixel photo is decoded and re-encoded.
 * Message in: { id, file }. Message out: { id, result } with the compressed bytes transferred.
 */
import { compressPhoto } from './compress';

export interface PhotoJob {
  id: number;
  file: Blob;
}

self.addEventListener('message', (event: MessageEvent<PhotoJob>) => {
  const { id, file } = event.data;
  void compressPhoto(file).then((result) => {
    const transfer = result.ok ? [result.value.bytes] : [];
    self.postMessage({ id, result }, { transfer });
  });
});
