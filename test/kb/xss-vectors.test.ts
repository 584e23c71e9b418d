import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '#kb/markdown.js';

/**
 * The filter-evasion vectors of the OWASP XSS Filter Evasion Cheat Sheet that
 * test/kb/markdown.test.ts does not already throw at the article renderer (docs/kb.md): each
 * must come out as HTML a browser cannot run anything from.
 */

const allowed: Record<string, readonly string[]> = {
  ...Object.fromEntries(
    [
      'h1',
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'p',
      'br',
      'hr',
      'blockquote',
      'pre',
      'code',
      'em',
      'strong',
      'del',
      'ul',
      'ol',
      'li',
      'table',
      'thead',
      'tbody',
      'tr',
      'kbd',
    ].map((tag) => [tag, []]),
  ),
  a: ['href', 'title', 'target', 'rel'],
  img: ['src', 'alt', 'title'],
  th: ['align'],
  td: ['align'],
};

/** An attribute value as the browser reads it: entities decoded, the characters URL parsing drops removed. */
const asBrowserReads = (value: string) =>
  value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;/gi, '\t')
    .replace(/&newline;/gi, '\n')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: URL parsing drops exactly these.
    .replace(/[\s\u0000-\u001f\u007f-\u009f]/g, '');

/** What in the HTML could run or load something it should not: empty for safe HTML. */
const dangers = (html: string): string[] => {
  const found: string[] = [];
  const tagPattern = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+(?:="[^"<>]*")?)*)\s*\/?>/g;
  for (const [tag, , name = '', attributes = ''] of html.matchAll(tagPattern)) {
    const permitted = allowed[name.toLowerCase()];
    if (!permitted) {
      found.push(`tag ${tag}`);
      continue;
    }
    for (const [, attribute = '', value = ''] of attributes.matchAll(/([a-zA-Z-]+)(?:="([^"]*)")?/g)) {
      if (!permitted.includes(attribute.toLowerCase())) found.push(`attribute ${attribute} in ${tag}`);
      if (attribute === 'href' || attribute === 'src') {
        const url = asBrowserReads(value);
        const scheme = /^([^/?#]*):/.exec(url)?.[1]?.toLowerCase();
        const schemes = attribute === 'href' ? ['http', 'https', 'mailto'] : ['http', 'https'];
        if (scheme !== undefined && !schemes.includes(scheme)) found.push(`${attribute} ${url}`);
        if (/^[/\\]{2}/.test(url)) found.push(`protocol-relative ${attribute} ${url}`);
      }
    }
  }
  // Anything left that opens a tag is markup the pattern above did not recognise.
  if (html.replace(tagPattern, '').includes('<')) found.push(`stray < in ${html}`);
  return found;
};

const vectors: [name: string, input: string][] = [
  ['quoted javascript: image source', `<IMG SRC="javascript:alert('XSS');">`],
  ['grave-accent quoted source', '<IMG SRC=`javascript:alert("RSnake says, \'XSS\'")`>'],
  ['malformed IMG hiding a script', '<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>'],
  ['fromCharCode', '<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>'],
  ['default source with onmouseover', `<IMG SRC=# onmouseover="alert('xxs')">`],
  ['onerror on an empty source', '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>'],
  [
    'decimal character references',
    '<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>',
  ],
  [
    'long decimal references without semicolons',
    '<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041>',
  ],
  [
    'hexadecimal references without semicolons',
    '<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>',
  ],
  ['embedded tab', `<IMG SRC="jav\tascript:alert('XSS');">`],
  ['encoded tab', `<IMG SRC="jav&#x09;ascript:alert('XSS');">`],
  ['encoded newline', `<A HREF="jav&#x0A;ascript:alert('XSS');">x</A>`],
  ['encoded carriage return', `<A HREF="jav&#x0D;ascript:alert('XSS');">x</A>`],
  ['null byte inside the scheme', '<IMG SRC=java\u0000script:alert("XSS")>'],
  ['spaces and meta characters before the scheme', `<IMG SRC=" &#14;  javascript:alert('XSS');">`],
  ['named entities inside the scheme', '<a href="java&Tab;script&colon;alert(1)">x</a>'],
  ['non-alphanumeric after the tag name', '<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>'],
  ['event handler behind odd characters', '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>'],
  ['extraneous open brackets', '<<SCRIPT>alert("XSS");//\\<</SCRIPT>'],
  ['script tag never closed', '<SCRIPT SRC=http://xss.rocks/xss.js?< B >'],
  ['protocol-relative script source', '<SCRIPT SRC=//xss.rocks/.j>'],
  ['half-open image tag', `<IMG SRC="\`<javascript:alert>\`('XSS')"`],
  ['double open angle brackets', '<iframe src=http://xss.rocks/scriptlet.html <'],
  ['escaping a title', '</TITLE><SCRIPT>alert("XSS");</SCRIPT>'],
  ['image input', `<INPUT TYPE="IMAGE" SRC="javascript:alert('XSS');">`],
  ['dynsrc and lowsrc', `<IMG DYNSRC="javascript:alert('XSS')"><IMG LOWSRC="javascript:alert('XSS')">`],
  [
    'list-style-image in a style element',
    `<STYLE>li {list-style-image: url("javascript:alert('XSS')");}</STYLE><UL><LI>XSS</br>`,
  ],
  ['vbscript image', `<IMG SRC='vbscript:msgbox("XSS")'>`],
  ['svg with onload', `<svg/onload=alert('XSS')>`],
  ['meta refresh', `<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert('XSS');">`],
  [
    'table and cell background',
    `<TABLE BACKGROUND="javascript:alert('XSS')"><TD BACKGROUND="javascript:alert('XSS')">`,
  ],
  ['div background-image', `<DIV STYLE="background-image: url(javascript:alert('XSS'))">x</DIV>`],
  ['style expression on an image', `<IMG STYLE="xss:expr/*XSS*/ession(alert('XSS'))">`],
  ['base href', `<BASE HREF="javascript:alert('XSS');//">`],
  ['object scriptlet', '<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.rocks/scriptlet.html"></OBJECT>'],
  [
    'embed with a data URL',
    '<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv MjAwMC9zdmciIHhtbG5zOnhsaW5rPSJodHRwOi8vd3d3LnczLm9yZy8xOTk5L3hs aW5rIiB2ZXJzaW9uPSIxLjAiIHg9IjAiIHk9IjAiIHdpZHRoPSIxOTQiIGhlaWdodD0iMjAw IiBpZD0ieHNzIj48c2NyaXB0IHR5cGU9InRleHQvZWNtYXNjcmlwdCI+YWxlcnQoIlh TUyIpOzwvc2NyaXB0Pjwvc3ZnPg==" type="image/svg+xml" AllowScriptAccess="always"></EMBED>',
  ],
  ['downlevel-hidden conditional comment', `<!--[if gte IE 4]><SCRIPT>alert('XSS');</SCRIPT><![endif]-->`],
  ['stylesheet link', `<LINK REL="stylesheet" HREF="javascript:alert('XSS');">`],
  ['protocol-relative link', '<A HREF="//www.google.com/">XSS</A>'],
  ['backslash protocol-relative link', '<A HREF="/\\evil.example/">XSS</A>'],
  ['data image source', '<img src="data:image/png;base64,iVBORw0KGgo=">'],
  ['Markdown link with an encoded scheme', '[x](&#106;avascript:alert(1))'],
  ['Markdown image with a script URL', '![x](javascript:alert(1))'],
  ['Markdown link with a data URL', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
];

describe('Markdown against the OWASP filter-evasion vectors', () => {
  it.each(vectors)('renders %s harmless', (_name, input) => {
    const html = renderMarkdown(input);
    expect(dangers(html)).toEqual([]);
    expect(dangers(renderMarkdown(`Before\n\n${input}\n\nafter`))).toEqual([]);
  });

  it('still reads a safe page as one', () => {
    // The checker itself: it must see what a vector would have let through.
    expect(dangers('<a href="jav&#x09;ascript:x">x</a>')).not.toEqual([]);
    expect(dangers('<img src="//evil.example/x.png">')).not.toEqual([]);
    expect(dangers('<p onclick="x()">p</p>')).not.toEqual([]);
    expect(dangers('<svg>')).not.toEqual([]);
  });

  it('keeps links over http(s), mailto and relative paths, images over http(s)', () => {
    const html = renderMarkdown(
      '[a](https://docs.example/x?a=1&b=2) [b](mailto:help@example.com) [c](/help/articles/1) ![d](https://img.example/d.png "D")',
    );
    expect(html).toContain('<a rel="noopener noreferrer" href="https://docs.example/x?a=1&amp;b=2">a</a>');
    expect(html).toContain('href="mailto:help@example.com"');
    expect(html).toContain('href="/help/articles/1"');
    expect(html).toContain('<img src="https://img.example/d.png" alt="d" title="D">');
    expect(dangers(html)).toEqual([]);
  });
});
