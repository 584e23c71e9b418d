/** Ports shared by every use case. Adapters live in each capability's adapters/ folder. */
export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new, time-sortable, unique id (ULID). */
  next(): string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
