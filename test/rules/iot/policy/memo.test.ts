/**
 * The policy library's memo tables (memo.ts and their users): bounded whatever the input, and
 * never the reason for a different answer — every analysis is the same with the caches cold,
 * warm, or filled by other documents first.
 */
import fc from 'fast-check';
import { analyzePolicy, analyzePolicyAsGiven } from '../../../../policies/rules/iot/policy/analyze';
import { actionPatternMatches, adminActionsCovered, coversAllIotActions } from '../../../../policies/rules/iot/policy/actions';
import { resourceNamePatterns, samplePrefix } from '../../../../policies/rules/iot/policy/arn';
import { parsePolicyDocument, type PolicyDocument } from '../../../../policies/rules/iot/policy/document';
import { isAllowed, resourceMatches } from '../../../../policies/rules/iot/policy/match';
import { BoundedCache, TextTable, clearPolicyCaches, policyCacheEntries } from '../../../../policies/rules/iot/policy/memo';
import { ANY, ONE, atomsToText, compilePattern, globMatch, plainGlob } from '../../../../policies/rules/iot/policy/pattern';
import { ARN } from './helpers';

const NAME_ATOMS = ['a', 'b', '/', '*', '?', '+', '#', '$aws/', '${iot:ClientId}', '${iot:Connection.Thing.ThingName}', '${*}', 'é', '😀', ':'];
const ACTIONS = ['iot:Publish', 'iot:Subscribe', 'iot:Connect', 'iot:Receive', 'iot:*', '*', 'iot:P*', 'IOT:publish', 'iot:Get*', 'iot:DeleteThing', 'iot:Frob'];
const TYPES = ['topic', 'topicfilter', 'client', 'thing', 'rolealias'];

const name = fc.array(fc.constantFrom(...NAME_ATOMS), { maxLength: 6 }).map((atoms) => atoms.join(''));
const resource = fc.oneof(
  fc.constant('*'),
  fc.tuple(fc.constantFrom(...TYPES), name).map(([t, n]) => `${ARN}${t}/${n}`),
  fc.tuple(fc.constantFrom(...TYPES), name).map(([t, n]) => `arn:aws:iot:*:*:${t}/${n}`),
);
const statement = fc.record({
  Effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
  Action: fc.array(fc.constantFrom(...ACTIONS), { minLength: 1, maxLength: 3 }),
  Resource: fc.array(resource, { minLength: 1, maxLength: 3 }),
});
const document = fc.array(statement, { minLength: 1, maxLength: 4 }).map((statements): PolicyDocument => {
  const result = parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: statements }));
  if (!result.ok) throw new Error('the grammar produced an invalid policy');
  return result.document;
});

describe('memo tables never change an answer', () => {
  test('analyses are the same cold, warm, and after other documents', () => {
    fc.assert(
      fc.property(fc.array(document, { minLength: 2, maxLength: 8 }), (documents) => {
        clearPolicyCaches();
        const cold = documents.map((d) => analyzePolicyAsGiven(d));
        // Warm, in the other order, and through canonical forms.
        const warm = [...documents].reverse().map((d) => analyzePolicy(d)).reverse();
        expect(warm).toEqual(cold);
        clearPolicyCaches();
        expect(documents.map((d) => analyzePolicy(d))).toEqual(cold);
      }),
      { numRuns: 150 },
    );
  });

  test('pattern, ARN and action helpers give the same answers from their caches', () => {
    fc.assert(
      fc.property(resource, fc.constantFrom(...TYPES), fc.constantFrom(...ACTIONS), fc.constantFrom(...ACTIONS), (pattern, type, a, b) => {
        // The same answers computed twice: first with empty caches, then from them.
        const answers = () => [
          resourceNamePatterns(pattern, type).map(atomsToText),
          samplePrefix(pattern),
          atomsToText(compilePattern(pattern)),
          resourceMatches(pattern, `${ARN}${type}/a`),
          actionPatternMatches(a, b),
          coversAllIotActions(a),
          adminActionsCovered(a),
        ];
        clearPolicyCaches();
        const cold = answers();
        const warm = answers();
        expect(warm).toEqual(cold);
      }),
      { numRuns: 500 },
    );
  });

  test('policy strings compile to one atom per code point, as for…of splits them', () => {
    const chars = fc.constantFrom('a', '/', '*', '?', 'é', '😀', '\ud83d', '\ude00', '+', '#');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 12 }).map((c) => c.join('')), (text) => {
        const expected = [...text].map((ch) => (ch === '*' ? ANY : ch === '?' ? ONE : ch));
        expect(compilePattern(text)).toEqual(expected);
        expect(plainGlob(text + '!')).toEqual([...expected, '!']);
      }),
      { numRuns: 1000 },
    );
  });

  test('results handed out from a cache are copies where callers may change them', () => {
    const first = adminActionsCovered('iot:Create*');
    first.push('iot:Changed');
    expect(adminActionsCovered('iot:Create*')).not.toContain('iot:Changed');
  });

  test('the wildcard-free fast paths match exactly as the glob matcher does', () => {
    const chars = fc.constantFrom('a', 'b', '/', '$', '{', '}', 'é', '😀', '\ud83d', '\ude00', '*', '?');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 8 }).map((c) => c.join('')), fc.array(chars, { maxLength: 8 }).map((c) => c.join('')), (pattern, text) => {
        const atoms = compilePattern(pattern);
        expect(resourceMatches(pattern, text)).toBe(globMatch(atoms, text));
        expect(actionPatternMatches(pattern, text)).toBe(globMatch(plainGlob(pattern.toLowerCase()), text.toLowerCase()));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('memo tables are bounded', () => {
  test('many distinct and long patterns keep the tables within their caps', () => {
    clearPolicyCaches();
    for (let i = 0; i < 6000; i++) {
      const pattern = `${ARN}topic/${'*a'.repeat(i % 7 === 0 ? 900 : 3)}/t${i}`;
      resourceNamePatterns(pattern, 'topic');
      resourceMatches(pattern, `${ARN}topic/x${i}`);
      samplePrefix(pattern);
      actionPatternMatches(`iot:Pub${i}*`, 'iot:Publish');
    }
    // 4096 entries per table at most; a handful of tables took part.
    expect(policyCacheEntries()).toBeLessThan(8 * 4096);
    // And the answers after the flood are still the answers.
    const result = parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: `${ARN}topic/a*` }] }));
    if (!result.ok) throw new Error('unexpected');
    expect(isAllowed(result.document, 'iot:Publish', `${ARN}topic/ab`)).toBe(true);
    expect(analyzePolicy(result.document)).toEqual(analyzePolicyAsGiven(result.document));
  });

  test('BoundedCache: a cap on entries and on summed weights, and charge()', () => {
    const cache = new BoundedCache<string, number>(3, 10);
    cache.set('a', 1, 4);
    cache.set('b', 2, 4);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3, 4); // 12 > 10: emptied first
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')).toBe(3);
    cache.set('huge', 4, 11); // heavier than the cap: not kept
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.charge(5)).toBe(true);
    expect(cache.charge(5)).toBe(false); // 4 + 5 + 5 > 10: emptied
    expect(cache.size).toBe(0);
    for (let i = 0; i < 10; i++) cache.set(String(i), i);
    expect(cache.size).toBeLessThanOrEqual(3);
  });

  test('TextTable: found by equality whatever the bucket, capped in entries, characters and bucket size', () => {
    const table = new TextTable<number>(100, 1000, 2);
    // Same length, same sampled characters: one bucket.
    const keys = ['xxxxxxxxxa', 'xxxxxxxxxb', 'xxxxxxxxxc'];
    keys.forEach((k, i) => table.set(k, i));
    expect(table.get(keys[0])).toBeUndefined(); // the oldest of the bucket went
    expect(table.get(keys[1])).toBe(1);
    expect(table.get(keys[2])).toBe(2);
    table.set(keys[2], 5);
    expect(table.get(keys[2])).toBe(5);
    table.set('y'.repeat(1001), 9); // longer than the character cap: not kept
    expect(table.get('y'.repeat(1001))).toBeUndefined();
    for (let i = 0; i < 500; i++) table.set(`key-${i}`, i);
    expect(table.size).toBeLessThanOrEqual(100);
    expect(table.get('key-499')).toBe(499);
  });
});
