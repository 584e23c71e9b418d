import { render } from 'preact';
import { App } from './app.js';
import { loadConfig } from './auth/config.js';
import { readSession } from './auth/session.js';
import { initialLanguage, setupI18n } from './i18n/index.js';
import './styles.css';

const root = document.getElementById('app');

const start = async () => {
  if (!root) return;
  const language = initialLanguage(readSession()?.user.locale);
  const [config] = await Promise.all([loadConfig(), setupI18n(language)]);
  root.textContent = '';
  render(<App config={config} initialLanguage={language} />, root);
};

start().catch((error: unknown) => {
  if (root) {
    root.innerHTML = '';
    const message = document.createElement('p');
    message.setAttribute('role', 'alert');
    message.textContent = `The help desk could not start: ${error instanceof Error ? error.message : String(error)}`;
    root.append(message);
  }
});
