import { marked } from 'marked';
import type * as Xss from 'xss';
import xss from 'xss';

// js-xss is CommonJS that attaches its helpers in a loop: Node's own ESM import (tsx under
// `npm start`) finds none of them by name, only the module object as the default export.
const { FilterXSS, escapeAttrValue, friendlyAttrValue } = xss as unknown as typeof Xss;

/**
 * Article bodies are Markdown; readers get HTML that cannot run anything: marked renders, then
 * js-xss (`xss`, about 25 KB, no DOM and no CSS parser) keeps an allow-list of tags and
 * attributes: no script, style, iframe, svg or form, no `on*` attribute, no `javascript:` or
 * `data:` URL (links: http, https, mailto or relative; images: http, https or relative), and
 * every link opens with `rel="noopener noreferrer"` (docs/kb.md).
 */
const allowedAttributes: Record<string, string[]> = {
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  p: [],
  br: [],
  hr: [],
  blockquote: [],
  pre: [],
  code: [],
  em: [],
  strong: [],
  del: [],
  ul: [],
  ol: [],
  li: [],
  a: ['href', 'title', 'target'],
  img: ['src', 'alt', 'title'],
  table: [],
  thead: [],
  tbody: [],
  tr: [],
  th: ['align'],
  td: ['align'],
  kbd: [],
};

const schemesOf: Record<string, RegExp> = {
  href: /^(https?|mailto):/i,
  src: /^https?:/i,
};

/**
 * A URL attribute's value when its scheme is allowed, or null. The value is read as a browser
 * reads it: entities decoded (`&#106;avascript:`) and the tabs, newlines and control characters
 * URL parsing drops taken out (`jav&#x09;ascript:`). A relative URL may not name a scheme in its
 * first segment nor start with two slashes (protocol-relative: another host).
 */
const safeUrl = (name: string, raw: string): string | null => {
  const value = friendlyAttrValue(raw);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: URL parsing drops exactly these.
  const probe = value.replace(/[\s\u0000-\u001f\u007f-\u009f]/g, '');
  const allowed = schemesOf[name];
  if (allowed?.test(probe)) return value;
  const firstSegment = probe.split(/[/?#]/, 1)[0] ?? '';
  if (/[:&]/.test(firstSegment) || /^[/\\]{2}/.test(probe)) return null;
  return value;
};

// Elements whose content is code or form data, not text: removed with what they hold (the list
// sanitize-html kept; any other element not allowed goes, its text stays).
const removedWithContent = ['script', 'style', 'textarea', 'option', 'xmp'];

const filter = new FilterXSS({
  whiteList: allowedAttributes,
  stripIgnoreTag: true,
  stripIgnoreTagBody: removedWithContent,
  css: false,
  onTagAttr: (tag, name, value, isAllowed) => {
    if (!isAllowed) return undefined;
    if (name === 'href' || name === 'src') {
      const url = safeUrl(name, value);
      return url === null ? '' : `${name}="${escapeAttrValue(url)}"`;
    }
    if (tag === 'a' && name === 'target') return 'target="_blank"';
    return undefined;
  },
});

/** Every `<a` left is a link the filter kept (text and attribute values have `<` escaped). */
const withNoopener = (html: string) => html.replace(/<a(?=[\s/>])/g, '<a rel="noopener noreferrer"');

export const renderMarkdown = (markdown: string): string =>
  withNoopener(filter.process(marked.parse(markdown, { async: false, gfm: true }) as string));
