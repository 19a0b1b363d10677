import { evaluateCondition, requiresIsAttached } from '../../../../policies/rules/iot/policy/conditions';
import type { ConditionEntry } from '../../../../policies/rules/iot/policy/document';
import type { RequestContext } from '../../../../policies/rules/iot/policy/variables';
import { ARN, allow, doc } from './helpers';

const entry = (operator: string, key: string, ...values: string[]): ConditionEntry => ({ operator, key, values });

const device: RequestContext = {
  clientId: 'dev-1',
  thingName: 'dev-1',
  thingTypeName: 'sensor',
  isAttached: true,
  certificate: { 'Subject.Organization': ['Example Corp', 'AnyCompany'], 'Subject.CommonName': 'dev-1' },
};

describe('evaluateCondition', () => {
  test.each<[string, ConditionEntry, RequestContext | undefined, string]>([
    ['IsAttached true', entry('Bool', 'iot:Connection.Thing.IsAttached', 'true'), device, 'true'],
    ['IsAttached, value in other case', entry('Bool', 'iot:Connection.Thing.IsAttached', 'TRUE'), device, 'true'],
    ['IsAttached false', entry('Bool', 'iot:Connection.Thing.IsAttached', 'true'), { isAttached: false }, 'false'],
    ['IsAttached unknown', entry('Bool', 'iot:Connection.Thing.IsAttached', 'true'), {}, 'unknown'],
    ['no context at all', entry('StringEquals', 'iot:ClientId', 'dev-1'), undefined, 'unknown'],
    ['StringEquals', entry('StringEquals', 'iot:Connection.Thing.ThingTypeName', 'sensor', 'gateway'), device, 'true'],
    ['StringEquals is case-sensitive', entry('StringEquals', 'iot:Connection.Thing.ThingTypeName', 'Sensor'), device, 'false'],
    ['StringEqualsIgnoreCase', entry('StringEqualsIgnoreCase', 'iot:Connection.Thing.ThingTypeName', 'SENSOR'), device, 'true'],
    ['StringNotEquals', entry('StringNotEquals', 'iot:Connection.Thing.ThingTypeName', 'gateway'), device, 'true'],
    ['StringNotEquals, listed', entry('StringNotEquals', 'iot:Connection.Thing.ThingTypeName', 'sensor'), device, 'false'],
    ['StringLike', entry('StringLike', 'iot:ClientId', 'dev-*'), device, 'true'],
    ['StringNotLike', entry('StringNotLike', 'iot:ClientId', 'dev-*'), device, 'false'],
    ['a variable in the value', entry('StringEquals', 'iot:ClientId', '${iot:Connection.Thing.ThingName}'), device, 'true'],
    ['keys ignore case', entry('StringEquals', 'IOT:CLIENTID', 'dev-1'), device, 'true'],
    ['ForAnyValue on a list field', entry('ForAnyValue:StringEquals', 'iot:Certificate.Subject.Organization.List', 'AnyCompany'), device, 'true'],
    ['ForAllValues, all listed', entry('ForAllValues:StringEquals', 'iot:Certificate.Subject.Organization.List', 'Example Corp', 'AnyCompany'), device, 'true'],
    ['ForAllValues, one missing', entry('ForAllValues:StringEquals', 'iot:Certificate.Subject.Organization.List', 'Example Corp'), device, 'false'],
    ['Null false: key present', entry('Null', 'iot:Connection.Thing.ThingTypeName', 'false'), device, 'true'],
    ['Null true: key present', entry('Null', 'iot:Connection.Thing.ThingTypeName', 'true'), device, 'false'],
    ['IfExists with the key', entry('StringEqualsIfExists', 'iot:ClientId', 'dev-2'), device, 'false'],
    ['an operator we do not evaluate', entry('IpAddress', 'aws:SourceIp', '10.0.0.0/8'), { sourceIp: '10.1.2.3' }, 'unknown'],
    ['a key we do not know', entry('StringEquals', 'aws:PrincipalTag/x', 'y'), device, 'unknown'],
    ['a bad set qualifier', entry('Sometimes:StringEquals', 'iot:ClientId', 'dev-1'), device, 'unknown'],
  ])('%s', (_name, condition, ctx, expected) => {
    expect(evaluateCondition(condition, ctx)).toBe(expected);
  });
});

describe('requiresIsAttached', () => {
  test.each<[string, Record<string, unknown>, boolean]>([
    ['Bool true', { Bool: { 'iot:Connection.Thing.IsAttached': 'true' } }, true],
    ['Bool true as JSON boolean', { Bool: { 'iot:Connection.Thing.IsAttached': true } }, true],
    ['Bool false', { Bool: { 'iot:Connection.Thing.IsAttached': 'false' } }, false],
    ['IfExists lets a missing value through', { BoolIfExists: { 'iot:Connection.Thing.IsAttached': 'true' } }, false],
    ['another key', { Bool: { 'aws:SecureTransport': 'true' } }, false],
  ])('%s → %s', (_name, condition, expected) => {
    const statement = doc([allow('iot:Connect', `${ARN}client/\${iot:ClientId}`, { Condition: condition })]).statements[0];
    expect(requiresIsAttached(statement)).toBe(expected);
  });
});
