import { useState } from 'preact/hooks';
import type { AutomationRule, RuleAction, RuleCondition, RuleTestResult } from '../../api/types.js';
import { ErrorMessage, errorText, Loading } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { useLoad } from '../../lib/load.js';
import { type AdminKey, useAdminI18n } from './i18n.js';
import { listOf, useSave } from './save.js';

type Event = AutomationRule['when'][number];
type Field = RuleCondition['field'];
type Op = RuleCondition['op'];
type ActionKind = RuleAction['action'];
type SetField = Extract<RuleAction, { action: 'set' }>['field'];

/** The contract's vocabulary (docs/automation.md), typed against the API's own types. */
const events = [
  'ticket.created',
  'ticket.updated',
  'message.created',
  'sla.at-risk',
  'sla.breached',
  'ticket.idle',
] as const satisfies readonly Event[];
const fields = [
  'subject',
  'description',
  'priority',
  'category',
  'queue',
  'channel',
  'tags',
  'orgId',
  'status',
  'assignee',
  'message.body',
  'message.channel',
] as const satisfies readonly Field[];
const ops = ['eq', 'ne', 'in', 'contains', 'matches', 'gt', 'lt'] as const satisfies readonly Op[];
const kinds = [
  'set',
  'addTags',
  'removeTags',
  'addNote',
  'sendMail',
  'callWebhook',
] as const satisfies readonly ActionKind[];
const setFields = [
  'priority',
  'queue',
  'category',
  'status',
  'assignee',
] as const satisfies readonly SetField[];
const recipients = ['requester', 'assignee', 'queue'] as const;
const priorities = ['low', 'normal', 'high', 'urgent'] as const;
const statuses = ['new', 'open', 'pending', 'on_hold', 'resolved', 'closed'] as const;

const newAction = (kind: ActionKind): RuleAction => {
  switch (kind) {
    case 'set':
      return { action: 'set', field: 'priority', value: 'high' };
    case 'addTags':
    case 'removeTags':
      return { action: kind, tags: [] };
    case 'addNote':
      return { action: 'addNote', body: '' };
    case 'sendMail':
      return { action: 'sendMail', template: '', to: 'requester' };
    case 'callWebhook':
      return { action: 'callWebhook', webhookId: '' };
  }
};

/** A condition's value as typed: a list for `in`, a number for `gt`/`lt` when it is one, else text. */
const conditionValue = (op: Op, text: string): RuleCondition['value'] => {
  if (op === 'in') return listOf(text);
  if ((op === 'gt' || op === 'lt') && /^-?\d+(\.\d+)?$/.test(text.trim())) return Number(text);
  return text;
};
const textOf = (value: RuleCondition['value']): string =>
  Array.isArray(value) ? value.join(', ') : value === null ? '' : String(value);

interface Errors {
  at: (path: string) => string | undefined;
}

const ConditionRow = ({
  condition,
  path,
  label,
  errors,
  onChange,
  onRemove,
}: {
  condition: RuleCondition;
  path: string;
  label: string;
  errors: Errors;
  onChange: (next: RuleCondition) => void;
  onRemove: () => void;
}) => {
  const { a } = useAdminI18n();
  const error = errors.at(`${path}.value`) ?? errors.at(path);
  return (
    <li class="builder-row">
      <select
        aria-label={a('automation.field', { item: label })}
        value={condition.field}
        onChange={(event) => onChange({ ...condition, field: event.currentTarget.value as Field })}
      >
        {fields.map((field) => (
          <option key={field} value={field}>
            {a(`automation.fields.${field.replace('.', '_')}` as AdminKey)}
          </option>
        ))}
      </select>
      <select
        aria-label={a('automation.op', { item: label })}
        value={condition.op}
        onChange={(event) => {
          const op = event.currentTarget.value as Op;
          onChange({ ...condition, op, value: conditionValue(op, textOf(condition.value)) });
        }}
      >
        {ops.map((op) => (
          <option key={op} value={op}>
            {a(`automation.ops.${op}`)}
          </option>
        ))}
      </select>
      <input
        aria-label={a('automation.value', { item: label })}
        aria-invalid={error ? true : undefined}
        value={textOf(condition.value)}
        onInput={(event) =>
          onChange({ ...condition, value: conditionValue(condition.op, event.currentTarget.value) })
        }
      />
      <button type="button" class="link" onClick={onRemove}>
        {a('automation.remove', { item: label })}
      </button>
      {error && <span class="field-error">{error}</span>}
    </li>
  );
};

const ActionRow = ({
  action,
  path,
  label,
  errors,
  onChange,
  onRemove,
}: {
  action: RuleAction;
  path: string;
  label: string;
  errors: Errors;
  onChange: (next: RuleAction) => void;
  onRemove: () => void;
}) => {
  const { a } = useAdminI18n();
  const error = Object.entries({ value: 0, tags: 0, body: 0, template: 0, webhookId: 0, field: 0, to: 0 })
    .map(([key]) => errors.at(`${path}.${key}`))
    .concat(errors.at(path))
    .filter(Boolean)
    .join(' ');
  const text = (name: string, value: string, set: (text: string) => void) => (
    <input
      aria-label={a('automation.actionPart', { item: label, part: name })}
      value={value}
      onInput={(event) => set(event.currentTarget.value)}
    />
  );
  return (
    <li class="builder-row">
      <select
        aria-label={a('automation.actionKind', { item: label })}
        value={action.action}
        onChange={(event) => onChange(newAction(event.currentTarget.value as ActionKind))}
      >
        {kinds.map((kind) => (
          <option key={kind} value={kind}>
            {a(`automation.kinds.${kind}`)}
          </option>
        ))}
      </select>
      {action.action === 'set' && (
        <>
          <select
            aria-label={a('automation.setField', { item: label })}
            value={action.field}
            onChange={(event) => onChange({ ...action, field: event.currentTarget.value as SetField })}
          >
            {setFields.map((field) => (
              <option key={field} value={field}>
                {a(`automation.fields.${field}`)}
              </option>
            ))}
          </select>
          <input
            aria-label={a('automation.setValue', { item: label })}
            list={
              action.field === 'priority'
                ? 'rule-priorities'
                : action.field === 'status'
                  ? 'rule-statuses'
                  : undefined
            }
            value={action.value ?? ''}
            onInput={(event) => onChange({ ...action, value: event.currentTarget.value || null })}
          />
        </>
      )}
      {(action.action === 'addTags' || action.action === 'removeTags') &&
        text(a('automation.tags'), action.tags.join(', '), (value) =>
          onChange({ ...action, tags: listOf(value) }),
        )}
      {action.action === 'addNote' &&
        text(a('automation.note'), action.body, (body) => onChange({ ...action, body }))}
      {action.action === 'sendMail' && (
        <>
          {text(a('automation.template'), action.template, (template) => onChange({ ...action, template }))}
          <select
            aria-label={a('automation.recipient', { item: label })}
            value={action.to}
            onChange={(event) => onChange({ ...action, to: event.currentTarget.value as typeof action.to })}
          >
            {recipients.map((to) => (
              <option key={to} value={to}>
                {a(`automation.recipients.${to}`)}
              </option>
            ))}
          </select>
        </>
      )}
      {action.action === 'callWebhook' &&
        text(a('automation.webhook'), action.webhookId, (webhookId) => onChange({ ...action, webhookId }))}
      <button type="button" class="link" onClick={onRemove}>
        {a('automation.remove', { item: label })}
      </button>
      {error && <span class="field-error">{error}</span>}
    </li>
  );
};

const RuleEditor = ({
  rule,
  index,
  count,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  rule: AutomationRule;
  index: number;
  count: number;
  errors: Errors;
  onChange: (next: AutomationRule) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) => {
  const { a } = useAdminI18n();
  const path = `rules.${index}`;
  const prefix = `rule-${index}`;
  const title = rule.name || a('automation.untitled', { n: index + 1 });
  const group = (kind: 'all' | 'any') => {
    const conditions = rule.if[kind] ?? [];
    const setConditions = (next: RuleCondition[]) => onChange({ ...rule, if: { ...rule.if, [kind]: next } });
    return (
      <fieldset>
        <legend>{a(kind === 'all' ? 'automation.all' : 'automation.any')}</legend>
        <ul class="builder-list">
          {conditions.map((condition, at) => (
            <ConditionRow
              key={at}
              condition={condition}
              path={`${path}.if.${kind}.${at}`}
              label={a('automation.conditionN', { n: at + 1, rule: title })}
              errors={errors}
              onChange={(next) => setConditions(conditions.map((entry, i) => (i === at ? next : entry)))}
              onRemove={() => setConditions(conditions.filter((_, i) => i !== at))}
            />
          ))}
        </ul>
        <button
          type="button"
          class="secondary"
          onClick={() => setConditions([...conditions, { field: 'subject', op: 'contains', value: '' }])}
        >
          {a('automation.addCondition')}
        </button>
      </fieldset>
    );
  };
  return (
    <article class="rule" aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>{a('automation.ruleN', { n: index + 1, name: title })}</h2>
      <div class="rule-head">
        <label>
          {a('common.name')}{' '}
          <input
            required
            value={rule.name}
            onInput={(event) => onChange({ ...rule, name: event.currentTarget.value })}
          />
        </label>
        <label>
          {a('common.id')}{' '}
          <input
            required
            aria-invalid={errors.at(`${path}.id`) ? true : undefined}
            value={rule.id}
            onInput={(event) => onChange({ ...rule, id: event.currentTarget.value })}
          />
        </label>
        <label>
          <input
            type="checkbox"
            checked={rule.active}
            onChange={(event) => onChange({ ...rule, active: event.currentTarget.checked })}
          />{' '}
          {a('automation.active')}
        </label>
        {[errors.at(`${path}.id`), errors.at(`${path}.name`)].filter(Boolean).map((message) => (
          <span class="field-error" key={message}>
            {message}
          </span>
        ))}
      </div>
      <fieldset class="choices">
        <legend>{a('automation.when')}</legend>
        {events.map((event) => (
          <label key={event}>
            <input
              type="checkbox"
              checked={rule.when.includes(event)}
              onChange={(change) =>
                onChange({
                  ...rule,
                  when: change.currentTarget.checked
                    ? [...rule.when, event]
                    : rule.when.filter((entry) => entry !== event),
                })
              }
            />{' '}
            {a(`automation.events.${event.replace('.', '_').replace('-', '_')}` as AdminKey)}
          </label>
        ))}
        {errors.at(`${path}.when`) && <span class="field-error">{errors.at(`${path}.when`)}</span>}
      </fieldset>
      {group('all')}
      {group('any')}
      <fieldset>
        <legend>{a('automation.thenLabel')}</legend>
        <ul class="builder-list">
          {rule.then.map((action, at) => (
            <ActionRow
              key={at}
              action={action}
              path={`${path}.then.${at}`}
              label={a('automation.actionN', { n: at + 1, rule: title })}
              errors={errors}
              onChange={(next) =>
                onChange({ ...rule, then: rule.then.map((entry, i) => (i === at ? next : entry)) })
              }
              onRemove={() => onChange({ ...rule, then: rule.then.filter((_, i) => i !== at) })}
            />
          ))}
        </ul>
        {errors.at(`${path}.then`) && <p class="field-error">{errors.at(`${path}.then`)}</p>}
        <button
          type="button"
          class="secondary"
          onClick={() => onChange({ ...rule, then: [...rule.then, newAction('set')] })}
        >
          {a('automation.addAction')}
        </button>
      </fieldset>
      <div class="actions">
        <button type="button" class="secondary" disabled={index === 0} onClick={() => onMove(-1)}>
          {a('automation.up', { name: title })}
        </button>
        <button type="button" class="secondary" disabled={index === count - 1} onClick={() => onMove(1)}>
          {a('automation.down', { name: title })}
        </button>
        <button type="button" class="secondary" onClick={onRemove}>
          {a('automation.removeRule', { name: title })}
        </button>
      </div>
    </article>
  );
};

interface Sample {
  subject: string;
  description: string;
  priority: (typeof priorities)[number];
  category: string;
  queue: string;
  tags: string;
  status: (typeof statuses)[number];
  event: Event;
  message: string;
}

/** The test panel: the rules as edited (not yet saved) against a sample ticket; nothing is written. */
const TestPanel = ({ rules }: { rules: AutomationRule[] }) => {
  const { api } = useApp();
  const i18n = useAdminI18n();
  const { a } = i18n;
  const [sample, setSample] = useState<Sample>({
    subject: '',
    description: '',
    priority: 'normal',
    category: '',
    queue: 'general',
    tags: '',
    status: 'new',
    event: 'ticket.created',
    message: '',
  });
  const [result, setResult] = useState<RuleTestResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const set = (change: Partial<Sample>) => setSample({ ...sample, ...change });
  const test = async (event: SubmitEvent) => {
    event.preventDefault();
    setFailure(null);
    try {
      const response = await api.testRules({
        ticket: {
          subject: sample.subject,
          description: sample.description,
          priority: sample.priority,
          category: sample.category || null,
          queue: sample.queue || 'general',
          channel: 'web',
          tags: listOf(sample.tags),
          orgId: 'acme',
          status: sample.status,
          assignee: null,
        },
        event: sample.event,
        ...(sample.message ? { message: { body: sample.message, channel: 'web' } } : {}),
        rules,
      });
      setResult(response.data);
    } catch (caught) {
      setResult(null);
      setFailure(errorText(caught, i18n));
    }
  };
  const input = (
    name: 'subject' | 'description' | 'category' | 'queue' | 'tags' | 'message',
    label: string,
  ) => (
    <p>
      <label for={`sample-${name}`}>{label}</label>
      <input
        id={`sample-${name}`}
        value={sample[name]}
        onInput={(event) => set({ [name]: event.currentTarget.value })}
      />
    </p>
  );
  return (
    <form class="admin-form test-panel" onSubmit={test} aria-labelledby="rule-test-title">
      <h2 id="rule-test-title">{a('automation.testTitle')}</h2>
      <p class="hint">{a('automation.testHint')}</p>
      <p>
        <label for="sample-event">{a('automation.event')}</label>
        <select
          id="sample-event"
          value={sample.event}
          onChange={(e) => set({ event: e.currentTarget.value as Event })}
        >
          {events.map((event) => (
            <option key={event} value={event}>
              {a(`automation.events.${event.replace('.', '_').replace('-', '_')}` as AdminKey)}
            </option>
          ))}
        </select>
      </p>
      {input('subject', a('automation.fields.subject'))}
      {input('description', a('automation.fields.description'))}
      <p>
        <label for="sample-priority">{a('automation.fields.priority')}</label>
        <select
          id="sample-priority"
          value={sample.priority}
          onChange={(event) => set({ priority: event.currentTarget.value as Sample['priority'] })}
        >
          {priorities.map((priority) => (
            <option key={priority} value={priority}>
              {i18n.tx(`priority.${priority}`, priority)}
            </option>
          ))}
        </select>
      </p>
      {input('category', a('automation.fields.category'))}
      {input('queue', a('automation.fields.queue'))}
      {input('tags', a('automation.fields.tags'))}
      {sample.event === 'message.created' && input('message', a('automation.fields.message_body'))}
      <button type="submit">{a('automation.runTest')}</button>
      <div role="status" aria-live="polite" class="test-result">
        {failure && <p class="field-error">{failure}</p>}
        {result && result.fired.length === 0 && <p>{a('automation.noneFired')}</p>}
        {result && result.fired.length > 0 && (
          <ol>
            {result.fired.map((fired, index) => (
              <li key={index}>
                <strong>{a('automation.fired', { name: fired.ruleName })}</strong>
                {fired.error && <span class="field-error"> {fired.error}</span>}
                <ul>
                  {fired.changes.map((change) => (
                    <li key={change.field}>
                      {a('automation.change', {
                        field: change.field,
                        from: JSON.stringify(change.from ?? null),
                        to: JSON.stringify(change.to ?? null),
                      })}
                    </li>
                  ))}
                  {fired.notes.map((note) => (
                    <li key={note}>{a('automation.noteAdded', { note })}</li>
                  ))}
                  {fired.requests.map((request) => (
                    <li key={JSON.stringify(request)}>
                      {a('automation.request', { request: JSON.stringify(request) })}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )}
        {result?.stoppedAtDepth && <p>{a('automation.stopped')}</p>}
      </div>
    </form>
  );
};

/** Automation rules: a builder for the ordered list (when, all/any conditions, actions), saved at once (If-Match). */
export const AutomationPage = () => {
  const { api } = useApp();
  const { a } = useAdminI18n();
  const [rules, setRules] = useState<AutomationRule[]>([]);
  const [etag, setEtag] = useState<string | null>(null);
  const { errors, busy, run } = useSave();
  const data = useLoad(async () => {
    const response = await api.getRules();
    setRules(response.data.rules);
    setEtag(response.etag);
    return true;
  }, [api]);
  const at: Errors = { at: (path) => errors[path] };
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    await run(async () => {
      const response = await api.putRules(rules, etag);
      setRules(response.data.rules);
      setEtag(response.etag);
      return a('automation.saved');
    }, data.reload);
  };
  const move = (index: number, by: -1 | 1) => {
    const next = [...rules];
    const [moved] = next.splice(index, 1);
    if (moved) next.splice(index + by, 0, moved);
    setRules(next);
  };
  return (
    <section>
      <h1>{a('pages.automation')}</h1>
      {data.error !== undefined && <ErrorMessage error={data.error} onRetry={data.reload} />}
      {!data.data && data.loading && <Loading />}
      {data.data && (
        <>
          <datalist id="rule-priorities">
            {priorities.map((priority) => (
              <option key={priority} value={priority} />
            ))}
          </datalist>
          <datalist id="rule-statuses">
            {statuses.map((status) => (
              <option key={status} value={status} />
            ))}
          </datalist>
          <form class="admin-form" onSubmit={submit}>
            {rules.length === 0 && <p class="empty">{a('automation.none')}</p>}
            {rules.map((rule, index) => (
              <RuleEditor
                key={index}
                rule={rule}
                index={index}
                count={rules.length}
                errors={at}
                onChange={(next) => setRules(rules.map((entry, i) => (i === index ? next : entry)))}
                onMove={(by) => move(index, by)}
                onRemove={() => setRules(rules.filter((_, i) => i !== index))}
              />
            ))}
            <div class="actions">
              <button
                type="button"
                class="secondary"
                onClick={() =>
                  setRules([
                    ...rules,
                    {
                      id: `rule-${rules.length + 1}`,
                      name: '',
                      active: true,
                      when: ['ticket.created'],
                      if: { all: [] },
                      then: [newAction('set')],
                    },
                  ])
                }
              >
                {a('automation.addRule')}
              </button>
              <button type="submit" disabled={busy}>
                {a('common.save')}
              </button>
            </div>
          </form>
          <TestPanel rules={rules} />
        </>
      )}
    </section>
  );
};
