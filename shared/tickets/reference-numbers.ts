/** Reserves `count` consecutive numbers of a named counter in one atomic step; resolves to the last of them. */
export type ReserveNumbers = (name: string, count: number) => Promise<number>;

/** How many reference numbers a container reserves at once (docs/data-model.md, reference numbers). */
export const REFERENCE_BLOCK_SIZE = 50;

/**
 * Reference numbers handed out from blocks: one counter update reserves `size` numbers for this
 * container, which hands them out one by one, so a create writes the counter once per `size`
 * tickets. Every number is unique (blocks never overlap) and a container's numbers increase;
 * across containers they interleave (container A numbers 1–50 while B numbers 51–100). The
 * numbers a container never handed out before it was recycled are gaps. Concurrent requests
 * of one container share one reservation.
 */
export class NumberBlocks {
  private readonly blocks = new Map<string, { next: number; last: number }>();
  private readonly reserving = new Map<string, Promise<void>>();

  constructor(
    private readonly reserve: ReserveNumbers,
    private readonly size = REFERENCE_BLOCK_SIZE,
  ) {}

  async next(name: string): Promise<number> {
    for (;;) {
      const block = this.blocks.get(name);
      if (block && block.next <= block.last) return block.next++;
      let reservation = this.reserving.get(name);
      if (!reservation) {
        reservation = this.reserve(name, this.size)
          .then((last) => {
            this.blocks.set(name, { next: last - this.size + 1, last });
          })
          .finally(() => this.reserving.delete(name));
        this.reserving.set(name, reservation);
      }
      await reservation;
    }
  }

  /**
   * Takes back a number whose ticket was definitely not written (the create was refused), if
   * it is the last one handed out: the next ticket gets it, so a refused create leaves no gap
   * unless another create of the container took a number meanwhile.
   */
  giveBack(name: string, value: number): void {
    const block = this.blocks.get(name);
    if (block && block.next === value + 1) block.next = value;
  }
}
