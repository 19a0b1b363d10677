import {
  ADMIN_ACTIONS,
  DATA_PLANE_ACTIONS,
  actionPatternMatches,
  adminActionsCovered,
  coversAllIotActions,
  findDataPlaneAction,
  isUnknownIotAction,
} from '../../../../policies/rules/iot/policy/actions';

describe('actionPatternMatches: IAM rules, case-insensitive prefix and name', () => {
  test.each([
    ['iot:Publish', 'iot:Publish', true],
    ['IOT:PUBLISH', 'iot:Publish', true],
    ['iot:publish', 'IoT:Publish', true],
    ['iot:Publish', 'iot:RetainPublish', false],
    ['iot:*Publish', 'iot:RetainPublish', true],
    ['iot:Get*', 'iot:GetThingShadow', true],
    ['iot:Get*', 'iot:Publish', false],
    ['iot:?ublish', 'iot:Publish', true],
    ['iot:?ublish', 'iot:Pubish', false],
    ['*', 'iotjobsdata:UpdateJobExecution', true],
    ['iot:*', 'iotjobsdata:UpdateJobExecution', false],
    ['Publish', 'iot:Publish', false],
    ['greengrass:*', 'iot:Publish', false],
  ])('%s covers %s → %s', (pattern, action, expected) => {
    expect(actionPatternMatches(pattern, action)).toBe(expected);
  });

  test('non-strings never match', () => {
    expect(actionPatternMatches(undefined as unknown as string, 'iot:Publish')).toBe(false);
  });
});

describe('the data-plane catalog', () => {
  test.each([
    ['iot:Connect', 'client'],
    ['iot:DeleteConnection', 'client'],
    ['iot:Publish', 'topic'],
    ['iot:Receive', 'topic'],
    ['iot:RetainPublish', 'topic'],
    ['iot:GetRetainedMessage', 'topic'],
    ['iot:Subscribe', 'topicfilter'],
    ['iot:UpdateThingShadow', 'thing'],
    ['iotjobsdata:UpdateJobExecution', 'thing'],
    ['iot:DescribeJobExecution', 'thing'],
    ['iot:AssumeRoleWithCertificate', 'rolealias'],
    ['iot:ListRetainedMessages', 'all'],
  ])('%s is checked against %s resources', (action, type) => {
    expect(findDataPlaneAction(action)?.resourceType).toBe(type);
    expect(findDataPlaneAction(action.toUpperCase())?.name).toBe(action);
  });

  test('no action is both data-plane and administrative', () => {
    const admin = new Set(ADMIN_ACTIONS.map((a) => a.toLowerCase()));
    expect(DATA_PLANE_ACTIONS.filter((a) => admin.has(a.name.toLowerCase()))).toEqual([]);
  });
});

describe('coversAllIotActions', () => {
  test.each(['*', 'iot:*', 'IOT:*', 'io*', 'iot:?*', '*:*'])('%s covers every IoT action', (pattern) => {
    expect(coversAllIotActions(pattern)).toBe(true);
  });

  test.each(['iot:P*', 'iot:*Shadow', 'iot:Get*', 'iot:Publish', 'greengrass:*', 'iot:*e*'])('%s does not', (pattern) => {
    expect(coversAllIotActions(pattern)).toBe(false);
  });
});

describe('adminActionsCovered and isUnknownIotAction', () => {
  test('partial wildcards reach listed administrative actions', () => {
    expect(adminActionsCovered('iot:Create*')).toContain('iot:CreateThing');
    expect(adminActionsCovered('iot:Get*')).toEqual(expect.arrayContaining(['iot:GetPolicy', 'iot:GetEffectivePolicies']));
    expect(adminActionsCovered('iot:Get*')).not.toContain('iot:GetThingShadow');
    expect(adminActionsCovered('iot:*Shadow')).toEqual([]);
  });

  test('named actions: listed, unlisted admin verbs, data-plane', () => {
    expect(adminActionsCovered('iot:creatething')).toEqual(['iot:CreateThing']);
    expect(adminActionsCovered('iot:DescribeAuditTask')).toEqual(['iot:DescribeAuditTask']);
    expect(adminActionsCovered('iot:Publish')).toEqual([]);
    expect(adminActionsCovered('iot:GetThingShadow')).toEqual([]);
  });

  test.each([
    ['iot:Publsh', true],
    ['iot:Conect', true],
    ['iot:Publish', false],
    ['iot:CreateThing', false],
    ['iot:Get*', false],
    ['greengrass:Discover', false],
    ['iotjobsdata:Nope', true],
  ])('%s unknown → %s', (name, expected) => {
    expect(isUnknownIotAction(name)).toBe(expected);
  });
});
