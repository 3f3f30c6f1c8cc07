/**
 * The council's view of every sent report on this phone: read from the status cache at once (so
 * it shows offline), then refreshed from the council when online (on opening the page, when the
 * phone comes back online, and on request).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OutboxRecord } from '../outbox/schema';
import { readStatuses, refreshStatus, type RefreshError, type StatusEntry } from './report-status';
import { useOnline } from './use-online';

export interface ReportStatuses {
  entries: Record<string, StatusEntry>;
  /** Why the last refresh of a report failed, by record id. */
  errors: Record<string, RefreshError>;
  refreshing: boolean;
  /** True once the cache has been read. */
  loaded: boolean;
  refresh(): Promise<void>;
}

export function useReportStatuses(records: readonly OutboxRecord[]): ReportStatuses {
  const online = useOnline();
  const [entries, setEntries] = useState<Record<string, StatusEntry>>({});
  const [errors, setErrors] = useState<Record<string, RefreshError>>({});
  const [refreshing, setRefreshing] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const sent = records.filter((r) => r.state === 'sent' && r.reference);
  const sentKey = sent.map((r) => r.id).join(',');
  const sentRef = useRef(sent);
  useEffect(() => {
    sentRef.current = sent;
  });

  useEffect(() => {
    let live = true;
    void readStatuses().then((cached) => {
      if (!live) return;
      setEntries((e) => ({ ...cached, ...e }));
      setLoaded(true);
    });
    return () => {
      live = false;
    };
  }, []);

  const refresh = useCallback(async () => {
    const targets = sentRef.current;
    if (!targets.length) return;
    setRefreshing(true);
    const results = await Promise.all(
      targets.map(
        async (r) => [r.id, await refreshStatus({ id: r.id, reference: r.reference! })] as const,
      ),
    );
    setRefreshing(false);
    setEntries((e) => {
      const next = { ...e };
      for (const [id, result] of results) if (result.ok) next[id] = result.value;
      return next;
    });
    setErrors(
      Object.fromEntries(
        results
          .filter(([, r]) => !r.ok)
          .map(([id, r]) => [id, (r as { error: RefreshError }).error]),
      ),
    );
  }, []);

  useEffect(() => {
    if (online && sentKey) void refresh();
  }, [online, sentKey, refresh]);

  return { entries, errors, refreshing, loaded, refresh };
}
