/** An object URL for bytes (a preview or a player's source), revoked when no longer shown. */
import { useEffect, useState } from 'react';

export function useObjectUrl(bytes: ArrayBuffer, type: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const u = URL.createObjectURL(new Blob([bytes], { type }));
    let live = true;
    // Set after this effect (not during it); a cleanup first (StrictMode, new bytes) wins.
    void Promise.resolve().then(() => live && setUrl(u));
    return () => {
      live = false;
      URL.revokeObjectURL(u);
    };
  }, [bytes, type]);
  return url;
}
