import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/** A client whose portal is in German, Polish or Estonian reads the API's errors in that language. */
let rt: TestRuntime;
let client: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  client = await rt.token('client@acme.example');
});
afterAll(() => rt.stop());

const invalidTicket = (language?: string) =>
  call(`${rt.api}/tickets`, {
    method: 'POST',
    token: client,
    body: { subject: '', description: 'x', priority: 'soon' },
    ...(language ? { headers: { 'accept-language': language } } : {}),
  });

interface FieldError {
  path: string;
  message: string;
}
const messagesOf = (body: { errors: FieldError[] }) =>
  Object.fromEntries(body.errors.map((error) => [error.path, error.message]));

describe('problem details in the caller language', () => {
  it('answers in English without Accept-Language', async () => {
    const response = await invalidTicket();

    expect(response.status).toBe(400);
    expect(response.headers.get('content-language')).toBe('en');
    expect(response.body.title).toBe('Invalid request');
    expect(response.body.detail).toBe('The request body is invalid');
    expect(messagesOf(response.body).subject).toBe('Subject must not be empty');
  });

  it('answers in German to a German portal, field messages included', async () => {
    const response = await invalidTicket('de-DE,de;q=0.9,en;q=0.8');

    expect(response.status).toBe(400);
    expect(response.headers.get('content-language')).toBe('de');
    expect(response.body.title).toBe('Ungültige Anfrage');
    expect(response.body.detail).toBe('Der Inhalt der Anfrage ist ungültig');
    expect(messagesOf(response.body)).toEqual({
      subject: 'Der Betreff darf nicht leer sein',
      priority: 'Erlaubt: low, normal, high, urgent',
    });
  });

  it.each([
    ['pl', 'Nieprawidłowe żądanie', 'Temat nie może być pusty'],
    ['et', 'Vigane päring', 'Teema ei tohi olla tühi'],
  ])('answers in %s', async (language, title, subject) => {
    const response = await invalidTicket(language);

    expect(response.body.title).toBe(title);
    expect(messagesOf(response.body).subject).toBe(subject);
    expect(messagesOf(response.body).priority).not.toMatch(/Invalid|expected/i);
  });

  it('translates the details of the API itself, e.g. a missing ticket', async () => {
    const response = await call(`${rt.api}/tickets/01JQ0000000000000000000042`, {
      token: client,
      headers: { 'accept-language': 'de' },
    });

    expect(response.status).toBe(404);
    expect(response.body.title).toBe('Nicht gefunden');
    expect(response.body.detail).toBe('Kein Ticket 01JQ0000000000000000000042');
  });
});
