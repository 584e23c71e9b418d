import { describe, expect, it } from 'vitest';
import {
  badgeText,
  POLL_INTERVAL_MS,
  startPolling,
} from '../../portal/src/features/notifications/polling.js';

/** A window or document whose events the test fires. */
const target = (visibilityState = 'visible') => {
  const listeners = new Map<string, Set<() => void>>();
  return {
    visibilityState,
    addEventListener: (type: string, listener: () => void) => {
      listeners.set(type, (listeners.get(type) ?? new Set()).add(listener));
    },
    removeEventListener: (type: string, listener: () => void) => listeners.get(type)?.delete(listener),
    fire: (type: string) => {
      for (const listener of listeners.get(type) ?? []) listener();
    },
  };
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const setup = (refresh: () => Promise<void>) => {
  const win = target();
  const doc = target();
  let tick: (() => void) | undefined;
  let interval: number | undefined;
  const stop = startPolling(refresh, {
    window: win,
    document: doc,
    setInterval: (fn, ms) => {
      tick = fn;
      interval = ms;
      return 1;
    },
    clearInterval: () => {
      tick = undefined;
    },
  });
  return { win, doc, stop, tick: () => tick?.(), interval: () => interval };
};

describe('the notification bell keeps its count fresh', () => {
  it('asks at once, every 30 s, and when the window regains focus', async () => {
    // Prepare
    let calls = 0;
    const bell = setup(async () => {
      calls += 1;
    });

    // Act + Assess
    expect(calls).toBe(1);
    expect(bell.interval()).toBe(POLL_INTERVAL_MS);
    await settle();
    bell.tick();
    await settle();
    bell.win.fire('focus');
    await settle();
    expect(calls).toBe(3);
  });

  it('does not ask while the tab is hidden, and asks when it shows again', async () => {
    // Prepare
    let calls = 0;
    const bell = setup(async () => {
      calls += 1;
    });
    await settle();

    // Act
    bell.doc.visibilityState = 'hidden';
    bell.tick();
    bell.doc.fire('visibilitychange');
    await settle();
    bell.doc.visibilityState = 'visible';
    bell.doc.fire('visibilitychange');
    await settle();

    // Assess
    expect(calls).toBe(2);
  });

  it('never runs two requests at once, and survives a failed one', async () => {
    // Prepare
    let calls = 0;
    let finish: (() => void) | undefined;
    const bell = setup(() => {
      calls += 1;
      return calls === 1
        ? new Promise<void>((resolve) => (finish = resolve))
        : Promise.reject(new Error('down'));
    });

    // Act
    bell.tick();
    bell.win.fire('focus');
    const whileRunning = calls;
    finish?.();
    await settle();
    bell.tick();
    await settle();
    bell.tick();
    await settle();

    // Assess
    expect(whileRunning).toBe(1);
    expect(calls).toBe(3);
  });

  it('stops asking once stopped', async () => {
    // Prepare
    let calls = 0;
    const bell = setup(async () => {
      calls += 1;
    });
    await settle();

    // Act
    bell.stop();
    bell.tick();
    bell.win.fire('focus');
    await settle();

    // Assess
    expect(calls).toBe(1);
  });

  it('caps the badge at 99+', () => {
    expect([badgeText(0), badgeText(7), badgeText(99), badgeText(100)]).toEqual(['0', '7', '99', '99+']);
  });
});
