import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '#kb/markdown.js';
import { plainText } from '#kb/plain-text.js';

/** Article bodies: Markdown in, HTML that cannot run anything out (docs/kb.md). */

const hostile = fc.oneof(
  fc.constantFrom(
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '[x](javascript:alert(1))',
    '<svg onload=alert(1)>',
    '<iframe src="https://evil.example"></iframe>',
    '<div style="background:url(javascript:alert(1))" onclick="x()">d</div>',
    '<a href="https://ok.example" onmouseover="x()">ok</a>',
    '<scr<script>ipt>alert(1)</script>',
    '<IMG SRC=JaVaScRiPt:alert(1)>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">d</a>',
    '<body onload=alert(1)>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '"><script>alert(1)</script>',
    '[link](https://example.com "t")',
    '<form action="https://x"><input onfocus=alert(1) autofocus></form>',
  ),
  fc.string(),
);

const markdown = fc.array(hostile, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('\n\n'));

describe('Markdown to sanitized HTML', () => {
  it('never lets a script, an event handler or a script URL through', () => {
    fc.assert(
      fc.property(markdown, (input) => {
        const html = renderMarkdown(input);
        expect(html).not.toMatch(/<script/i);
        expect(html).not.toMatch(/<(iframe|svg|math|form|input|body|style)\b/i);
        expect(html).not.toMatch(/\son[a-z]+\s*=/i);
        expect(html).not.toMatch(/(href|src)\s*=\s*"?\s*(javascript|data|vbscript):/i);
      }),
      { numRuns: 500 },
    );
  });

  it('opens every link with rel="noopener noreferrer"', () => {
    fc.assert(
      fc.property(markdown, (input) => {
        const html = renderMarkdown(`${input}\n\n[docs](https://docs.example/x)`);
        const anchors = html.match(/<a\b[^>]*>/g) ?? [];
        expect(anchors.length).toBeGreaterThan(0);
        for (const anchor of anchors) expect(anchor).toContain('rel="noopener noreferrer"');
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the ordinary formatting of an article', () => {
    const html = renderMarkdown(
      '# Reset\n\n1. Open **Settings**\n2. Press `Reset`\n\n| a | b |\n|---|---|\n| 1 | 2 |',
    );
    expect(html).toContain('<h1>Reset</h1>');
    expect(html).toContain('<strong>Settings</strong>');
    expect(html).toContain('<code>Reset</code>');
    expect(html).toContain('<table>');
    expect(plainText(html)).toBe('Reset Open Settings Press Reset a b 1 2');
  });
});
