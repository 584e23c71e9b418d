import type { Channel, Duration, Priority, SlaPolicy } from '../../api/types.js';
import { durationSeconds } from './duration.js';

/**
 * The SLA policy editor's working copy: text as typed (lists comma-separated), converted to the
 * wire shape of docs/architecture.md (SLA clocks) on save. Field keys are the wire paths inside one policy, so the API's
 * `errors[].path` (`policies.2.targets.timeToOpen`) lands on the right input.
 */
export interface PolicyDraft {
  key: string;
  id: string;
  name: string;
  priority: string[];
  category: string;
  orgId: string;
  channel: string[];
  calendarId: string;
  timeToOpen: string;
  timeToResolve: string;
  totalServiceTime: string;
  reminders: string;
  atRisk: string;
  pickupTimeout: string;
  autoCloseAfter: string;
  /** Real time without a public message before the `ticket.idle` rule event; empty: never. */
  idleAfter: string;
}

/** The choices of the priority and channel conditions (the API's enums). */
export const priorities = ['low', 'normal', 'high', 'urgent'] as const satisfies readonly Priority[];
export const channels = ['web', 'email', 'api', 'phone', 'chat'] as const satisfies readonly Channel[];

const oneOf =
  <T extends string>(options: readonly T[]) =>
  (value: string): value is T =>
    (options as readonly string[]).includes(value);

export const fieldPaths = {
  id: 'id',
  name: 'name',
  priority: 'match.priority',
  category: 'match.category',
  orgId: 'match.orgId',
  channel: 'match.channel',
  calendarId: 'calendarId',
  timeToOpen: 'targets.timeToOpen',
  timeToResolve: 'targets.timeToResolve',
  totalServiceTime: 'targets.totalServiceTime',
  reminders: 'reminders',
  atRisk: 'atRisk',
  pickupTimeout: 'pickupTimeout',
  autoCloseAfter: 'autoCloseAfter',
  idleAfter: 'idleAfter',
} as const satisfies Record<Exclude<keyof PolicyDraft, 'key'>, string>;

export type DraftField = keyof typeof fieldPaths;

const list = (text: string): string[] =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

const durationText = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

let counter = 0;
const nextKey = () => `policy-${++counter}`;

export const fromWire = (policy: SlaPolicy): PolicyDraft => ({
  key: nextKey(),
  id: policy.id,
  name: policy.name,
  priority: [...(policy.match?.priority ?? [])],
  category: (policy.match?.category ?? []).join(', '),
  orgId: (policy.match?.orgId ?? []).join(', '),
  channel: [...(policy.match?.channel ?? [])],
  calendarId: policy.calendarId ?? '24x7',
  timeToOpen: durationText(policy.targets?.timeToOpen),
  timeToResolve: durationText(policy.targets?.timeToResolve),
  totalServiceTime: durationText(policy.targets?.totalServiceTime),
  reminders: (policy.reminders ?? []).join(', '),
  atRisk: policy.atRisk === undefined || policy.atRisk === null ? '' : String(policy.atRisk),
  pickupTimeout: durationText(policy.pickupTimeout),
  autoCloseAfter: durationText(policy.autoCloseAfter),
  idleAfter: durationText(policy.idleAfter),
});

export const newDraft = (name: string, index: number): PolicyDraft => ({
  key: nextKey(),
  id: `policy-${index + 1}`,
  name,
  priority: [],
  category: '',
  orgId: '',
  channel: [],
  calendarId: '24x7',
  timeToOpen: 'PT1H',
  timeToResolve: 'PT8H',
  totalServiceTime: 'P3D',
  reminders: '0.5, 0.8',
  atRisk: '0.8',
  pickupTimeout: 'PT30M',
  autoCloseAfter: 'PT72H',
  idleAfter: '',
});

/** Durations go out as typed: whole seconds as a number, ISO-8601 as text. */
const wireDuration = (text: string): Duration => (/^\d+$/.test(text.trim()) ? Number(text) : text.trim());

/** An empty box switches the clock or timeout off (`null`). */
const optionalDuration = (text: string): Duration | null => (text.trim() ? wireDuration(text) : null);

export const toWire = (draft: PolicyDraft): SlaPolicy => {
  const policy: SlaPolicy = {
    id: draft.id.trim(),
    name: draft.name.trim(),
    match: {
      priority: draft.priority.filter(oneOf(priorities)),
      category: list(draft.category),
      orgId: list(draft.orgId),
      channel: draft.channel.filter(oneOf(channels)),
    },
    calendarId: draft.calendarId.trim(),
    targets: {
      timeToOpen: optionalDuration(draft.timeToOpen),
      timeToResolve: optionalDuration(draft.timeToResolve),
      totalServiceTime: optionalDuration(draft.totalServiceTime),
    },
    reminders: list(draft.reminders).map(Number),
    atRisk: draft.atRisk.trim() ? Number(draft.atRisk) : null,
    pickupTimeout: optionalDuration(draft.pickupTimeout),
    autoCloseAfter: wireDuration(draft.autoCloseAfter),
    // Left out when empty: a policy without it never raises `ticket.idle`.
    ...(draft.idleAfter.trim() ? { idleAfter: wireDuration(draft.idleAfter) } : {}),
  };
  return policy;
};

export type DraftErrors = Record<string, string>;
export const errorKey = (index: number, field: DraftField) => `${index}.${fieldPaths[field]}`;

export interface ValidationMessages {
  required: string;
  invalidDuration: string;
  invalidFraction: string;
  increasing: string;
}

/** The longest duration the API accepts (366 days keeps every calendar walk bounded). */
const MAX_DURATION_SECONDS = 366 * 24 * 3600;

const fraction = (text: string) => {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && value > 0 && value < 1;
};

const durationFields = [
  'timeToOpen',
  'timeToResolve',
  'totalServiceTime',
  'pickupTimeout',
  'autoCloseAfter',
  'idleAfter',
] as const;

/** Checks in the browser what can be checked without the server, keyed like the API's errors. */
export const validateDrafts = (drafts: readonly PolicyDraft[], messages: ValidationMessages): DraftErrors => {
  const errors: DraftErrors = {};
  const seen = new Set<string>();
  drafts.forEach((draft, index) => {
    for (const field of ['id', 'name', 'calendarId'] as const)
      if (!draft[field].trim()) errors[errorKey(index, field)] = messages.required;
    if (draft.id.trim()) {
      if (seen.has(draft.id.trim())) errors[errorKey(index, 'id')] = `${draft.id} ×2`;
      seen.add(draft.id.trim());
    }
    for (const field of durationFields) {
      // Only auto-close is always on; an empty target or pick-up timeout switches it off.
      if (!draft[field].trim()) {
        if (field === 'autoCloseAfter') errors[errorKey(index, field)] = messages.required;
        continue;
      }
      const seconds = durationSeconds(draft[field]);
      if (seconds === null || !Number.isInteger(seconds) || seconds < 1 || seconds > MAX_DURATION_SECONDS)
        errors[errorKey(index, field)] = messages.invalidDuration;
    }
    // Reminders are kept a whole percent apart, in increasing order (the API keys notices by percent).
    const percents = list(draft.reminders).map((value) => Math.round(Number(value) * 100));
    if (!list(draft.reminders).every(fraction))
      errors[errorKey(index, 'reminders')] = messages.invalidFraction;
    else if (percents.some((percent, at) => at > 0 && percent <= (percents[at - 1] ?? 0)))
      errors[errorKey(index, 'reminders')] = messages.increasing;
    if (draft.atRisk.trim() && !fraction(draft.atRisk))
      errors[errorKey(index, 'atRisk')] = messages.invalidFraction;
  });
  return errors;
};

const knownPaths = new Set<string>(Object.values(fieldPaths));

/**
 * Places the API's field errors on the editor: `policies.1.match.priority.0` → the priority
 * field of the second policy. Errors that fit no field are returned as general messages.
 */
export const placeServerErrors = (
  errors: readonly { path: string; message: string }[],
): { byField: DraftErrors; general: string[] } => {
  const byField: DraftErrors = {};
  const general: string[] = [];
  for (const error of errors) {
    const parts = error.path.split('.');
    if (parts[0] === 'policies') parts.shift();
    const index = parts.shift();
    let placed = false;
    if (index !== undefined && /^\d+$/.test(index)) {
      for (let length = parts.length; length > 0 && !placed; length--) {
        const path = parts.slice(0, length).join('.');
        if (knownPaths.has(path)) {
          const key = `${index}.${path}`;
          byField[key] = byField[key] ? `${byField[key]} ${error.message}` : error.message;
          placed = true;
        }
      }
    }
    if (!placed) general.push(error.path ? `${error.path}: ${error.message}` : error.message);
  }
  return { byField, general };
};
