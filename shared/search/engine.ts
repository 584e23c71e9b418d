import { stemsOf, words, wordTerms } from './text.js';

/**
 * One segment of an index: a compact inverted index (BM25, prefix matching over a sorted term
 * dictionary) over documents that each count for a group (a ticket: its subject and
 * description, each message; an article). Pure and in memory; where segments live is the
 * SegmentStore's business (docs/search.md).
 *
 * Memory is what limits a segment, so the index is typed arrays: a forward index (per document,
 * its term ids and counts) is what is stored and what changes; the inverted index (per term,
 * its documents) is built from it when a search needs it, in one pass.
 */
export interface SearchDocument {
  /** Unique within the segment: the group's own document has the group's id. */
  id: string;
  /** What a hit counts for (the ticket, the article). */
  group: string;
  /** Analysed (folded, stop words out, stems in). */
  text: string;
  /** Matched only whole and exactly (a ticket's reference), after folding. */
  keys?: readonly string[];
  /** Seen only by searches that include restricted documents (internal notes). */
  restricted?: boolean;
  /** Kept on the group's own document: what filters and sorts read. */
  attributes?: Record<string, unknown>;
  /** Of the group's own document: an older version never replaces a newer one. */
  version?: number;
}

export interface SegmentSearch {
  /** Folded query words (queryWords): a group matches when it has every word in some document. */
  words: readonly string[];
  /** Whether restricted documents (internal notes) count. */
  includeRestricted: boolean;
  /**
   * `all` (default): a group must hold every word. `any`: one word is enough, and a group's score
   * is scaled by the share of the words it holds (suggestions while someone types).
   */
  match?: 'all' | 'any';
}

/** Words shorter than this match whole only: a one-letter prefix would match most of the index. */
const MIN_PREFIX_LENGTH = 3;
/** How much a match counts by how the query word met the term. */
const EXACT_WEIGHT = 1;
const STEM_WEIGHT = 0.8;
const PREFIX_WEIGHT = 0.4;
/** BM25 parameters (the usual ones). */
const K1 = 1.2;
const B = 0.75;

interface GroupInfo {
  attributes?: Record<string, unknown>;
  version?: number;
  keys?: string[];
}

/** The stored form (JSON): columns, the forward index as base64 typed arrays. */
interface StoredSegment {
  format: 1;
  terms: string[];
  ids: string[];
  groupNames: string[];
  /** Per document: the index of its group in groupNames. */
  groups: number[];
  restricted: number[];
  /** Per document: where its [term, count] pairs start in `pairs` (one more at the end). */
  offsets: string;
  pairs: string;
  info: Record<string, GroupInfo>;
}

const toBase64 = (array: Int32Array): string =>
  Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
const fromBase64 = (text: string): Int32Array => {
  const bytes = Buffer.from(text, 'base64');
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Int32Array(copy.buffer, 0, copy.length / 4);
};

interface Inverted {
  /** Term ids in the order of their strings, for prefix ranges. */
  sorted: Int32Array;
  /** Per term: where its postings start (one more at the end). */
  starts: Int32Array;
  documents: Int32Array;
  counts: Int32Array;
  /** Per document: its length in terms. */
  lengths: Float64Array;
  /** Per document: 1 when restricted. */
  restricted: Uint8Array;
  averageLength: number;
  liveDocuments: number;
}

export class SegmentIndex {
  private terms: string[] = [];
  private termIds = new Map<string, number>();
  private ids: string[] = [];
  private docIds: Map<string, number> | null = new Map();
  private groupNames: string[] = [];
  private groupIds = new Map<string, number>();
  private groupOf: number[] = [];
  private restricted = new Set<number>();
  private dead = new Set<number>();
  /** Per document: [termId, count, termId, count…]. */
  private pairs: Int32Array[] = [];
  private info = new Map<string, GroupInfo>();
  private keys = new Map<string, string>();
  private inverted: Inverted | null = null;

  static empty(): SegmentIndex {
    return new SegmentIndex();
  }

  static fromJSON(json: string): SegmentIndex {
    const stored = JSON.parse(json) as StoredSegment;
    const segment = new SegmentIndex();
    segment.terms = stored.terms;
    segment.ids = stored.ids;
    segment.docIds = null;
    segment.groupNames = stored.groupNames;
    segment.groupOf = stored.groups;
    segment.restricted = new Set(stored.restricted);
    const offsets = fromBase64(stored.offsets);
    const pairs = fromBase64(stored.pairs);
    segment.pairs = stored.ids.map((_, doc) => pairs.subarray(offsets[doc] ?? 0, offsets[doc + 1] ?? 0));
    for (const [group, info] of Object.entries(stored.info)) {
      segment.info.set(group, info);
      for (const key of info.keys ?? []) segment.keys.set(key, group);
    }
    segment.termIds = new Map();
    segment.groupIds = new Map();
    return segment;
  }

  /** The live documents only: replaced and removed ones are left out, and terms nobody uses. */
  toJSON(): string {
    const live = this.ids.map((_, doc) => doc).filter((doc) => !this.dead.has(doc));
    const termMap = new Map<number, number>();
    const terms: string[] = [];
    const groupMap = new Map<number, number>();
    const groupNames: string[] = [];
    const offsets = new Int32Array(live.length + 1);
    let total = 0;
    for (const doc of live) total += this.pairs[doc]?.length ?? 0;
    const pairs = new Int32Array(total);
    let at = 0;
    live.forEach((doc, n) => {
      offsets[n] = at;
      const own = this.pairs[doc] ?? new Int32Array();
      for (let i = 0; i < own.length; i += 2) {
        const term = own[i] ?? 0;
        let mapped = termMap.get(term);
        if (mapped === undefined) {
          mapped = terms.length;
          termMap.set(term, mapped);
          terms.push(this.terms[term] ?? '');
        }
        pairs[at++] = mapped;
        pairs[at++] = own[i + 1] ?? 0;
      }
    });
    offsets[live.length] = at;
    const groups = live.map((doc) => {
      const group = this.groupOf[doc] ?? 0;
      let mapped = groupMap.get(group);
      if (mapped === undefined) {
        mapped = groupNames.length;
        groupMap.set(group, mapped);
        groupNames.push(this.groupNames[group] ?? '');
      }
      return mapped;
    });
    const stored: StoredSegment = {
      format: 1,
      terms,
      ids: live.map((doc) => this.ids[doc] ?? ''),
      groupNames,
      groups,
      restricted: live.flatMap((doc, n) => (this.restricted.has(doc) ? [n] : [])),
      offsets: toBase64(offsets),
      pairs: toBase64(pairs),
      info: Object.fromEntries(this.info),
    };
    return JSON.stringify(stored);
  }

  get documentCount(): number {
    return this.ids.length - this.dead.size;
  }

  has(id: string): boolean {
    return this.documentIds().has(id);
  }

  /**
   * Adds or replaces a document. A group's own document with a `version` at or below the
   * stored one is ignored (a retried stream record); other documents are immutable: adding one
   * again changes nothing. Whether anything changed.
   */
  put(document: SearchDocument): boolean {
    const existing = this.documentIds().get(document.id);
    if (existing !== undefined) {
      if (document.id !== document.group) return false;
      if ((this.info.get(document.group)?.version ?? 0) >= (document.version ?? 0)) return false;
      this.dead.add(existing);
    }
    const counts = new Map<number, number>();
    for (const word of words(document.text)) {
      for (const term of wordTerms(word)) {
        const id = this.termId(term);
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
    }
    const pairs = new Int32Array(counts.size * 2);
    let at = 0;
    for (const [term, count] of counts) {
      pairs[at++] = term;
      pairs[at++] = count;
    }
    const doc = this.ids.length;
    this.ids.push(document.id);
    this.documentIds().set(document.id, doc);
    this.groupOf.push(this.groupId(document.group));
    this.pairs.push(pairs);
    if (document.restricted) this.restricted.add(doc);
    if (document.id === document.group) {
      const previous = this.info.get(document.group);
      for (const key of previous?.keys ?? []) this.keys.delete(key);
      const keys = (document.keys ?? []).map((key) => key.toLowerCase());
      this.info.set(document.group, {
        ...(document.attributes ? { attributes: document.attributes } : {}),
        ...(document.version !== undefined ? { version: document.version } : {}),
        ...(keys.length ? { keys } : {}),
      });
      for (const key of keys) this.keys.set(key, document.group);
    }
    this.inverted = null;
    return true;
  }

  remove(id: string): void {
    const doc = this.documentIds().get(id);
    if (doc === undefined || this.dead.has(doc)) return;
    this.dead.add(doc);
    this.documentIds().delete(id);
    if (this.info.has(id)) {
      for (const key of this.info.get(id)?.keys ?? []) this.keys.delete(key);
      this.info.delete(id);
    }
    this.inverted = null;
  }

  /** The ids of a group's live documents: its own and its messages'. */
  documentsOf(group: string): string[] {
    const groupId = this.groupNames.indexOf(group);
    if (groupId < 0) return [];
    return [...this.documentIds()].filter(([, doc]) => this.groupOf[doc] === groupId).map(([id]) => id);
  }

  /** Kept for the store's contract: replaced documents are dropped when the segment is written. */
  async compact(): Promise<void> {}

  /** The attributes of a group's own document, or undefined when the segment has none. */
  attributesOf(group: string): Record<string, unknown> | undefined {
    return this.info.get(group)?.attributes;
  }

  /** Groups whose own document has this key (a reference), exactly. */
  groupsWithKey(key: string): string[] {
    const group = this.keys.get(key.toLowerCase());
    return group === undefined ? [] : [group];
  }

  /**
   * The groups that match every word, with their score: the sum over the words of the best
   * document of the group for that word (BM25, weighted by how the word met the term: itself,
   * one of its stems, or as a prefix of a longer term).
   */
  search(query: SegmentSearch): Map<string, number> {
    const inverted = this.invertedIndex();
    const groupCount = this.groupNames.length;
    const total = new Float64Array(groupCount);
    const matched = new Uint8Array(groupCount);
    const matchedWords = new Uint8Array(groupCount);
    const any = query.match === 'any';
    let round = 0;
    for (const word of query.words) {
      const weights = new Map<number, number>();
      const weigh = (term: number, weight: number) => {
        if ((weights.get(term) ?? 0) < weight) weights.set(term, weight);
      };
      if (word.length >= MIN_PREFIX_LENGTH) {
        for (const term of this.prefixRange(inverted, word)) weigh(term, PREFIX_WEIGHT);
      }
      const exact = this.termIds.size ? this.termIds.get(word) : this.lookup(inverted, word);
      if (exact !== undefined) weigh(exact, EXACT_WEIGHT);
      for (const stem of stemsOf(word)) {
        const term = this.termIds.size ? this.termIds.get(stem) : this.lookup(inverted, stem);
        if (term !== undefined) weigh(term, STEM_WEIGHT);
      }
      const best = new Float64Array(groupCount);
      const { restricted } = inverted;
      for (const [term, weight] of weights) {
        const from = inverted.starts[term] ?? 0;
        const to = inverted.starts[term + 1] ?? 0;
        const frequency = to - from;
        const idf = Math.log(1 + (inverted.liveDocuments - frequency + 0.5) / (frequency + 0.5));
        for (let p = from; p < to; p++) {
          const doc = inverted.documents[p] ?? 0;
          if (!query.includeRestricted && restricted[doc] === 1) continue;
          const group = this.groupOf[doc] ?? 0;
          if (!any && round > 0 && matched[group] !== round) continue;
          const count = inverted.counts[p] ?? 0;
          const length = inverted.lengths[doc] ?? 0;
          const score =
            (weight * idf * (count * (K1 + 1))) /
            (count + K1 * (1 - B + (B * length) / inverted.averageLength));
          if (score > (best[group] ?? 0)) best[group] = score;
        }
      }
      round++;
      let found = false;
      for (let group = 0; group < groupCount; group++) {
        const score = best[group] ?? 0;
        if (score > 0) {
          total[group] = (total[group] ?? 0) + score;
          matched[group] = round;
          matchedWords[group] = (matchedWords[group] ?? 0) + 1;
          found = true;
        }
      }
      if (!found && !any) return new Map();
    }
    const result = new Map<string, number>();
    if (round === 0) return result;
    for (let group = 0; group < groupCount; group++) {
      const words = matchedWords[group] ?? 0;
      if (any ? words > 0 : matched[group] === round)
        result.set(this.groupNames[group] ?? '', ((total[group] ?? 0) * words) / round);
    }
    return result;
  }

  private documentIds(): Map<string, number> {
    if (!this.docIds) {
      this.docIds = new Map();
      this.ids.forEach((id, doc) => {
        if (!this.dead.has(doc)) this.docIds?.set(id, doc);
      });
    }
    return this.docIds;
  }

  private termId(term: string): number {
    if (this.termIds.size === 0) for (const [id, t] of this.terms.entries()) this.termIds.set(t, id);
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.termIds.set(term, id);
    }
    return id;
  }

  private groupId(group: string): number {
    if (this.groupIds.size === 0) for (const [id, g] of this.groupNames.entries()) this.groupIds.set(g, id);
    let id = this.groupIds.get(group);
    if (id === undefined) {
      id = this.groupNames.length;
      this.groupNames.push(group);
      this.groupIds.set(group, id);
    }
    return id;
  }

  /** The inverted index, built in one pass over the forward index when first needed. */
  private invertedIndex(): Inverted {
    if (this.inverted) return this.inverted;
    const termCount = this.terms.length;
    const frequencies = new Int32Array(termCount + 1);
    const lengths = new Float64Array(this.ids.length);
    let liveDocuments = 0;
    let lengthSum = 0;
    for (let doc = 0; doc < this.ids.length; doc++) {
      if (this.dead.has(doc)) continue;
      const own = this.pairs[doc] ?? new Int32Array();
      let length = 0;
      for (let i = 0; i < own.length; i += 2) {
        const term = own[i] ?? 0;
        frequencies[term + 1] = (frequencies[term + 1] ?? 0) + 1;
        length += own[i + 1] ?? 0;
      }
      lengths[doc] = length;
      lengthSum += length;
      liveDocuments++;
    }
    const starts = new Int32Array(termCount + 1);
    for (let term = 0; term < termCount; term++)
      starts[term + 1] = (starts[term] ?? 0) + (frequencies[term + 1] ?? 0);
    const fill = starts.slice(0, termCount);
    const documents = new Int32Array(starts[termCount] ?? 0);
    const counts = new Int32Array(starts[termCount] ?? 0);
    for (let doc = 0; doc < this.ids.length; doc++) {
      if (this.dead.has(doc)) continue;
      const own = this.pairs[doc] ?? new Int32Array();
      for (let i = 0; i < own.length; i += 2) {
        const term = own[i] ?? 0;
        const at = fill[term] ?? 0;
        documents[at] = doc;
        counts[at] = own[i + 1] ?? 0;
        fill[term] = at + 1;
      }
    }
    const sorted = Int32Array.from(this.terms.keys()).sort((a, b) => {
      const x = this.terms[a] ?? '';
      const y = this.terms[b] ?? '';
      return x < y ? -1 : x > y ? 1 : 0;
    });
    const restricted = new Uint8Array(this.ids.length);
    for (const doc of this.restricted) restricted[doc] = 1;
    this.inverted = {
      restricted,
      sorted,
      starts,
      documents,
      counts,
      lengths,
      averageLength: liveDocuments ? lengthSum / liveDocuments : 1,
      liveDocuments,
    };
    return this.inverted;
  }

  /** The first position in the sorted dictionary whose term is not below `text`. */
  private lowerBound(inverted: Inverted, text: string): number {
    let low = 0;
    let high = inverted.sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.terms[inverted.sorted[middle] ?? 0] ?? '') < text) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private lookup(inverted: Inverted, term: string): number | undefined {
    const at = this.lowerBound(inverted, term);
    const id = inverted.sorted[at];
    return id !== undefined && this.terms[id] === term ? id : undefined;
  }

  /** Term ids that start with `prefix` (the word itself included). */
  private *prefixRange(inverted: Inverted, prefix: string): Generator<number> {
    for (let at = this.lowerBound(inverted, prefix); at < inverted.sorted.length; at++) {
      const id = inverted.sorted[at] ?? 0;
      if (!(this.terms[id] ?? '').startsWith(prefix)) return;
      yield id;
    }
  }
}
