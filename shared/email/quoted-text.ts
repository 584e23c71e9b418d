/**
 * The new text of a reply: the quoted history and the signature taken off (docs/inbound-mail.md,
 * Quoted text). Mail clients mark what they quote in a handful of ways, in the reader's
 * language; these are the ones of en/de/pl/et and of the common clients (Gmail, Apple Mail,
 * Thunderbird, Outlook). The original stays with the message for staff.
 */

/** A line that starts the quoted history, with everything after it ("On … wrote:"). */
const attributionLines: RegExp[] = [
  /^On\b.{1,300}\bwrote\s?:$/i,
  /^Am\b.{1,300}\bschrieb\b.{0,120}:$/i,
  /^(?:W dniu|Dnia)\b.{1,300}\bnapisał(?:a|\(a\))?.{0,60}:$/i,
  /^.{1,300}\bkirjutas\b.{0,120}:$/i,
  /^Kirjutas\b.{1,300}:$/i,
  /^Le\b.{1,300}\ba écrit\s?:$/i,
];

/** Lines that start a forwarded or Outlook-quoted original, or a signature. */
const cutLines: RegExp[] = [
  /^-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Wiadomość oryginalna|Oryginalna wiadomość|Algne sõnum|Forwarded message|Weitergeleitete Nachricht|Przekazana wiadomość|Edastatud kiri)\s*-{2,}\s*$/i,
  /^_{20,}\s*$/,
  /^-- ?$/,
  /^(?:Sent from my|Von meinem|Wysłane z mojego|Wysłano z mojego|Saadetud minu)\b.{0,80}$/i,
];

/** Outlook's header block: a `From:` line followed by `Sent:`/`Date:`/`To:`/`Subject:` lines. */
const fromLine = /^\*?(?:From|Von|Od|Saatja|De)\s*:\*?\s+\S/i;
const headerLine =
  /^\*?(?:Sent|Date|To|Cc|Subject|Gesendet|Datum|An|Betreff|Wysłano|Data|Do|Temat|Saadetud|Kuupäev|Kellele|Teema|Envoyé|À|Objet)\s*:/i;

const startsOutlookBlock = (lines: readonly string[], index: number): boolean => {
  if (!fromLine.test(lines[index] ?? '')) return false;
  let headers = 0;
  for (let next = index + 1; next < Math.min(lines.length, index + 6); next++) {
    if (headerLine.test((lines[next] ?? '').trim())) headers++;
  }
  return headers >= 2;
};

export interface NewText {
  /** What the sender wrote now. */
  body: string;
  /** Whether anything was taken off (then "show original" has something to show). */
  trimmed: boolean;
}

/**
 * The new text of a mail body. Quoted lines (`>`) are dropped wherever they are (an inline
 * answer keeps the answers); at the first attribution, forwarded/original-message separator,
 * Outlook header block or signature the rest is cut. When nothing would remain (a forward with
 * no words of its own) the whole text is kept.
 */
export const newTextOf = (text: string): NewText => {
  const original = text.replace(/\r\n?/g, '\n').trim();
  const lines = original.split('\n');
  const kept: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] ?? '').trimEnd();
    const trimmed = line.trim();
    const withNext = `${trimmed} ${(lines[index + 1] ?? '').trim()}`.trim();
    if (attributionLines.some((pattern) => pattern.test(trimmed))) break;
    // Gmail and Apple Mail wrap a long attribution: "On Mon, 2 Mar 2026 at 10:00, Help desk <…>\nwrote:".
    const nextEndsTheAttribution = /^\S.{0,60}:$/.test((lines[index + 1] ?? '').trim());
    if (nextEndsTheAttribution && attributionLines.some((pattern) => pattern.test(withNext))) break;
    if (cutLines.some((pattern) => pattern.test(trimmed))) break;
    if (startsOutlookBlock(lines, index)) break;
    if (trimmed.startsWith('>')) continue;
    kept.push(line);
  }
  const body = kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (!body) return { body: original, trimmed: false };
  return { body, trimmed: body !== original };
};
