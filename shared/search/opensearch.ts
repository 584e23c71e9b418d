import type { SearchWindow, TicketFilters, TicketSearchSpec } from '#tickets/ports.js';
import type { Message, Ticket } from '#tickets/schemas.js';
import { priorityRank, type TicketAttributes, ticketAttributes } from './ticket-documents.js';

/**
 * The tickets' index in an OpenSearch Serverless collection (docs/search.md "OpenSearch
 * Serverless"): what the index holds, how its text is analysed, and the queries the ticket
 * search sends. Pure: the adapter (adapters/opensearch-*.ts) only carries these bodies.
 *
 * One document per ticket: its attributes (the same the segments keep, for filters and sort),
 * its custom field values as `<field id>:<value>` keywords (`fieldValues`, for the list's
 * `field=` filter), the reference as a keyword, and its text in two fields by who may read it: `text` (subject,
 * description, every message a client sees) and `internalText` (internal notes). A client's or
 * an integration's query never names `internalText`, so a note cannot make a ticket match for
 * them; a client's query is also filtered to its organisation. Both rules live in the query.
 */

/** The index's name in the collection. */
export const TICKETS_INDEX = 'tickets';

/** A query's words must all appear, each from this many letters on also as a prefix (as the segments do). */
const PREFIX_FROM = 3;

/**
 * Polish and Estonian endings, as the segments' suffix rule strips them (./text.ts): the longest
 * listed ending that leaves at least four letters. OpenSearch has an `estonian` analyzer, but
 * Polish needs the analysis-stempel plugin, which a collection may not offer; the same regex rule
 * for both keeps one behaviour whatever the collection has (and matches the segments).
 */
const POLISH_ENDINGS = 'ami|ach|owi|iem|ego|emu|ych|ymi|ich|imi|om|ow|em|ie|ej|ym|im|a|e|i|y|u|o';
const ESTONIAN_ENDINGS = 'sse|ga|ta|na|ni|ks|le|lt|st|de|te|id|l|s|d|t|i';

/** A subfield per analysis, weighed as the segments weigh a match: exact 1, stem 0.8, prefix 0.4. */
export const textSubfields = {
  '': 1,
  en: 0.8,
  de: 0.8,
  pl: 0.8,
  et: 0.8,
  prefix: 0.4,
} as const;

const analysedText = {
  type: 'text',
  analyzer: 'folded',
  fields: {
    en: { type: 'text', analyzer: 'english_folded' },
    de: { type: 'text', analyzer: 'german_folded' },
    pl: { type: 'text', analyzer: 'polish_suffix' },
    et: { type: 'text', analyzer: 'estonian_suffix' },
    prefix: { type: 'text', analyzer: 'folded_prefix', search_analyzer: 'folded' },
  },
} as const;

const keyword = { type: 'keyword' } as const;
const date = { type: 'date' } as const;

/**
 * Fields added to the mapping after the first release, put on an index that already exists
 * (`PUT /tickets/_mapping`: adding a field is allowed; the mapping is strict, so a document
 * carrying a field the index does not know would be refused).
 */
export const addedMappings = () => ({ properties: { fieldValues: keyword } });

/**
 * A custom field's value as the index keeps it and as the `field=` filter asks for it:
 * `<field id>:<value>`, and when the value reads as a number, also the number as JavaScript
 * writes it. So `seats:20.0` finds a ticket with 20 and `seats:20` one whose text is `020`, as
 * the DynamoDB list compares (`matchesFilters`: the same text, or the same number).
 */
export const fieldTerms = (id: string, value: string): string[] => {
  const number = value.trim() === '' ? Number.NaN : Number(value);
  const terms = [`${id}:${value}`];
  if (Number.isFinite(number) && String(number) !== value) terms.push(`${id}:${String(number)}`);
  return terms;
};

/** `PUT /tickets`: the analysers and the mapping (no shard settings: a collection sets those). */
export const ticketIndexBody = () => ({
  settings: {
    analysis: {
      normalizer: { folded_keyword: { type: 'custom', filter: ['lowercase', 'asciifolding'] } },
      filter: {
        english_stemmer: { type: 'stemmer', language: 'english' },
        german_stemmer: { type: 'stemmer', language: 'light_german' },
        polish_endings: {
          type: 'pattern_replace',
          pattern: `^(\\p{L}{4,}?)(?:${POLISH_ENDINGS})$`,
          replacement: '$1',
        },
        // Twice, as the segments strip Estonian endings in two rounds (-de-ga, -te-st).
        estonian_endings: {
          type: 'pattern_replace',
          pattern: `^(\\p{L}{4,}?)(?:${ESTONIAN_ENDINGS})$`,
          replacement: '$1',
        },
        prefixes: { type: 'edge_ngram', min_gram: PREFIX_FROM, max_gram: 20 },
      },
      analyzer: {
        folded: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'asciifolding'] },
        english_folded: {
          type: 'custom',
          tokenizer: 'standard',
          filter: ['lowercase', 'english_stemmer', 'asciifolding'],
        },
        german_folded: {
          type: 'custom',
          tokenizer: 'standard',
          filter: ['lowercase', 'german_normalization', 'german_stemmer', 'asciifolding'],
        },
        polish_suffix: {
          type: 'custom',
          tokenizer: 'standard',
          filter: ['lowercase', 'asciifolding', 'polish_endings'],
        },
        estonian_suffix: {
          type: 'custom',
          tokenizer: 'standard',
          filter: ['lowercase', 'asciifolding', 'estonian_endings', 'estonian_endings'],
        },
        folded_prefix: {
          type: 'custom',
          tokenizer: 'standard',
          filter: ['lowercase', 'asciifolding', 'prefixes'],
        },
      },
    },
  },
  mappings: {
    dynamic: 'strict',
    properties: {
      reference: { type: 'keyword', normalizer: 'folded_keyword' },
      orgId: keyword,
      status: keyword,
      queue: keyword,
      assigneeId: keyword,
      requesterId: keyword,
      priority: keyword,
      priorityRank: { type: 'integer' },
      category: keyword,
      tags: keyword,
      ...addedMappings().properties,
      createdAt: date,
      updatedAt: date,
      nextDueAt: date,
      version: { type: 'long' },
      text: analysedText,
      internalText: analysedText,
    },
  },
});

/** What the index holds of one ticket. */
export interface ClusterTicketDocument extends TicketAttributes {
  id: string;
  reference: string;
  priorityRank: number;
  version: number;
  /** The custom field values, each as `fieldTerms` writes it. */
  fieldValues: string[];
  /** Subject, description and every message a client sees. */
  text: string[];
  /** Internal notes: only staff queries read this field. */
  internalText: string[];
}

/** A ticket and its whole conversation (notes included) as one document, replacing the last. */
export const clusterDocument = (
  ticket: Ticket,
  conversation: readonly Pick<Message, 'body' | 'internal'>[],
): ClusterTicketDocument => {
  // Field values go in as keywords (`fieldValues`), not as an object the strict mapping lacks.
  const { fields: _fields, ...attributes } = ticketAttributes(ticket);
  return {
    id: ticket.id,
    reference: ticket.reference,
    ...attributes,
    priorityRank: priorityRank(ticket.priority),
    version: ticket.version,
    fieldValues: Object.entries(ticket.fields ?? {}).flatMap(([id, value]) => fieldTerms(id, String(value))),
    text: [ticket.subject, ticket.description, ...conversation.filter((m) => !m.internal).map((m) => m.body)],
    internalText: conversation.filter((m) => m.internal).map((m) => m.body),
  };
};

/** `POST /_bulk` lines (NDJSON): each document indexed whole under the ticket's id. */
export const bulkIndexBody = (documents: readonly ClusterTicketDocument[]): string =>
  documents
    .flatMap(({ id, ...document }) => [
      JSON.stringify({ index: { _index: TICKETS_INDEX, _id: id } }),
      JSON.stringify(document),
    ])
    .map((line) => `${line}\n`)
    .join('');

type Clause = Record<string, unknown>;

const filterClauses = (filters: TicketFilters): Clause[] => {
  const terms: [string, string | undefined][] = [
    ['status', filters.status],
    ['queue', filters.queue],
    ['requesterId', filters.requesterId],
    ['orgId', filters.orgId],
    ['priority', filters.priority],
    ['category', filters.category],
    ['tags', filters.tag],
    ['assigneeId', filters.assigneeId ?? undefined],
  ];
  return [
    ...terms
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([field, value]) => ({ term: { [field]: value } })),
    // `assignee=none`: nobody assigned, no value indexed.
    ...(filters.assigneeId === null ? [{ bool: { must_not: [{ exists: { field: 'assigneeId' } }] } }] : []),
    ...(filters.field ? [{ terms: { fieldValues: fieldTerms(filters.field.id, filters.field.value) } }] : []),
  ];
};

/** Who may see what, as filters: a client its organisation only (undefined: every organisation). */
const scopeClauses = (spec: Pick<TicketSearchSpec, 'orgId' | 'filters'>): Clause[] => [
  ...(spec.orgId !== undefined ? [{ term: { orgId: spec.orgId } }] : []),
  ...filterClauses(spec.filters),
];

/** The text fields a caller's words may match: notes only for callers who may read them. */
export const searchedFields = (includeInternal: boolean): string[] =>
  (includeInternal ? ['text', 'internalText'] : ['text']).flatMap((field) =>
    Object.entries(textSubfields).map(([sub, weight]) => `${sub ? `${field}.${sub}` : field}^${weight}`),
  );

const sortFields: Record<string, string> = {
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
  priority: 'priorityRank',
  nextDueAt: 'nextDueAt',
};

/** Relevance (ties newest first), or the field `sort` names, no value last. */
const sortClause = (sort: string | undefined): Clause[] => {
  if (!sort) return [{ _score: 'desc' }, { createdAt: 'desc' }];
  const descending = sort.startsWith('-');
  const field = sortFields[descending ? sort.slice(1) : sort] ?? 'createdAt';
  return [{ [field]: { order: descending ? 'desc' : 'asc', missing: '_last' } }, { _score: 'desc' }];
};

/**
 * The words query: every word must match (a `must` per word), in any visible field, by its best
 * analysis (`dis_max` over the subfields' weights: exact, stem, prefix), so a ticket's score is,
 * per word, its best match, summed over the words: the segments' contract as far as BM25 in one
 * document allows. Organisation, list filters and the window are filters (no score).
 */
export const wordsQuery = (
  spec: Pick<TicketSearchSpec, 'orgId' | 'filters' | 'includeInternal' | 'sort'>,
  words: readonly string[],
  window: SearchWindow,
  page: { from: number; size: number },
): Clause => {
  const fields = searchedFields(spec.includeInternal);
  return {
    from: page.from,
    size: page.size,
    _source: false,
    track_total_hits: false,
    query: {
      bool: {
        must: words.map((word) => ({
          multi_match: { query: word, fields, type: 'best_fields', tie_breaker: 0 },
        })),
        filter: [
          ...scopeClauses(spec),
          { range: { createdAt: { gte: window.createdFrom, lte: window.createdTo } } },
        ],
      },
    },
    sort: sortClause(spec.sort),
  };
};

/** A reference looked up exactly (any case, any age), in the caller's scope and filters. */
export const referenceQuery = (
  spec: Pick<TicketSearchSpec, 'orgId' | 'filters'>,
  reference: string,
): Clause => ({
  size: 2,
  _source: false,
  query: { bool: { filter: [{ term: { reference } }, ...scopeClauses(spec)] } },
});

/**
 * The port of a search cluster holding one document per ticket (OpenSearch Serverless): the
 * optional engine for tenants beyond the segments' limits, behind the same `TicketSearch` port.
 */
export interface TicketSearchCluster {
  /** Indexes each document whole under its ticket's id (one bulk request), replacing the last. */
  indexTickets(documents: readonly ClusterTicketDocument[]): Promise<void>;
  /** The ticket ids a search body (`wordsQuery`, `referenceQuery`) finds, in its order. */
  searchIds(body: unknown): Promise<string[]>;
}
