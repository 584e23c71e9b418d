import { describe, expect, it } from 'vitest';
import { NumberBlocks } from '#tickets/reference-numbers.js';

/** A counter as the table keeps it: each reservation adds `count` and answers the new value. */
const counter = () => {
  const values = new Map<string, number>();
  const reservations: string[] = [];
  return {
    reservations,
    reserve: async (name: string, count: number) => {
      reservations.push(name);
      const value = (values.get(name) ?? 0) + count;
      values.set(name, value);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return value;
    },
  };
};

describe('reference numbers in blocks', () => {
  it('hands out a block one by one and reserves the next block only when it is used up', async () => {
    const table = counter();
    const numbers = new NumberBlocks(table.reserve, 3);

    const taken = [];
    for (let i = 0; i < 7; i++) taken.push(await numbers.next('2026'));

    expect(taken).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(table.reservations).toHaveLength(3);
  });

  it('shares one reservation among concurrent requests, and never hands a number out twice', async () => {
    const table = counter();
    const numbers = new NumberBlocks(table.reserve, 50);

    const taken = await Promise.all(Array.from({ length: 120 }, () => numbers.next('2026')));

    expect(new Set(taken).size).toBe(120);
    expect([...taken].sort((a, b) => a - b)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(table.reservations).toHaveLength(3);
  });

  it('keeps two containers apart: their numbers interleave, never collide, and each one increases', async () => {
    const table = counter();
    const a = new NumberBlocks(table.reserve, 50);
    const b = new NumberBlocks(table.reserve, 50);

    const fromA = [await a.next('2026'), await a.next('2026')];
    const fromB = [await b.next('2026'), await b.next('2026')];
    fromA.push(await a.next('2026'));

    expect(fromA).toEqual([1, 2, 3]);
    expect(fromB).toEqual([51, 52]);
  });

  it('counts each year on its own', async () => {
    const table = counter();
    const numbers = new NumberBlocks(table.reserve, 50);

    await numbers.next('2026');
    await numbers.next('2026');

    expect(await numbers.next('2027')).toBe(1);
  });

  it('takes back the last number handed out when its create was refused, and no other', async () => {
    const numbers = new NumberBlocks(counter().reserve, 50);
    const refused = await numbers.next('2026');

    numbers.giveBack('2026', refused);
    const next = await numbers.next('2026');
    const after = await numbers.next('2026');
    numbers.giveBack('2026', next);

    expect(next).toBe(refused);
    expect(await numbers.next('2026')).toBe(after + 1);
  });
});
