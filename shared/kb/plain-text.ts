/**
 * The text of an article for the index and snippets: its rendered HTML, already sanitized
 * (./markdown.ts), without tags and entities. A regular expression is enough here: the HTML
 * is the sanitizer's output, and the text is only indexed, never rendered.
 */
export const plainText = (html: string): string =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
