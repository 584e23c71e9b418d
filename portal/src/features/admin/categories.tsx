import { useState } from 'preact/hooks';
import type { CategoryDefinition } from '../../api/types.js';
import { ErrorMessage, Loading } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { languageNames, languages } from '../../i18n/index.js';
import { useLoad } from '../../lib/load.js';
import { useAdminI18n } from './i18n.js';
import { useSave } from './save.js';

const blank = (): CategoryDefinition => ({ id: '', names: { en: '', de: '', pl: '', et: '' }, active: true });

/** Ticket categories with their names in the four languages; the whole list saves at once (If-Match). */
export const CategoriesPage = () => {
  const { api } = useApp();
  const { a } = useAdminI18n();
  const [drafts, setDrafts] = useState<CategoryDefinition[]>([]);
  const [etag, setEtag] = useState<string | null>(null);
  const { errors, busy, run } = useSave();
  const data = useLoad(async () => {
    const response = await api.getCategories();
    setDrafts(response.data.categories);
    setEtag(response.etag);
    return true;
  }, [api]);
  const update = (index: number, change: (category: CategoryDefinition) => CategoryDefinition) =>
    setDrafts(drafts.map((category, at) => (at === index ? change(category) : category)));
  const submit = async (event: Event) => {
    event.preventDefault();
    await run(async () => {
      const response = await api.putCategories(drafts, etag);
      setDrafts(response.data.categories);
      setEtag(response.etag);
      return a('categories.saved');
    }, data.reload);
  };
  // The API's message shows under its cell and is read with it (not only as a tooltip).
  const errorId = (path: string) => `category-error-${path.replaceAll('.', '-')}`;
  const invalid = (path: string) =>
    errors[path] ? { 'aria-invalid': true, 'aria-describedby': errorId(path) } : {};
  const fieldError = (path: string) =>
    errors[path] ? (
      <span class="field-error" id={errorId(path)}>
        {errors[path]}
      </span>
    ) : null;
  return (
    <section>
      <h1>{a('pages.categories')}</h1>
      {data.error !== undefined && <ErrorMessage error={data.error} onRetry={data.reload} />}
      {!data.data && data.loading && <Loading />}
      {data.data && (
        <form class="admin-form" onSubmit={submit}>
          <div class="table-wrap">
            <table class="edit-grid">
              <caption class="visually-hidden">{a('pages.categories')}</caption>
              <thead>
                <tr>
                  <th scope="col">{a('common.id')}</th>
                  {languages.map((code) => (
                    <th scope="col" key={code}>
                      {languageNames[code]}
                    </th>
                  ))}
                  <th scope="col">{a('categories.active')}</th>
                </tr>
              </thead>
              <tbody>
                {drafts.map((category, index) => (
                  <tr key={index}>
                    <td>
                      <input
                        aria-label={a('categories.idOf', { row: index + 1 })}
                        {...invalid(`categories.${index}.id`)}
                        required
                        value={category.id}
                        onInput={(event) => {
                          const id = event.currentTarget.value;
                          update(index, (current) => ({ ...current, id }));
                        }}
                      />
                      {fieldError(`categories.${index}.id`)}
                    </td>
                    {languages.map((code) => {
                      const path = `categories.${index}.names.${code}`;
                      return (
                        <td key={code}>
                          <input
                            lang={code}
                            aria-label={a('categories.nameIn', {
                              language: languageNames[code],
                              row: index + 1,
                            })}
                            {...invalid(path)}
                            required
                            value={category.names[code]}
                            onInput={(event) => {
                              const name = event.currentTarget.value;
                              update(index, (current) => ({
                                ...current,
                                names: { ...current.names, [code]: name },
                              }));
                            }}
                          />
                          {fieldError(path)}
                        </td>
                      );
                    })}
                    <td>
                      <input
                        type="checkbox"
                        aria-label={a('categories.activeOf', { row: index + 1 })}
                        checked={category.active}
                        onChange={(event) => {
                          const active = event.currentTarget.checked;
                          update(index, (current) => ({ ...current, active }));
                        }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="actions">
            <button type="button" class="secondary" onClick={() => setDrafts([...drafts, blank()])}>
              {a('categories.add')}
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
