/**
 * Shift pressed three times within five seconds leaves the page (GOV.UK "Exit this page").
 * `presses` drives the indicator and the announcement; it falls back to 0 when time runs out.
 */
import { useEffect, useRef, useState } from 'react';

export const SHIFT_PRESSES = 3;
export const SHIFT_WINDOW_MS = 5000;

export function useShiftExit(onExit: () => void): { presses: number; expired: boolean } {
  const [presses, setPresses] = useState(0);
  const [expired, setExpired] = useState(false);
  const count = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const exit = useRef(onExit);
  useEffect(() => {
    exit.current = onExit;
  }, [onExit]);

  useEffect(() => {
    const clear = () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Shift' || e.repeat) return;
      count.current += 1;
      setPresses(count.current);
      setExpired(false);
      if (count.current >= SHIFT_PRESSES) {
        clear();
        count.current = 0;
        exit.current();
        return;
      }
      if (!timer.current) {
        timer.current = setTimeout(() => {
          timer.current = null;
          count.current = 0;
          setPresses(0);
          setExpired(true);
        }, SHIFT_WINDOW_MS);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      clear();
    };
  }, []);
  return { presses, expired };
}
