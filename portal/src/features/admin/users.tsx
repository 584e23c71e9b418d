import { useState } from 'preact/hooks';
import type { Account, AccountPatch, Organisation, Role } from '../../api/types.js';
import { describedBy, ErrorMessage, Field, Loading } from '../../components/ui.js';
import { useApp, useUser } from '../../context.js';
import { isLanguage, type Language, languageNames, languages } from '../../i18n/index.js';
import { useLoad } from '../../lib/load.js';
import { useAdminI18n } from './i18n.js';
import { listOf, timeZones, useSave } from './save.js';

const roles = ['client', 'agent', 'lead', 'admin'] as const satisfies readonly Role[];

interface Draft {
  email: string;
  name: string;
  role: Role;
  orgId: string;
  skills: string;
  capacity: string;
  language: Language;
  timeZone: string;
  active: boolean;
}

const draftOf = (account: Account | null): Draft => ({
  email: account?.email ?? '',
  name: account?.name ?? '',
  role: account?.role ?? 'agent',
  orgId: account?.orgId ?? '',
  skills: account?.skills.join(', ') ?? '',
  capacity: String(account?.capacity ?? 10),
  language: isLanguage(account?.locale) ? account.locale : 'en',
  timeZone: account?.timeZone ?? 'UTC',
  active: account?.active ?? true,
});

/** Only what changed goes out, so an admin's edit never overwrites a field they did not touch. */
const patchOf = (account: Account, draft: Draft): AccountPatch => {
  const before = draftOf(account);
  const patch: AccountPatch = {};
  if (draft.role !== before.role) patch.role = draft.role;
  if (draft.orgId !== before.orgId || draft.role !== before.role)
    patch.orgId = draft.role === 'client' ? draft.orgId || null : null;
  if (draft.skills !== before.skills) patch.skills = listOf(draft.skills);
  if (draft.capacity !== before.capacity) patch.capacity = Number(draft.capacity);
  if (draft.language !== before.language) patch.language = draft.language;
  if (draft.timeZone !== before.timeZone) patch.timeZone = draft.timeZone;
  if (draft.active !== before.active) patch.active = draft.active;
  return patch;
};

const AccountForm = ({
  account,
  organisations,
  reload,
  onDone,
}: {
  account: Account | null;
  organisations: readonly Organisation[];
  reload: () => Promise<void>;
  onDone: () => void;
}) => {
  const { api } = useApp();
  const me = useUser();
  const { a, tx } = useAdminI18n();
  const [draft, setDraft] = useState<Draft>(draftOf(account));
  const { errors, busy, run } = useSave();
  const prefix = `account-${account?.id ?? 'new'}`;
  const self = account?.id === me.id;
  const set = (change: Partial<Draft>) => setDraft({ ...draft, ...change });
  const submit = async (event: Event) => {
    event.preventDefault();
    const saved = await run(async () => {
      if (account) {
        const patch = patchOf(account, draft);
        if (Object.keys(patch).length) await api.patchUser(account.id, account.version, patch);
      } else
        await api.inviteUser({
          email: draft.email,
          name: draft.name,
          role: draft.role,
          orgId: draft.role === 'client' ? draft.orgId || null : null,
          language: draft.language,
          timeZone: draft.timeZone,
          skills: listOf(draft.skills),
          capacity: Number(draft.capacity),
        });
      return account ? a('users.saved', { name: draft.name }) : a('users.invited', { email: draft.email });
    }, reload);
    if (saved) {
      onDone();
      await reload();
    }
  };
  const text = (field: 'email' | 'name' | 'skills' | 'capacity', label: string) => {
    const common = {
      ...describedBy(`${prefix}-${field}`, errors[field]),
      required: field !== 'skills',
      value: draft[field],
      onInput: (event: { currentTarget: HTMLInputElement }) => set({ [field]: event.currentTarget.value }),
    };
    return (
      <Field id={`${prefix}-${field}`} label={label} error={errors[field]}>
        {field === 'capacity' ? (
          <input {...common} type="number" min={0} max={200} />
        ) : field === 'email' ? (
          <input {...common} type="email" />
        ) : (
          <input {...common} type="text" />
        )}
      </Field>
    );
  };
  return (
    <form class="admin-form" onSubmit={submit} aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>{account ? a('users.edit', { name: account.name }) : a('users.invite')}</h2>
      {!account && text('email', a('users.email'))}
      {!account && text('name', a('common.name'))}
      <Field id={`${prefix}-role`} label={a('users.role')} error={errors.role}>
        <select
          {...describedBy(`${prefix}-role`, errors.role)}
          value={draft.role}
          disabled={self}
          onChange={(event) => set({ role: event.currentTarget.value as Role })}
        >
          {roles.map((role) => (
            <option key={role} value={role}>
              {tx(`roles.${role}`, role)}
            </option>
          ))}
        </select>
      </Field>
      {draft.role === 'client' && (
        <Field id={`${prefix}-org`} label={a('users.organisation')} error={errors.orgId}>
          <select
            {...describedBy(`${prefix}-org`, errors.orgId)}
            required
            value={draft.orgId}
            onChange={(event) => set({ orgId: event.currentTarget.value })}
          >
            <option value="">{a('users.chooseOrganisation')}</option>
            {organisations.map((organisation) => (
              <option key={organisation.id} value={organisation.id}>
                {organisation.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      {draft.role !== 'client' && text('skills', a('users.skills'))}
      {draft.role !== 'client' && text('capacity', a('users.capacity'))}
      <Field id={`${prefix}-language`} label={a('users.language')} error={errors.language}>
        <select
          {...describedBy(`${prefix}-language`, errors.language)}
          value={draft.language}
          onChange={(event) => {
            const language = event.currentTarget.value;
            if (isLanguage(language)) set({ language });
          }}
        >
          {languages.map((code) => (
            <option key={code} value={code} lang={code}>
              {languageNames[code]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${prefix}-zone`} label={a('common.timeZone')} error={errors.timeZone}>
        <select
          {...describedBy(`${prefix}-zone`, errors.timeZone)}
          value={draft.timeZone}
          onChange={(event) => set({ timeZone: event.currentTarget.value })}
        >
          {timeZones(draft.timeZone).map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </Field>
      {account && (
        <p>
          <label>
            <input
              type="checkbox"
              checked={draft.active}
              disabled={self}
              onChange={(event) => set({ active: event.currentTarget.checked })}
            />{' '}
            {a('users.active')}
          </label>
        </p>
      )}
      <div class="actions">
        <button type="submit" disabled={busy}>
          {account ? a('common.save') : a('users.sendInvitation')}
        </button>
        {account && (
          <button type="button" class="secondary" onClick={onDone}>
            {a('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
};

/** People and their roles: list by role, invite, change role, organisation, skills, capacity, language, zone; deactivate. */
export const UsersPage = () => {
  const { api } = useApp();
  const { a, tx } = useAdminI18n();
  const [role, setRole] = useState<Role>('agent');
  const [editing, setEditing] = useState<string | null>(null);
  const data = useLoad(async () => {
    const [accounts, organisations] = await Promise.all([api.listAccounts(role), api.listOrganisations()]);
    return { accounts: accounts.data.items, organisations: organisations.data.items };
  }, [api, role]);
  const organisationName = (id: string | null) =>
    data.data?.organisations.find((organisation) => organisation.id === id)?.name ?? id ?? '—';
  return (
    <section>
      <h1>{a('pages.users')}</h1>
      <p>
        <label for="users-role">{a('users.showRole')}</label>{' '}
        <select id="users-role" value={role} onChange={(event) => setRole(event.currentTarget.value as Role)}>
          {roles.map((entry) => (
            <option key={entry} value={entry}>
              {tx(`roles.${entry}`, entry)}
            </option>
          ))}
        </select>
      </p>
      {data.error !== undefined && <ErrorMessage error={data.error} onRetry={data.reload} />}
      {!data.data && data.loading && <Loading />}
      {data.data && (
        <>
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{a('pages.users')}</caption>
              <thead>
                <tr>
                  <th scope="col">{a('common.name')}</th>
                  <th scope="col">{a('users.email')}</th>
                  <th scope="col">{role === 'client' ? a('users.organisation') : a('users.capacity')}</th>
                  <th scope="col">{a('users.status')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{a('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.data.accounts.length === 0 && (
                  <tr>
                    <td colSpan={5}>{a('users.none')}</td>
                  </tr>
                )}
                {data.data.accounts.map((account) => (
                  <tr key={account.id}>
                    <th scope="row">{account.name}</th>
                    <td>{account.email}</td>
                    <td>
                      {role === 'client'
                        ? organisationName(account.orgId)
                        : `${account.openAssigned} / ${account.capacity}`}
                    </td>
                    <td>{account.active ? a('users.active') : a('users.inactive')}</td>
                    <td>
                      <button
                        type="button"
                        class="secondary"
                        aria-expanded={editing === account.id}
                        onClick={() => setEditing(editing === account.id ? null : account.id)}
                      >
                        {a('users.editButton', { name: account.name })}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.data.accounts
            .filter((account) => account.id === editing)
            .map((account) => (
              <AccountForm
                key={`${account.id}-${account.version}`}
                account={account}
                organisations={data.data?.organisations ?? []}
                reload={data.reload}
                onDone={() => setEditing(null)}
              />
            ))}
          <AccountForm
            key={`invite-${data.data.accounts.length}`}
            account={null}
            organisations={data.data.organisations}
            reload={data.reload}
            onDone={() => {}}
          />
        </>
      )}
    </section>
  );
};
