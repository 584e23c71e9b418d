import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/problem.js';
import { completeCognitoSignIn, startCognitoSignIn } from '../../auth/session.js';
import { ErrorMessage, Loading } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { useI18n } from '../../i18n/index.js';
import { navigate } from '../../lib/navigation.js';

const returnTarget = (): string => {
  const target = new URLSearchParams(location.search).get('next');
  return target?.startsWith('/') && !target.startsWith('//') ? target : '/';
};

/** Local sign-in (POST /auth/login), or a hand-off to the Cognito Hosted UI in the cloud. */
export const SignInPage = () => {
  const { config, api, signedIn } = useApp();
  const { t } = useI18n();
  // Filled in after an invited person set their password but was not signed in by it.
  const [email, setEmail] = useState(() => new URLSearchParams(location.search).get('email') ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      if (config.auth === 'cognito') {
        await startCognitoSignIn(config, returnTarget());
        return;
      }
      const { data } = await api.login(email.trim(), password);
      signedIn(data.token, data.user);
      navigate(returnTarget(), { replace: true });
    } catch (caught) {
      setError(caught instanceof ApiError && caught.status === 401 ? new Error(t('signIn.failed')) : caught);
      setBusy(false);
    }
  };

  return (
    <section class="narrow card">
      <h1>{t('signIn.title')}</h1>
      <form onSubmit={onSubmit} noValidate={false}>
        {config.auth === 'local' ? (
          <>
            <div class="field">
              <label for="signin-email">{t('signIn.email')}</label>
              <input
                id="signin-email"
                type="email"
                name="email"
                autocomplete="username"
                required
                value={email}
                onInput={(event) => setEmail(event.currentTarget.value)}
              />
            </div>
            <div class="field">
              <label for="signin-password">{t('signIn.password')}</label>
              <input
                id="signin-password"
                type="password"
                name="password"
                autocomplete="current-password"
                required
                value={password}
                onInput={(event) => setPassword(event.currentTarget.value)}
              />
            </div>
          </>
        ) : (
          <p>{t('signIn.cognitoText')}</p>
        )}
        {error !== undefined && <ErrorMessage error={error} />}
        <button type="submit" disabled={busy}>
          {busy ? t('signIn.working') : t('signIn.submit')}
        </button>
      </form>
    </section>
  );
};

/** The Hosted UI redirects back here with `?code=&state=`. */
export const CallbackPage = () => {
  const { config, api, signedIn } = useApp();
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(undefined);
  useEffect(() => {
    (async () => {
      const { idToken, returnTo } = await completeCognitoSignIn(config, location.search);
      const { data: me } = await api.me(idToken);
      signedIn(idToken, me);
      navigate(returnTo, { replace: true });
    })().catch(setError);
  }, [config, api, signedIn]);
  return (
    <section class="narrow card">
      <h1>{t('signIn.title')}</h1>
      {error === undefined ? <Loading /> : <ErrorMessage error={error} />}
      {error !== undefined && <a href="/signin">{t('signIn.submit')}</a>}
      <p class="visually-hidden">{t('signIn.completing')}</p>
    </section>
  );
};
