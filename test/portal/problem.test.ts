import { describe, expect, it } from 'vitest';
import { entityTag, queryString, versionFromEtag } from '../../portal/src/api/client.js';
import { fieldErrorMap, normalisePath, toProblem } from '../../portal/src/api/problem.js';

describe('portal API client', () => {
  it('reads field errors out of a problem document', () => {
    // Prepare
    const body = {
      type: 'about:blank',
      title: 'Invalid request',
      status: 400,
      detail: 'The ticket is not valid',
      errors: [
        { path: 'subject', message: 'Subject must not be empty' },
        { path: '', message: 'Something general' },
        { nonsense: true },
      ],
    };
    // Act
    const problem = toProblem(400, 'Bad Request', body);
    const { byPath, general } = fieldErrorMap(problem.errors ?? []);
    // Assess
    expect(problem.detail).toBe('The ticket is not valid');
    expect(byPath).toEqual({ subject: 'Subject must not be empty' });
    expect(general).toEqual(['Something general']);
  });

  it('still shows something when an error body is not a problem document', () => {
    expect(toProblem(502, 'Bad Gateway', '<html>')).toEqual({ title: 'Bad Gateway', status: 502 });
  });

  it('understands dotted paths, JSON pointers and request-part prefixes alike', () => {
    expect(normalisePath('/policies/0/targets/timeToOpen')).toBe('policies.0.targets.timeToOpen');
    expect(normalisePath('body.requester.email')).toBe('requester.email');
    expect(normalisePath('tags[2]')).toBe('tags.2');
  });

  it('sends versions as entity tags and reads them back', () => {
    expect(entityTag(3)).toBe('"3"');
    expect(entityTag('"3"')).toBe('"3"');
    expect(versionFromEtag('W/"12"')).toBe(12);
    expect(versionFromEtag(null)).toBeNull();
  });

  it('leaves empty filters out of the query string', () => {
    expect(queryString({ status: 'open', queue: '', cursor: null, limit: 50 })).toBe('?status=open&limit=50');
  });
});
