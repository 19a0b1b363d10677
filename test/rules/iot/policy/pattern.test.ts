import {
  ANY,
  atomsToText,
  bindPattern,
  compilePattern,
  globMatch,
  plainGlob,
  residuals,
} from '../../../../policies/rules/iot/policy/pattern';

const matches = (pattern: string, text: string): boolean => globMatch(compilePattern(pattern), text);

describe('globMatch: IoT policy wildcards', () => {
  test.each([
    ['a/*', 'a/b', true],
    ['a/*', 'a/', true],
    ['a/*', 'a/b/c/d', true], // `*` crosses topic levels, unlike MQTT `+`
    ['a/*/c', 'a/b/x/c', true],
    ['a/?', 'a/b', true],
    ['a/?', 'a/', false],
    ['a/?', 'a/bc', false],
    ['a/??/c', 'a/bb/c', true],
    ['*', '', true],
    ['', '', true],
    ['', 'x', false],
    ['a/#', 'a/#', true], // MQTT wildcards are literal characters in a policy
    ['a/#', 'a/b', false],
    ['a/+/c', 'a/+/c', true],
    ['a/+/c', 'a/b/c', false],
    ['Topic', 'topic', false], // resources are case-sensitive
    ['*b*b*', 'abxbz', true],
    ['*b*b*', 'abxz', false],
    ['a?', 'a😀', true], // `?` is one character, not one UTF-16 unit
  ])('%j vs %j → %s', (pattern, text, expected) => {
    expect(matches(pattern, text)).toBe(expected);
  });

  test('${*}, ${?} and ${$} are literal characters', () => {
    expect(matches('a${*}b', 'a*b')).toBe(true);
    expect(matches('a${*}b', 'axb')).toBe(false);
    expect(matches('a${?}', 'a?')).toBe(true);
    expect(matches('a${?}', 'ab')).toBe(false);
    expect(matches('${$}aws/x', '$aws/x')).toBe(true);
  });

  test('an unbound variable matches only its own text', () => {
    expect(matches('t/${iot:ClientId}', 't/${iot:ClientId}')).toBe(true);
    expect(matches('t/${iot:ClientId}', 't/dev-1')).toBe(false);
  });

  test('ignoreCase compares letters without case (used for actions)', () => {
    expect(globMatch(plainGlob('iot:get*'), 'IOT:GETTHINGSHADOW', true)).toBe(true);
    expect(globMatch(plainGlob('iot:get*'), 'IOT:GETTHINGSHADOW', false)).toBe(false);
  });

  test('hostile patterns stay fast (no exponential backtracking)', () => {
    const pattern = compilePattern('*a'.repeat(200) + 'b');
    const started = Date.now();
    expect(globMatch(pattern, 'a'.repeat(2048))).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('bindPattern', () => {
  test('substitutes variables from the context; values are literal text', () => {
    const bound = bindPattern(compilePattern('t/${iot:ClientId}/*'), { clientId: 'dev-1' });
    expect(atomsToText(bound)).toBe('t/dev-1/*');
    expect(globMatch(bound, 't/dev-1/x')).toBe(true);
    expect(globMatch(bound, 't/dev-2/x')).toBe(false);
  });

  test('an MQTT wildcard in a client ID is substituted as a literal character', () => {
    const bound = bindPattern(compilePattern('my/${iot:ClientId}/topic'), { clientId: '+' });
    expect(globMatch(bound, 'my/+/topic')).toBe(true);
    expect(globMatch(bound, 'my/x/topic')).toBe(false);
  });
});

describe('residuals: what is left to match after a literal prefix', () => {
  const texts = (pattern: string, prefix: string): string[] => residuals(compilePattern(pattern), prefix).map(atomsToText);

  test('a literal pattern leaves its tail', () => {
    expect(texts('topic/a/b', 'topic/')).toEqual(['a/b']);
  });

  test('a prefix the pattern cannot start with leaves nothing', () => {
    expect(texts('topic/a', 'topicfilter/')).toEqual([]);
  });

  test('a star that can swallow the prefix stays a star', () => {
    expect(texts('top*', 'topicfilter/')).toEqual(['*']);
    expect(texts('*', 'anything')).toEqual(['*']);
  });

  test('a star before the prefix ends can also still be consuming', () => {
    // `arn:aws:iot:*:*:topic/x` after `arn:aws:iot:r:a:topic/`: either the stars took r and a, or more.
    // So the name `x` matches, and so does `q:topic/x` (the account star took `a:topic/q`).
    expect(texts('arn:aws:iot:*:*:topic/x', 'arn:aws:iot:r:a:topic/')).toEqual(['*:*:topic/x', '*:topic/x', 'x']);
  });

  test('the residual keeps variables in the name part', () => {
    expect(texts('topic/${iot:ClientId}/*', 'topic/')).toEqual(['${iot:ClientId}/*']);
  });

  test('ANY is the star atom', () => {
    expect(residuals([ANY], 'abc')).toEqual([[ANY]]);
  });
});
