import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, fieldErrorMap } from '../../api/problem.js';
import type { InvitedAccount } from '../../api/types.js';
import { describedBy, ErrorMessage, Field, Loading } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { useI18n } from '../../i18n/index.js';
import { navigate } from '../../lib/navigation.js';
import { paths } from '../../lib/routes.js';
import { passwordMinLength } from './password-rules.js';

/** The tab keeps the invitation's token once it left the address, so a reload still works. */
const TOKEN_KEY = 'helpdesk.invitation';

const keptToken = (): string | null => {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
};

const keepToken = (token: string | null) => {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage refused (private mode): the page still works until it is reloaded.
  }
};

/** The token of the link just opened, else the one this tab kept; null when there is none. */
const invitationToken = (): string | null => {
  const fromAddress = new URLSearchParams(location.search).get('token');
  return fromAddress === null ? keptToken() : fromAddress || null;
};

/**
 * `/set-password?token=…`, the link of the local invitation mail (local/invitations.ts): the
 * invited person chooses a password and is signed in with it. The token leaves the address at
 * once (it must not stay in the browser's history). The link is checked before anything is
 * typed: a used, expired or unknown one offers no form, only the way to a new invitation. In the
 * cloud Cognito mails a temporary password instead (docs/admin.md).
 */
export const SetPasswordPage = () => {
  const { config, api, signedIn, notify } = useApp();
  const { t } = useI18n();
  const [token] = useState(invitationToken);
  const [refused, setRefused] = useState(token === null);
  const [invited, setInvited] = useState<InvitedAccount | null>(null);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ password?: string; repeat?: string }>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const passwordInput = useRef<HTMLInputElement>(null);
  const repeatInput = useRef<HTMLInputElement>(null);
  const refusal = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!new URLSearchParams(location.search).has('token')) return;
    keepToken(token);
    navigate(paths.setPassword, { replace: true });
  }, []);

  const refuse = () => {
    keepToken(null);
    setRefused(true);
    // The form is gone: the message takes the focus, so it is read out and the keyboard starts there.
    requestAnimationFrame(() => refusal.current?.focus());
  };

  const lookUp = async () => {
    if (!token || config.auth !== 'local') return;
    setFailure(undefined);
    try {
      setInvited((await api.readInvitation(token)).data);
    } catch (caught) {
      if (caught instanceof ApiError && fieldErrorMap(caught.fieldErrors).byPath.token) refuse();
      else setFailure(caught);
    }
  };
  useEffect(() => {
    void lookUp();
  }, []);

  const mismatch = (typed: string) => (typed !== password ? t('setPassword.mismatch') : undefined);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (!token) return refuse();
    const different = mismatch(repeat);
    if (different) {
      setErrors({ repeat: different });
      repeatInput.current?.focus();
      return;
    }
    setBusy(true);
    setErrors({});
    setFailure(undefined);
    let email: string;
    try {
      email = (await api.setPassword(token, password)).data.email;
    } catch (caught) {
      setBusy(false);
      const byPath: Record<string, string> =
        caught instanceof ApiError ? fieldErrorMap(caught.fieldErrors).byPath : {};
      if (byPath.token) return refuse();
      if (byPath.password) {
        setErrors({ password: byPath.password });
        passwordInput.current?.focus();
        return;
      }
      setFailure(caught);
      return;
    }
    keepToken(null);
    try {
      const { data } = await api.login(email, password);
      signedIn(data.token, data.user);
      navigate(paths.home, { replace: true });
      notify('success', t('setPassword.done', { name: data.user.name }), paths.home);
    } catch {
      // Set, but the sign-in did not follow (e.g. the account was deactivated meanwhile).
      navigate(`${paths.signIn}?email=${encodeURIComponent(email)}`, { replace: true });
      notify('success', t('setPassword.doneSignIn'), paths.signIn);
    }
  };

  if (config.auth === 'cognito')
    return (
      <section class="narrow card">
        <h1>{t('setPassword.title')}</h1>
        <p>{t('setPassword.cognito')}</p>
        <a href={paths.signIn}>{t('setPassword.toSignIn')}</a>
      </section>
    );

  return (
    <section class="narrow card">
      <h1>{t('setPassword.title')}</h1>
      {refused ? (
        <>
          <div class="notice notice-error" role="alert" tabIndex={-1} ref={refusal}>
            <p>{t('setPassword.linkInvalid')}</p>
          </div>
          <a href={paths.signIn}>{t('setPassword.toSignIn')}</a>
        </>
      ) : !invited ? (
        failure === undefined ? (
          <Loading />
        ) : (
          <ErrorMessage error={failure} onRetry={() => void lookUp()} />
        )
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <p>{t('setPassword.intro', { name: invited.name, email: invited.email })}</p>
          {/* Password managers save the new password under this account. */}
          <input type="email" name="username" autocomplete="username" value={invited.email} hidden readOnly />
          <Field
            id="new-password"
            label={t('setPassword.password')}
            hint={t('setPassword.rules', { min: passwordMinLength })}
            error={errors.password}
          >
            <input
              {...describedBy(
                'new-password',
                errors.password,
                t('setPassword.rules', { min: passwordMinLength }),
              )}
              ref={passwordInput}
              type="password"
              name="new-password"
              autocomplete="new-password"
              required
              value={password}
              onInput={(event) => setPassword(event.currentTarget.value)}
            />
          </Field>
          <Field id="repeat-password" label={t('setPassword.repeat')} error={errors.repeat}>
            <input
              {...describedBy('repeat-password', errors.repeat)}
              ref={repeatInput}
              type="password"
              name="repeat-password"
              autocomplete="new-password"
              required
              value={repeat}
              onInput={(event) => {
                const typed = event.currentTarget.value;
                setRepeat(typed);
                // A mismatch shown goes away as soon as the two agree.
                if (errors.repeat && !mismatch(typed)) setErrors({ ...errors, repeat: undefined });
              }}
              onBlur={() => {
                const different = repeat ? mismatch(repeat) : undefined;
                if (different) setErrors({ ...errors, repeat: different });
              }}
            />
          </Field>
          {failure !== undefined && <ErrorMessage error={failure} />}
          <button type="submit" disabled={busy}>
            {busy ? t('setPassword.working') : t('setPassword.submit')}
          </button>
        </form>
      )}
    </section>
  );
};
