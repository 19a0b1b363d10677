import {
  describeVariable,
  namesDevice,
  renderTerraformLiteral,
  scanTemplate,
  substitutedText,
  variableValues,
  variablesIn,
  type RequestContext,
} from '../../../../policies/rules/iot/policy/variables';

describe('describeVariable: what each IoT policy variable stands for', () => {
  test.each([
    ['iot:ClientId', 'client-id', 'claimed-identity'],
    ['iot:clientid', 'client-id', 'claimed-identity'],
    ['iot:Connection.Thing.ThingName', 'thing-name', 'device-identity'],
    ['IOT:CONNECTION.THING.THINGNAME', 'thing-name', 'device-identity'],
    ['iot:Connection.Thing.ThingTypeName', 'thing-type-name', 'shared-attribute'],
    ['iot:Connection.Thing.Attributes[serial]', 'thing-attribute', 'shared-attribute'],
    ['iot:Connection.Thing.IsAttached', 'thing-is-attached', 'connection-attribute'],
    ['iot:Certificate.Subject.CommonName', 'certificate', 'device-identity'],
    ['iot:Certificate.Subject.CommonName.1', 'certificate', 'device-identity'],
    ['iot:Certificate.SerialNumber', 'certificate', 'device-identity'],
    ['iot:Certificate.Subject.AlternativeName.DNSName', 'certificate', 'device-identity'],
    ['iot:Certificate.Subject.Organization', 'certificate', 'shared-attribute'],
    ['iot:Certificate.Issuer.CommonName', 'certificate', 'shared-attribute'],
    ['iot:Certificate.Subject.Country.List', 'certificate', 'shared-attribute'],
    ['iot:DomainName', 'domain-name', 'connection-attribute'],
    ['aws:SourceIp', 'source-ip', 'connection-attribute'],
    ['*', 'literal-character', 'none'],
    ['?', 'literal-character', 'none'],
    ['$', 'literal-character', 'none'],
    ['iot:Thing.ThingName', 'unknown', 'none'],
    ['', 'unknown', 'none'],
  ])('%s → %s / %s', (name, kind, binding) => {
    const v = describeVariable(name);
    expect(v.kind).toBe(kind);
    expect(v.binding).toBe(binding);
  });

  test('thing attribute and certificate field names are kept as written', () => {
    expect(describeVariable('iot:Connection.Thing.Attributes[Serial-No]').attribute).toBe('Serial-No');
    expect(describeVariable('iot:Certificate.Subject.CommonName.List').attribute).toBe('Subject.CommonName.List');
  });

  test('only thing name, unique certificate fields and the client ID name the device', () => {
    expect(namesDevice(describeVariable('iot:Connection.Thing.ThingName'))).toBe(true);
    expect(namesDevice(describeVariable('iot:ClientId'))).toBe(true);
    expect(namesDevice(describeVariable('iot:Certificate.Subject.CommonName'))).toBe(true);
    expect(namesDevice(describeVariable('iot:Connection.Thing.ThingTypeName'))).toBe(false);
    expect(namesDevice(describeVariable('iot:Connection.Thing.Attributes[room]'))).toBe(false);
    expect(namesDevice(describeVariable('iot:DomainName'))).toBe(false);
  });
});

describe('scanTemplate', () => {
  test('rendered text: ${...} are policy variables, the rest literal', () => {
    const parts = scanTemplate('topic/${iot:ClientId}/x/${iot:Connection.Thing.ThingName}');
    expect(parts.map((p) => (typeof p === 'string' ? p : p.kind))).toEqual(['topic/', 'client-id', '/x/', 'thing-name']);
  });

  test('an unterminated ${ is literal text', () => {
    expect(scanTemplate('topic/${iot:ClientId')).toEqual(['topic/${iot:ClientId']);
  });

  test('rendered text: a CDKTF escape that was not unescaped reads as "$" followed by the variable', () => {
    const parts = scanTemplate('client/$${iot:ClientId}');
    expect(parts[0]).toBe('client/$');
    expect(typeof parts[1] !== 'string' && parts[1].kind).toBe('client-id');
  });

  test('Terraform template: $${...} is a policy variable, ${...} a Terraform interpolation', () => {
    const parts = scanTemplate('arn:aws:iot:${var.region}:${data.aws_caller_identity.me.account_id}:client/$${iot:Connection.Thing.ThingName}', 'terraform-template');
    const kinds = parts.map((p) => (typeof p === 'string' ? p : p.kind));
    expect(kinds).toEqual(['arn:aws:iot:', 'terraform-interpolation', ':', 'terraform-interpolation', ':client/', 'thing-name']);
  });

  test('Terraform template: nested braces stay inside one interpolation; %%{ is a literal %{', () => {
    const parts = scanTemplate('a/${jsonencode({x = 1})}/%%{b}', 'terraform-template');
    expect(parts.length).toBe(3);
    expect(parts[2]).toBe('/%{b}');
  });

  test('variablesIn lists only the variables', () => {
    expect(variablesIn('a/${iot:ClientId}/${*}').map((v) => v.kind)).toEqual(['client-id', 'literal-character']);
  });

  test('non-string input gives no parts', () => {
    expect(scanTemplate(42 as unknown as string)).toEqual([]);
  });
});

describe('variableValues and substitution', () => {
  const ctx: RequestContext = {
    clientId: 'dev-1',
    thingName: 'dev-1',
    thingTypeName: 'sensor',
    thingAttributes: JSON.parse('{"room":"r7","__proto__":"sneaky"}'),
    isAttached: true,
    certificate: { 'Subject.CommonName': 'dev-1', 'Subject.Organization': ['Example Corp', 'AnyCompany'] },
    domainName: 'iot.example.com',
  };

  test.each([
    ['iot:ClientId', ['dev-1']],
    ['iot:Connection.Thing.ThingName', ['dev-1']],
    ['iot:Connection.Thing.ThingTypeName', ['sensor']],
    ['iot:Connection.Thing.Attributes[room]', ['r7']],
    ['iot:Connection.Thing.Attributes[__proto__]', ['sneaky']],
    ['iot:Connection.Thing.Attributes[toString]', undefined],
    ['iot:Connection.Thing.IsAttached', ['true']],
    ['iot:Certificate.Subject.CommonName', ['dev-1']],
    ['iot:Certificate.subject.commonname', ['dev-1']],
    ['iot:Certificate.Subject.Organization', ['Example Corp']],
    ['iot:Certificate.Subject.Organization.1', ['AnyCompany']],
    ['iot:Certificate.Subject.Organization.2', undefined],
    ['iot:Certificate.Subject.Organization.List', ['Example Corp', 'AnyCompany']],
    ['iot:DomainName', ['iot.example.com']],
    ['aws:SourceIp', undefined],
    ['iot:Unknown', undefined],
  ])('%s', (name, expected) => {
    expect(variableValues(describeVariable(name), ctx)).toEqual(expected);
  });

  test('an unresolved variable stays as its own text, as AWS leaves it', () => {
    expect(substitutedText(describeVariable('iot:ClientId'), {})).toBe('${iot:ClientId}');
    expect(substitutedText(describeVariable('iot:ClientId'), undefined)).toBe('${iot:ClientId}');
  });

  test('a value holding a wildcard character, or longer than 1024 characters, is not substituted', () => {
    const v = describeVariable('iot:ClientId');
    expect(substitutedText(v, { clientId: 'a*' })).toBe('${iot:ClientId}');
    expect(substitutedText(v, { clientId: 'a?' })).toBe('${iot:ClientId}');
    expect(substitutedText(v, { clientId: 'x'.repeat(1025) })).toBe('${iot:ClientId}');
    expect(substitutedText(v, { clientId: '+' })).toBe('+');
  });

  test('${*}, ${?} and ${$} always stand for their character', () => {
    expect(substitutedText(describeVariable('*'), undefined)).toBe('*');
    expect(substitutedText(describeVariable('$'), {})).toBe('$');
  });
});

describe('renderTerraformLiteral', () => {
  test('unescapes $${ and %%{ when no interpolation remains', () => {
    expect(renderTerraformLiteral('client/$${iot:Connection.Thing.ThingName} %%{x}')).toBe('client/${iot:Connection.Thing.ThingName} %{x}');
  });

  test('gives undefined when a real interpolation remains (known only after apply)', () => {
    expect(renderTerraformLiteral('arn:aws:iot:${var.region}:1:topic/x')).toBeUndefined();
  });
});
