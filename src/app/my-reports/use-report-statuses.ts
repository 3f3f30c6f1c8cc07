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

  // Reports whose status this page has asked for: a report that has just been sent is looked up
  // once, not every report again each time another one is sent (20,000 requests for 200).
  const asked = useRef(new Set<string>());
  const lookUp = useCallback(async (onlyNew: boolean) => {
    const targets = sentRef.current.filter((r) => !onlyNew || !asked.current.has(r.id));
    if (!targets.length) return;
    for (const r of targets) asked.current.add(r.id);
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
    setErrors((e) => {
      const next = { ...e };
      for (const [id, result] of results) {
        if (result.ok) delete next[id];
        else next[id] = result.error;
      }
      return next;
    });
  }, []);
  const refresh = useCallback(() => lookUp(false), [lookUp]);

  // Every report on opening the page and when the phone comes back online; afterwards only the
  // reports that have just been sent.
  const wasOnline = useRef<boolean | null>(null);
  useEffect(() => {
    const cameOnline = online && wasOnline.current !== true;
    wasOnline.current = online;
    if (online && sentKey) void lookUp(!cameOnline);
  }, [online, sentKey, lookUp]);

  return { entries, errors, refreshing, loaded, refresh };
}
