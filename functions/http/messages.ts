import type * as z from 'zod';
import type { Problem } from './problem.js';

/**
 * The words of the API's errors in the portal's languages: the problem titles and details the
 * API produces, and field messages (the schemas' own and zod's common issues), chosen per
 * request by Accept-Language. A small catalogue of our own instead of zod's locales, which
 * would add every language to each Lambda bundle. English is the source: a text the catalogue
 * does not know stays English.
 */
export const problemLanguages = ['en', 'de', 'pl', 'et'] as const;
export type ProblemLanguage = (typeof problemLanguages)[number];
type Translated = Exclude<ProblemLanguage, 'en'>;

const isLanguage = (tag: string): tag is ProblemLanguage =>
  (problemLanguages as readonly string[]).includes(tag);

/** The caller's preferred language of ours from `Accept-Language` (q-values honoured), else English. */
export const languageOf = (acceptLanguage: string | undefined): ProblemLanguage => {
  if (!acceptLanguage) return 'en';
  const ranked = acceptLanguage
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { primary: tag.trim().toLowerCase().split('-')[0] ?? '', q: q ? Number(q) : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.primary).find(isLanguage) ?? 'en';
};

type Words = Record<Translated, string | ((...groups: string[]) => string)>;
type Entry = readonly [RegExp | string, Words];

const titles: Record<string, Record<Translated, string>> = {
  'Invalid request': { de: 'Ungültige Anfrage', pl: 'Nieprawidłowe żądanie', et: 'Vigane päring' },
  'Authentication required': {
    de: 'Anmeldung erforderlich',
    pl: 'Wymagane logowanie',
    et: 'Sisselogimine on vajalik',
  },
  Forbidden: { de: 'Nicht erlaubt', pl: 'Brak uprawnień', et: 'Keelatud' },
  'Not found': { de: 'Nicht gefunden', pl: 'Nie znaleziono', et: 'Ei leitud' },
  Conflict: { de: 'Konflikt', pl: 'Konflikt', et: 'Konflikt' },
  'Precondition failed': {
    de: 'Vorbedingung nicht erfüllt',
    pl: 'Warunek wstępny niespełniony',
    et: 'Eeltingimus ei ole täidetud',
  },
  'Payload too large': { de: 'Anfrage zu groß', pl: 'Żądanie jest za duże', et: 'Päring on liiga suur' },
  'Unsupported media type': {
    de: 'Nicht unterstütztes Format',
    pl: 'Nieobsługiwany format',
    et: 'Toetamata vorming',
  },
  'Unprocessable request': {
    de: 'Nicht verarbeitbare Anfrage',
    pl: 'Nie można przetworzyć żądania',
    et: 'Päringut ei saa töödelda',
  },
  'Too many requests': { de: 'Zu viele Anfragen', pl: 'Zbyt wiele żądań', et: 'Liiga palju päringuid' },
  'Internal server error': {
    de: 'Interner Serverfehler',
    pl: 'Wewnętrzny błąd serwera',
    et: 'Serveri sisemine viga',
  },
};

/** Problem details: the texts of the API's AppErrors. */
const details: Entry[] = [
  [
    'The request body is invalid',
    {
      de: 'Der Inhalt der Anfrage ist ungültig',
      pl: 'Treść żądania jest nieprawidłowa',
      et: 'Päringu sisu on vigane',
    },
  ],
  [
    'The query string is invalid',
    {
      de: 'Die Abfrageparameter sind ungültig',
      pl: 'Parametry zapytania są nieprawidłowe',
      et: 'Päringu parameetrid on vigased',
    },
  ],
  [
    'This route takes no query parameters',
    {
      de: 'Diese Adresse nimmt keine Abfrageparameter an',
      pl: 'Ten adres nie przyjmuje parametrów zapytania',
      et: 'See aadress ei võta päringu parameetreid',
    },
  ],
  [
    'A JSON body is required',
    { de: 'Ein JSON-Inhalt ist erforderlich', pl: 'Wymagana jest treść JSON', et: 'Vaja on JSON-sisu' },
  ],
  [
    /^The body is not valid JSON: (.*)$/s,
    {
      de: (e) => `Der Inhalt ist kein gültiges JSON: ${e}`,
      pl: (e) => `Treść nie jest poprawnym JSON: ${e}`,
      et: (e) => `Sisu ei ole korrektne JSON: ${e}`,
    },
  ],
  [
    /^The request body must be at most (\d+) KB$/,
    {
      de: (n) => `Der Inhalt der Anfrage darf höchstens ${n} KB groß sein`,
      pl: (n) => `Treść żądania może mieć najwyżej ${n} KB`,
      et: (n) => `Päringu sisu võib olla kuni ${n} KB`,
    },
  ],
  [
    'Send the body as JSON with Content-Type: application/json',
    {
      de: 'Senden Sie den Inhalt als JSON mit Content-Type: application/json',
      pl: 'Wyślij treść jako JSON z Content-Type: application/json',
      et: 'Saatke sisu JSON-ina päisega Content-Type: application/json',
    },
  ],
  [
    'Sign in first: send a bearer token',
    {
      de: 'Bitte melden Sie sich zuerst an',
      pl: 'Najpierw się zaloguj',
      et: 'Palun logige kõigepealt sisse',
    },
  ],
  [
    'This account was deactivated',
    {
      de: 'Dieses Konto wurde deaktiviert',
      pl: 'To konto zostało dezaktywowane',
      et: 'See konto on deaktiveeritud',
    },
  ],
  [
    /^Your role may not perform (.+)$/,
    {
      de: (a) => `Ihre Rolle darf ${a} nicht ausführen`,
      pl: (a) => `Twoja rola nie pozwala na ${a}`,
      et: (a) => `Teie roll ei luba toimingut ${a}`,
    },
  ],
  ['No such resource', { de: 'Nicht vorhanden', pl: 'Nie ma takiego zasobu', et: 'Sellist ressurssi pole' }],
  [
    /^No ticket (\S+)$/,
    {
      de: (id) => `Kein Ticket ${id}`,
      pl: (id) => `Brak zgłoszenia ${id}`,
      et: (id) => `Pöördumist ${id} ei ole`,
    },
  ],
  [
    'Your account belongs to no organisation',
    {
      de: 'Ihr Konto gehört zu keiner Organisation',
      pl: 'Twoje konto nie należy do żadnej organizacji',
      et: 'Teie konto ei kuulu ühelegi organisatsioonile',
    },
  ],
  [
    'Clients open tickets for themselves: orgId and requester are set from your account',
    {
      de: 'Kunden eröffnen Tickets für sich selbst: Organisation und Anfragender kommen aus Ihrem Konto',
      pl: 'Klienci otwierają zgłoszenia dla siebie: organizacja i zgłaszający pochodzą z Twojego konta',
      et: 'Kliendid avavad pöördumisi enda nimel: organisatsioon ja pöörduja tulevad teie kontolt',
    },
  ],
  [
    'Only agents, leads and admins write internal notes',
    {
      de: 'Nur Agenten, Teamleiter und Admins schreiben interne Notizen',
      pl: 'Tylko agenci, liderzy i administratorzy piszą notatki wewnętrzne',
      et: 'Sisemärkmeid kirjutavad ainult agendid, juhid ja administraatorid',
    },
  ],
  [
    'Only admins change the SLA policies',
    {
      de: 'Nur Admins ändern die SLA-Richtlinien',
      pl: 'Tylko administratorzy zmieniają zasady SLA',
      et: 'SLA reegleid muudavad ainult administraatorid',
    },
  ],
  [
    /^Clients may change only subject and description, not: (.+)$/,
    {
      de: (f) => `Kunden dürfen nur Betreff und Beschreibung ändern, nicht: ${f}`,
      pl: (f) => `Klienci mogą zmieniać tylko temat i opis, nie: ${f}`,
      et: (f) => `Kliendid võivad muuta ainult teemat ja kirjeldust, mitte: ${f}`,
    },
  ],
  [
    'Subject and description can be changed only while the ticket is new; add a message instead',
    {
      de: 'Betreff und Beschreibung lassen sich nur ändern, solange das Ticket neu ist; schreiben Sie stattdessen eine Nachricht',
      pl: 'Temat i opis można zmienić tylko, gdy zgłoszenie jest nowe; dodaj wiadomość',
      et: 'Teemat ja kirjeldust saab muuta ainult uuel pöördumisel; lisage selle asemel sõnum',
    },
  ],
  [
    /^Ticket (\S+) is already (\w+)$/,
    {
      de: (r, s) => `Ticket ${r} ist bereits ${s}`,
      pl: (r, s) => `Zgłoszenie ${r} jest już ${s}`,
      et: (r, s) => `Pöördumine ${r} on juba ${s}`,
    },
  ],
  [
    /^Ticket (\S+) is (\w+): open a new ticket to continue$/,
    {
      de: (r, s) => `Ticket ${r} ist ${s}: eröffnen Sie ein neues Ticket`,
      pl: (r, s) => `Zgłoszenie ${r} jest ${s}: otwórz nowe zgłoszenie`,
      et: (r, s) => `Pöördumine ${r} on ${s}: avage uus pöördumine`,
    },
  ],
  [
    'Feedback was already given for this ticket',
    {
      de: 'Für dieses Ticket wurde bereits eine Bewertung abgegeben',
      pl: 'To zgłoszenie zostało już ocenione',
      et: 'Sellele pöördumisele on juba tagasisidet antud',
    },
  ],
  [
    /^Feedback is welcome once the ticket is resolved or closed; it is (\w+)$/,
    {
      de: (s) => `Eine Bewertung ist möglich, sobald das Ticket gelöst oder geschlossen ist; es ist ${s}`,
      pl: (s) => `Ocena jest możliwa po rozwiązaniu lub zamknięciu zgłoszenia; jest ${s}`,
      et: (s) => `Tagasisidet saab anda, kui pöördumine on lahendatud või suletud; see on ${s}`,
    },
  ],
  [
    /^There is no queue '(.+)'$/,
    {
      de: (q) => `Es gibt keine Warteschlange '${q}'`,
      pl: (q) => `Nie ma kolejki '${q}'`,
      et: (q) => `Järjekorda '${q}' ei ole`,
    },
  ],
  [
    'The cursor is not valid for this list',
    {
      de: 'Der Cursor passt nicht zu dieser Liste',
      pl: 'Kursor nie pasuje do tej listy',
      et: 'Kursor ei sobi selle loendiga',
    },
  ],
  [
    'The assignee must be an agent, lead or admin',
    {
      de: 'Zuständig kann nur ein Agent, Teamleiter oder Admin sein',
      pl: 'Przypisać można tylko agenta, lidera lub administratora',
      et: 'Vastutaja peab olema agent, juht või administraator',
    },
  ],
  [
    'Say who the ticket is for',
    {
      de: 'Geben Sie an, für wen das Ticket ist',
      pl: 'Podaj, dla kogo jest zgłoszenie',
      et: 'Märkige, kellele pöördumine on',
    },
  ],
  [
    'Say which organisation the ticket belongs to',
    {
      de: 'Geben Sie an, zu welcher Organisation das Ticket gehört',
      pl: 'Podaj, do której organizacji należy zgłoszenie',
      et: 'Märkige, millisele organisatsioonile pöördumine kuulub',
    },
  ],
  [
    'The requester belongs to another organisation',
    {
      de: 'Der Anfragende gehört zu einer anderen Organisation',
      pl: 'Zgłaszający należy do innej organizacji',
      et: 'Pöörduja kuulub teise organisatsiooni',
    },
  ],
  [
    'The ticket changed while this request was being processed: reload and retry',
    {
      de: 'Das Ticket wurde währenddessen geändert: neu laden und erneut versuchen',
      pl: 'Zgłoszenie zmieniło się w międzyczasie: odśwież i spróbuj ponownie',
      et: 'Pöördumine muutus vahepeal: laadige uuesti ja proovige veel',
    },
  ],
  [
    /^The ticket is at version (\d+), not (\d+): it changed since you read it\. Reload and retry\.$/,
    {
      de: (v, w) =>
        `Das Ticket hat Version ${v}, nicht ${w}: es wurde seit dem Laden geändert. Neu laden und erneut versuchen.`,
      pl: (v, w) =>
        `Zgłoszenie ma wersję ${v}, nie ${w}: zmieniło się od odczytu. Odśwież i spróbuj ponownie.`,
      et: (v, w) =>
        `Pöördumise versioon on ${v}, mitte ${w}: see on vahepeal muutunud. Laadige uuesti ja proovige veel.`,
    },
  ],
  [
    'The ticket created with this Idempotency-Key no longer exists',
    {
      de: 'Das mit diesem Idempotency-Key erstellte Ticket existiert nicht mehr',
      pl: 'Zgłoszenie utworzone z tym Idempotency-Key już nie istnieje',
      et: 'Selle Idempotency-Key abil loodud pöördumist enam ei ole',
    },
  ],
  [
    'This link is not valid (any more)',
    {
      de: 'Dieser Link ist (nicht mehr) gültig',
      pl: 'Ten link jest nieważny (lub już wygasł)',
      et: 'See link ei kehti (enam)',
    },
  ],
  [
    /^Something went wrong on our side\. Quote request id (\S+) when you contact support\.$/,
    {
      de: (id) => `Bei uns ist etwas schiefgegangen. Nennen Sie dem Support die Anfrage-ID ${id}.`,
      pl: (id) => `Coś poszło nie tak po naszej stronie. Podaj wsparciu identyfikator żądania ${id}.`,
      et: (id) => `Meie poolel läks midagi valesti. Öelge toele päringu tunnus ${id}.`,
    },
  ],
];

/** Field messages: the schemas' own words and those route.ts writes. */
const fieldMessages: Entry[] = [
  ['Required', { de: 'Pflichtfeld', pl: 'Pole wymagane', et: 'Kohustuslik' }],
  ['Malformed JSON', { de: 'Fehlerhaftes JSON', pl: 'Nieprawidłowy JSON', et: 'Vigane JSON' }],
  [
    'Unknown query parameter',
    {
      de: 'Unbekannter Abfrageparameter',
      pl: 'Nieznany parametr zapytania',
      et: 'Tundmatu päringu parameeter',
    },
  ],
  [
    /^Unknown field\(s\): (.+)$/,
    {
      de: (f) => `Unbekannte Felder: ${f}`,
      pl: (f) => `Nieznane pola: ${f}`,
      et: (f) => `Tundmatud väljad: ${f}`,
    },
  ],
  [
    /^Not a version: (.*)$/s,
    {
      de: (v) => `Keine Version: ${v}`,
      pl: (v) => `To nie jest wersja: ${v}`,
      et: (v) => `Ei ole versioon: ${v}`,
    },
  ],
  [
    'Subject must not be empty',
    { de: 'Der Betreff darf nicht leer sein', pl: 'Temat nie może być pusty', et: 'Teema ei tohi olla tühi' },
  ],
  [
    'A tag is one word: letters, digits, _ . : -',
    {
      de: 'Ein Schlagwort ist ein Wort: Buchstaben, Ziffern, _ . : -',
      pl: 'Tag to jedno słowo: litery, cyfry, _ . : -',
      et: 'Silt on üks sõna: tähed, numbrid, _ . : -',
    },
  ],
  [
    'At least 10 characters',
    { de: 'Mindestens 10 Zeichen', pl: 'Co najmniej 10 znaków', et: 'Vähemalt 10 märki' },
  ],
  [
    'Ask an admin for a new invitation',
    {
      de: 'Bitten Sie einen Admin um eine neue Einladung',
      pl: 'Poproś administratora o nowe zaproszenie',
      et: 'Küsige administraatorilt uus kutse',
    },
  ],
  ['At most 20 tags', { de: 'Höchstens 20 Schlagwörter', pl: 'Najwyżej 20 tagów', et: 'Kuni 20 silti' }],
  [
    /^(.+) must be 1–40 lowercase letters, digits, '-' or '_'$/,
    {
      de: (w) => `${w}: 1–40 Kleinbuchstaben, Ziffern, '-' oder '_'`,
      pl: (w) => `${w}: 1–40 małych liter, cyfr, '-' lub '_'`,
      et: (w) => `${w}: 1–40 väiketähte, numbrit, '-' või '_'`,
    },
  ],
  [
    'Give at least one field to change',
    {
      de: 'Geben Sie mindestens ein Feld zum Ändern an',
      pl: 'Podaj co najmniej jedno pole do zmiany',
      et: 'Andke vähemalt üks muudetav väli',
    },
  ],
  ['rating is 1 to 5', { de: 'Bewertung von 1 bis 5', pl: 'Ocena od 1 do 5', et: 'Hinne 1 kuni 5' }],
  [
    'limit must be at least 1',
    {
      de: 'limit muss mindestens 1 sein',
      pl: 'limit musi wynosić co najmniej 1',
      et: 'limit peab olema vähemalt 1',
    },
  ],
  [
    'not a ticket id',
    { de: 'keine Ticket-ID', pl: 'to nie jest identyfikator zgłoszenia', et: 'ei ole pöördumise tunnus' },
  ],
  [
    'Required when staff or an integration opens a ticket',
    {
      de: 'Pflicht, wenn Mitarbeiter oder eine Integration ein Ticket eröffnen',
      pl: 'Wymagane, gdy zgłoszenie otwiera pracownik lub integracja',
      et: 'Kohustuslik, kui pöördumise avab töötaja või liides',
    },
  ],
  [
    'Required when the requester belongs to no known organisation',
    {
      de: 'Pflicht, wenn der Anfragende zu keiner bekannten Organisation gehört',
      pl: 'Wymagane, gdy zgłaszający nie należy do znanej organizacji',
      et: 'Kohustuslik, kui pöörduja ei kuulu tuntud organisatsiooni',
    },
  ],
  [
    'Give a user id',
    {
      de: 'Geben Sie eine Benutzer-ID an',
      pl: 'Podaj identyfikator użytkownika',
      et: 'Andke kasutaja tunnus',
    },
  ],
  [
    /^No agent (.+)$/,
    { de: (id) => `Kein Agent ${id}`, pl: (id) => `Brak agenta ${id}`, et: (id) => `Agenti ${id} ei ole` },
  ],
  [
    'Use a new key for a different ticket',
    {
      de: 'Verwenden Sie für ein anderes Ticket einen neuen Schlüssel',
      pl: 'Użyj nowego klucza dla innego zgłoszenia',
      et: 'Kasutage teise pöördumise jaoks uut võtit',
    },
  ],
  [
    'Unknown queue; see GET /api/v1/queues',
    {
      de: 'Unbekannte Warteschlange; siehe GET /api/v1/queues',
      pl: 'Nieznana kolejka; zobacz GET /api/v1/queues',
      et: 'Tundmatu järjekord; vt GET /api/v1/queues',
    },
  ],
  [
    "An integration cannot use 'me'",
    {
      de: "Eine Integration kann 'me' nicht verwenden",
      pl: "Integracja nie może użyć 'me'",
      et: "Liides ei saa kasutada 'me'",
    },
  ],
];

const translate = (entries: Entry[], text: string, language: ProblemLanguage): string => {
  if (language === 'en') return text;
  for (const [pattern, words] of entries) {
    const groups =
      typeof pattern === 'string' ? (pattern === text ? [] : null) : pattern.exec(text)?.slice(1);
    if (!groups) continue;
    const word = words[language];
    return typeof word === 'string' ? word : word(...groups.map((group) => group ?? ''));
  }
  return text;
};

/** The problem in the caller's language: title, detail and the field messages. */
export const localizeProblem = (problem: Problem, language: ProblemLanguage): Problem =>
  language === 'en'
    ? problem
    : {
        ...problem,
        title: titles[problem.title]?.[language] ?? problem.title,
        detail: translate(details, problem.detail, language),
        ...(problem.errors
          ? {
              errors: problem.errors.map((error) => ({
                ...error,
                message: translate(fieldMessages, error.message, language),
              })),
            }
          : {}),
      };

type Issue = z.core.$ZodRawIssue;

interface IssueWords {
  required: string;
  type: (expected: string) => string;
  minChars: (n: number) => string;
  maxChars: (n: number) => string;
  minItems: (n: number) => string;
  maxItems: (n: number) => string;
  min: (n: string) => string;
  max: (n: string) => string;
  format: (format: string) => string;
  oneOf: (values: string) => string;
  unknown: (keys: string) => string;
  invalid: string;
}

const issueWords: Record<Translated, IssueWords> = {
  de: {
    required: 'Pflichtfeld',
    type: (t) => `Erwartet: ${t}`,
    minChars: (n) => `Mindestens ${n} ${n === 1 ? 'Zeichen' : 'Zeichen'}`,
    maxChars: (n) => `Höchstens ${n} Zeichen`,
    minItems: (n) => `Mindestens ${n} ${n === 1 ? 'Eintrag' : 'Einträge'}`,
    maxItems: (n) => `Höchstens ${n} Einträge`,
    min: (n) => `Mindestens ${n}`,
    max: (n) => `Höchstens ${n}`,
    format: (f) => `Ungültiges Format (${f})`,
    oneOf: (v) => `Erlaubt: ${v}`,
    unknown: (k) => `Unbekannte Felder: ${k}`,
    invalid: 'Ungültiger Wert',
  },
  pl: {
    required: 'Pole wymagane',
    type: (t) => `Oczekiwano: ${t}`,
    minChars: (n) => `Co najmniej ${n} ${n === 1 ? 'znak' : 'znaki'}`,
    maxChars: (n) => `Najwyżej ${n} znaków`,
    minItems: (n) => `Co najmniej ${n} ${n === 1 ? 'element' : 'elementy'}`,
    maxItems: (n) => `Najwyżej ${n} elementów`,
    min: (n) => `Co najmniej ${n}`,
    max: (n) => `Najwyżej ${n}`,
    format: (f) => `Nieprawidłowy format (${f})`,
    oneOf: (v) => `Dozwolone: ${v}`,
    unknown: (k) => `Nieznane pola: ${k}`,
    invalid: 'Nieprawidłowa wartość',
  },
  et: {
    required: 'Kohustuslik',
    type: (t) => `Oodatud: ${t}`,
    minChars: (n) => `Vähemalt ${n} ${n === 1 ? 'märk' : 'märki'}`,
    maxChars: (n) => `Kuni ${n} märki`,
    minItems: (n) => `Vähemalt ${n} ${n === 1 ? 'element' : 'elementi'}`,
    maxItems: (n) => `Kuni ${n} elementi`,
    min: (n) => `Vähemalt ${n}`,
    max: (n) => `Kuni ${n}`,
    format: (f) => `Vigane vorming (${f})`,
    oneOf: (v) => `Lubatud: ${v}`,
    unknown: (k) => `Tundmatud väljad: ${k}`,
    invalid: 'Vigane väärtus',
  },
};

const sized = new Set(['string', 'array', 'set']);

/**
 * A per-parse zod error map for the common issues in the caller's language (undefined for
 * English: zod's own words). A schema's own message still wins and goes through the catalogue.
 */
export const issueMessages = (
  language: ProblemLanguage,
): ((issue: Issue) => string | undefined) | undefined => {
  if (language === 'en') return undefined;
  const w = issueWords[language];
  return (issue) => {
    switch (issue.code) {
      case 'invalid_type':
        return issue.input === undefined ? w.required : w.type(issue.expected);
      case 'too_small': {
        const n = Number(issue.minimum);
        if (issue.origin === 'string') return w.minChars(n);
        if (sized.has(issue.origin)) return w.minItems(n);
        return w.min(String(issue.minimum));
      }
      case 'too_big': {
        const n = Number(issue.maximum);
        if (issue.origin === 'string') return w.maxChars(n);
        if (sized.has(issue.origin)) return w.maxItems(n);
        return w.max(String(issue.maximum));
      }
      case 'invalid_format':
        return w.format(issue.format);
      case 'invalid_value':
        return w.oneOf(issue.values.map(String).join(', '));
      case 'unrecognized_keys':
        return w.unknown(issue.keys.join(', '));
      default:
        return w.invalid;
    }
  };
};
