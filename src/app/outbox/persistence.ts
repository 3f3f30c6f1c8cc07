/**
 * Persistent storage: without it the browser may clear the outbox under storage pressure (and
 * Safari after seven days without a visit). Browsers may say no (headless Chromium always does);
 * the outbox works either way, so this is asked once and never required.
 */

interface PersistingStorage {
  persist?: () => Promise<boolean>;
  persisted?: () => Promise<boolean>;
}

let asked: Promise<boolean> | null = null;

/** Asks once per page for persistent storage; resolves whether storage is persistent. Never throws. */
export function requestPersistence(): Promise<boolean> {
  asked ??= (async () => {
    const storage = (typeof navigator === 'undefined' ? undefined : navigator.storage) as
      PersistingStorage | undefined;
    try {
      if (await storage?.persisted?.()) return true;
      return (await storage?.persist?.()) ?? false;
    } catch {
      return false;
    }
  })();
  return asked;
}
