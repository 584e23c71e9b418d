import { useState } from 'preact/hooks';
import type { CategoryDefinition, TicketFieldDefinition } from '../../api/types.js';
import { ErrorMessage, Loading } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { languageNames, languages } from '../../i18n/index.js';
import { useLoad } from '../../lib/load.js';
import { useAdminI18n } from './i18n.js';
import { listOf, useSave } from './save.js';

type FieldType = TicketFieldDefinition['type'];
const fieldTypes: FieldType[] = ['text', 'number', 'date', 'select'];

/** A field as the form holds it: the select's options as typed (one per line). */
interface FieldDraft {
  field: TicketFieldDefinition;
  options: string;
  /** Stored already: its id stays (tickets carry values under it). */
  saved: boolean;
}

const draftOf = (field: TicketFieldDefinition): FieldDraft => ({
  field,
  options: (field.options ?? []).join('\n'),
  saved: true,
});

const blank = (): FieldDraft => ({
  field: { id: '', label: { en: '', de: '', pl: '', et: '' }, type: 'text', clientEditable: false },
  options: '',
  saved: false,
});

/** What the form sends: options only on a select field, no empty `requiredFor`. */
const definitionOf = ({ field, options }: FieldDraft): TicketFieldDefinition => {
  const { options: _options, requiredFor, ...rest } = field;
  return {
    ...rest,
    ...(field.type === 'select' ? { options: listOf(options) } : {}),
    ...(requiredFor?.length ? { requiredFor } : {}),
  };
};

/**
 * Custom ticket fields (docs/api.md, `GET/PUT /ticket-fields`): each labelled in the four
 * languages, its type (a select with its options), the categories it is required for and
 * whether clients may fill it. The whole list saves at once at the version read (If-Match).
 */
export const TicketFieldsPage = () => {
  const { api } = useApp();
  const { a, language } = useAdminI18n();
  const [drafts, setDrafts] = useState<FieldDraft[]>([]);
  const [etag, setEtag] = useState<string | null>(null);
  const { errors, busy, run } = useSave();
  const data = useLoad(async () => {
    const [response, categories] = await Promise.all([
      api.getTicketFields(),
      api.listCategories().catch((): CategoryDefinition[] => []),
    ]);
    setDrafts(response.data.fields.map(draftOf));
    setEtag(response.etag);
    return categories;
  }, [api]);
  const update = (index: number, change: (field: TicketFieldDefinition) => TicketFieldDefinition) =>
    setDrafts(drafts.map((draft, at) => (at === index ? { ...draft, field: change(draft.field) } : draft)));
  const submit = async (event: Event) => {
    event.preventDefault();
    await run(async () => {
      const response = await api.putTicketFields(drafts.map(definitionOf), etag);
      setDrafts(response.data.fields.map(draftOf));
      setEtag(response.etag);
      return a('ticketFields.saved');
    }, data.reload);
  };
  const categories = data.data ?? [];
  const nameOf = (field: TicketFieldDefinition, index: number) =>
    field.label[language] || field.label.en || field.id || a('ticketFields.untitled', { n: index + 1 });
  return (
    <section>
      <h1>{a('pages.ticketFields')}</h1>
      <p>{a('ticketFields.intro')}</p>
      {data.error !== undefined && <ErrorMessage error={data.error} onRetry={data.reload} />}
      {!data.data && data.loading && <Loading />}
      {data.data && (
        <form class="admin-form" onSubmit={submit} aria-label={a('pages.ticketFields')}>
          {drafts.length === 0 && <p>{a('ticketFields.none')}</p>}
          {drafts.map(({ field, options, saved }, index) => {
            const name = nameOf(field, index);
            const at = (path: string) => errors[`fields.${index}.${path}`];
            const invalid = (path: string) => (at(path) ? true : undefined);
            const idId = `field-${index}-id`;
            const optionsId = `field-${index}-options`;
            const typeId = `field-${index}-type`;
            return (
              <fieldset key={index} class="ticket-field">
                <legend>{name}</legend>
                <p>
                  <label for={idId}>{a('common.id')}</label>
                  <input
                    id={idId}
                    required
                    readOnly={saved}
                    pattern="[a-z0-9][a-z0-9_\-]{0,39}"
                    aria-invalid={invalid('id')}
                    aria-describedby={`${idId}-hint`}
                    value={field.id}
                    onInput={(event) => {
                      const id = event.currentTarget.value;
                      update(index, (current) => ({ ...current, id }));
                    }}
                  />
                  <span class="hint" id={`${idId}-hint`}>
                    {a('common.idHint')}
                  </span>
                  {at('id') && <span class="field-error">{at('id')}</span>}
                </p>
                {languages.map((code) => {
                  const inputId = `field-${index}-label-${code}`;
                  return (
                    <p key={code}>
                      <label for={inputId}>
                        {a('ticketFields.labelIn', { language: languageNames[code] })}
                      </label>
                      <input
                        id={inputId}
                        lang={code}
                        required
                        maxLength={60}
                        aria-invalid={invalid(`label.${code}`)}
                        value={field.label[code]}
                        onInput={(event) => {
                          const text = event.currentTarget.value;
                          update(index, (current) => ({
                            ...current,
                            label: { ...current.label, [code]: text },
                          }));
                        }}
                      />
                      {at(`label.${code}`) && <span class="field-error">{at(`label.${code}`)}</span>}
                    </p>
                  );
                })}
                <p>
                  <label for={typeId}>{a('ticketFields.type')}</label>
                  <select
                    id={typeId}
                    value={field.type}
                    onChange={(event) => {
                      const type = event.currentTarget.value as FieldType;
                      update(index, (current) => ({ ...current, type }));
                    }}
                  >
                    {fieldTypes.map((type) => (
                      <option key={type} value={type}>
                        {a(`ticketFields.types.${type}`)}
                      </option>
                    ))}
                  </select>
                </p>
                {field.type === 'select' && (
                  <p>
                    <label for={optionsId}>{a('ticketFields.options')}</label>
                    <textarea
                      id={optionsId}
                      rows={4}
                      required
                      aria-invalid={invalid('options')}
                      value={options}
                      onInput={(event) => {
                        const text = event.currentTarget.value;
                        setDrafts(
                          drafts.map((draft, i) => (i === index ? { ...draft, options: text } : draft)),
                        );
                      }}
                    />
                    {at('options') && <span class="field-error">{at('options')}</span>}
                  </p>
                )}
                <fieldset>
                  <legend>{a('ticketFields.requiredFor', { name })}</legend>
                  {categories.map((category) => (
                    <label key={category.id} class="checkbox">
                      <input
                        type="checkbox"
                        checked={field.requiredFor?.includes(category.id) ?? false}
                        onChange={(event) => {
                          const checked = event.currentTarget.checked;
                          update(index, (current) => {
                            const others = (current.requiredFor ?? []).filter((id) => id !== category.id);
                            return { ...current, requiredFor: checked ? [...others, category.id] : others };
                          });
                        }}
                      />{' '}
                      {category.names[language] || category.id}
                    </label>
                  ))}
                  {at('requiredFor') && <span class="field-error">{at('requiredFor')}</span>}
                </fieldset>
                <label class="checkbox">
                  <input
                    type="checkbox"
                    checked={field.clientEditable}
                    onChange={(event) => {
                      const clientEditable = event.currentTarget.checked;
                      update(index, (current) => ({ ...current, clientEditable }));
                    }}
                  />{' '}
                  {a('ticketFields.clientEditable')}
                </label>
                <div class="actions">
                  <button
                    type="button"
                    class="secondary"
                    onClick={() => setDrafts(drafts.filter((_, i) => i !== index))}
                  >
                    {a('ticketFields.remove', { name })}
                  </button>
                </div>
              </fieldset>
            );
          })}
          {errors.fields && <p class="field-error">{errors.fields}</p>}
          <div class="actions">
            <button type="button" class="secondary" onClick={() => setDrafts([...drafts, blank()])}>
              {a('ticketFields.add')}
            </button>
            <button type="submit" disabled={busy}>
              {a('common.save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
};
