import { useEffect, useState } from 'preact/hooks';

/** A 1-second clock shared by every countdown on the page: one timer, not one per badge. */
const subscribers = new Set<(now: number) => void>();
let timer: ReturnType<typeof setInterval> | undefined;

const tick = () => {
  const now = Date.now();
  for (const subscriber of subscribers) subscriber(now);
};

export const useNow = (): number => {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    subscribers.add(setNow);
    timer ??= setInterval(tick, 1000);
    return () => {
      subscribers.delete(setNow);
      if (subscribers.size === 0 && timer) {
        clearInterval(timer);
        timer = undefined;
      }
    };
  }, []);
  return now;
};
