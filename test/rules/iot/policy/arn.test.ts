import { namePatternsFor, parseIotArn, resourceNamePatterns, resourceTypeOf, samplePrefix } from '../../../../policies/rules/iot/policy/arn';
import { atomsToText } from '../../../../policies/rules/iot/policy/pattern';
import { ARN } from './helpers';

describe('parseIotArn', () => {
  test('"*" alone', () => {
    expect(parseIotArn('*')).toMatchObject({ form: 'wildcard', knownType: false });
  });

  test.each([
    [`${ARN}client/myClientId`, 'client', 'myClientId'],
    [`${ARN}topic/a/b/c`, 'topic', 'a/b/c'],
    [`${ARN}topicfilter/$aws/things/+/shadow/#`, 'topicfilter', '$aws/things/+/shadow/#'],
    [`${ARN}thing/thingOne/shadowOne`, 'thing', 'thingOne/shadowOne'],
    [`${ARN}rolealias/CredentialProviderRole_alias`, 'rolealias', 'CredentialProviderRole_alias'],
    [`${ARN}thinggroup/fleet`, 'thinggroup', 'fleet'],
    [`${ARN}cert/abc123`, 'cert', 'abc123'],
    [`${ARN}job/update-7`, 'job', 'update-7'],
    [`${ARN}topic/a:b`, 'topic', 'a:b'], // colons after the fifth belong to the name
  ])('%s → %s / %s', (arn, type, name) => {
    expect(parseIotArn(arn)).toMatchObject({ form: 'arn', partition: 'aws', service: 'iot', region: 'us-east-1', account: '123456789012', resourceType: type, resourceName: name, knownType: true, wildcardBeforeResource: false });
  });

  test('wildcards in partition, region and account', () => {
    expect(parseIotArn('arn:*:iot:*:*:topic/x')).toMatchObject({ form: 'arn', partition: '*', region: '*', account: '*', resourceType: 'topic', wildcardBeforeResource: true });
    expect(parseIotArn('arn:aws-cn:iot:cn-north-1:123456789012:client/c')).toMatchObject({ partition: 'aws-cn', region: 'cn-north-1' });
  });

  test('odd shapes are reported as they are', () => {
    // The leading slash in a Device Defender doc example makes an empty, unknown resource type.
    expect(parseIotArn(`${ARN}/thing/MyThing1`)).toMatchObject({ form: 'arn', resourceType: '', resourceName: 'thing/MyThing1', knownType: false });
    expect(parseIotArn(`${ARN}topic`)).toMatchObject({ form: 'arn', resourceType: 'topic' });
    expect(parseIotArn(`${ARN}topic`).resourceName).toBeUndefined();
    expect(parseIotArn('arn:aws:iot:*')).toMatchObject({ form: 'other' });
    expect(parseIotArn('topic/x')).toMatchObject({ form: 'other' });
    expect(parseIotArn(undefined as unknown as string)).toMatchObject({ form: 'other' });
  });

  test('resourceTypeOf only answers for IoT ARNs', () => {
    expect(resourceTypeOf(`${ARN}topic/x`)).toBe('topic');
    expect(resourceTypeOf('arn:aws:s3:::bucket/x')).toBeUndefined();
  });
});

describe('namePatternsFor: the names a Resource allows for one resource type', () => {
  const names = (pattern: string, type: string): string[] => namePatternsFor(pattern, type).map(atomsToText);

  test.each([
    ['*', 'topic', ['*']],
    [`${ARN}topic/a/*`, 'topic', ['a/*']],
    [`${ARN}topic/a/*`, 'topicfilter', []],
    [`${ARN}topicfilter/a/#`, 'topicfilter', ['a/#']],
    [`${ARN}topic*`, 'topicfilter', ['*']], // `topic*` also covers every topic filter
    [`${ARN}top?c/x`, 'topic', ['x']],
    ['arn:aws:iot:eu-west-1:111122223333:thing/t1', 'thing', ['t1']],
    [`${ARN}*`, 'thing', ['*']],
    [`${ARN}client/x`, 'thing', []],
    ['arn:aws:s3:::bucket', 'topic', []],
  ])('%s for %s → %j', (pattern, type, expected) => {
    expect(names(pattern, type)).toEqual(expected);
  });

  test('a pattern for another account keeps its own account', () => {
    expect(samplePrefix('arn:aws:iot:eu-west-1:111122223333:thing/t1')).toEqual({ partition: 'aws', region: 'eu-west-1', account: '111122223333' });
    expect(samplePrefix('arn:aws:iot:eu-*:*:thing/t1')).toEqual({ partition: 'aws', region: 'eu-', account: '' });
    expect(samplePrefix('*')).toEqual({ partition: 'aws', region: 'us-east-1', account: '123456789012' });
  });

  test('a star spanning fields still leaves the right name', () => {
    expect(names('arn:aws:iot:*:topic/x', 'topic')).toContain('x');
  });

  test('field-final stars may run across colons, so the exact answer has more readings', () => {
    // `a:b:client/c` as a client ID also matches: the region and account stars take `us-east-1:…:client/a` and `b`.
    expect(names('arn:aws:iot:*:*:client/${iot:ClientId}', 'client')).toEqual(['*:*:client/${iot:ClientId}', '*:client/${iot:ClientId}', '${iot:ClientId}']);
  });
});

describe('resourceNamePatterns: the reading authors intend (field wildcards stay in their field)', () => {
  const names = (pattern: string, type: string): string[] => resourceNamePatterns(pattern, type).map(atomsToText);

  test.each([
    ['arn:aws:iot:*:*:client/${iot:ClientId}', 'client', ['${iot:ClientId}']],
    ['arn:aws:iot:*:*:topic/x', 'topicfilter', []],
    ['arn:aws:iot:*:*:topic/x', 'topic', ['x']],
    ['arn:*:*:*:*:*', 'thing', ['*']],
    [`${ARN}*/x`, 'topic', ['*/x', 'x']],
    [`${ARN}topic*`, 'topicfilter', ['*']],
    ['arn:aws:s3:::bucket/x', 'topic', []],
    ['arn:aws:iot:*', 'topic', ['*']],
    ['*', 'rolealias', ['*']],
  ])('%s for %s → %j', (pattern, type, expected) => {
    expect(names(pattern, type)).toEqual(expected);
  });
});
