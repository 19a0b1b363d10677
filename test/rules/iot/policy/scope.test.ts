import { compilePattern } from '../../../../policies/rules/iot/policy/pattern';
import { classifyName, type ClientIdTrust, type NameType } from '../../../../policies/rules/iot/policy/scope';
import { CLIENT, THING } from './helpers';

const TRUSTED: ClientIdTrust = { spoofable: false, mqttWildcard: false };
const SPOOFABLE: ClientIdTrust = { spoofable: true, mqttWildcard: true };

const classify = (name: string, type: NameType, trust: ClientIdTrust = TRUSTED) => classifyName(compilePattern(name), type, trust);

describe('classifyName: where a resource name stops being about one device', () => {
  test.each<[string, NameType, ClientIdTrust, string | false]>([
    // Topics
    ['*', 'topic', TRUSTED, 'any'],
    ['sensors/*', 'topic', TRUSTED, 'unbound-wildcard'],
    ['sensors/temp', 'topic', TRUSTED, false],
    [`${THING}/*`, 'topic', TRUSTED, false],
    [`${THING}*`, 'topic', TRUSTED, 'unbound-wildcard'], // `dev1*` also reaches `dev10/…`
    [`fleet/${THING}/room*`, 'topic', TRUSTED, false],
    ['${iot:Certificate.Subject.CommonName}/*', 'topic', TRUSTED, false],
    ['${iot:Connection.Thing.ThingTypeName}/*', 'topic', TRUSTED, 'unbound-wildcard'],
    ['${iot:Connection.Thing.Attributes[site]}/*', 'topic', TRUSTED, 'unbound-wildcard'],
    [`${CLIENT}/*`, 'topic', TRUSTED, false],
    [`${CLIENT}/*`, 'topic', SPOOFABLE, 'spoofable-client-id'],
    // Reserved topics
    ['$aws/things/*', 'topic', TRUSTED, 'reserved'],
    ['$aws/things/*/shadow/update', 'topic', TRUSTED, 'reserved'],
    [`$aws/things/${THING}/shadow/*`, 'topic', TRUSTED, false],
    ['$aws/things/MyThing/shadow/*', 'topic', TRUSTED, false],
    ['$aws/things/My*/shadow/update', 'topic', TRUSTED, 'reserved'],
    ['$aws/*', 'topic', TRUSTED, 'reserved'],
    ['$*', 'topic', TRUSTED, 'reserved'],
    ['$aws/events/presence/connected/*', 'topic', TRUSTED, 'reserved'],
    [`$aws/events/presence/connected/${CLIENT}`, 'topic', TRUSTED, false],
    ['$aws/rules/*', 'topic', TRUSTED, 'reserved'],
    ['$aws/rules/telemetry', 'topic', TRUSTED, false],
    ['$aws/certificates/create/*', 'topic', TRUSTED, false],
    ['$aws/provisioning-templates/fleet/provision/*', 'topic', TRUSTED, false],
    ['$aws/provisioning-templates/*', 'topic', TRUSTED, 'reserved'],
    [`$aws/things/${CLIENT}/shadow/*`, 'topic', SPOOFABLE, 'spoofable-client-id'],
    // Topic filters
    ['$aws/things/+/shadow/update', 'topicfilter', TRUSTED, 'mqtt-wildcard'],
    ['data/#', 'topicfilter', TRUSTED, 'mqtt-wildcard'],
    [`${THING}/#`, 'topicfilter', TRUSTED, false],
    [`my/${CLIENT}/topic`, 'topicfilter', TRUSTED, false],
    [`my/${CLIENT}/topic`, 'topicfilter', { spoofable: false, mqttWildcard: true }, 'spoofable-client-id'],
    // Things, clients, role aliases
    ['*', 'thing', TRUSTED, 'any'],
    ['dev-*', 'thing', TRUSTED, 'unbound-wildcard'],
    [`${THING}/*`, 'thing', TRUSTED, false],
    ['MyThing1', 'thing', TRUSTED, false],
    ['*', 'client', TRUSTED, 'any'],
    ['sensor-?', 'client', TRUSTED, 'unbound-wildcard'],
    [CLIENT, 'client', SPOOFABLE, false], // judged by the IsAttached check, not here
    [THING, 'client', TRUSTED, false],
    ['*', 'rolealias', TRUSTED, 'any'],
    ['Telemetry*', 'rolealias', TRUSTED, 'unbound-wildcard'],
  ])('%s as %s', (name, type, trust, breadth) => {
    const scope = classify(name, type, trust);
    expect(scope.broad).toBe(breadth !== false);
    if (breadth !== false) expect(scope.breadth).toBe(breadth);
  });

  test('a broad filter in reserved space is marked as such', () => {
    expect(classify('$aws/things/+/shadow/update', 'topicfilter').entersReserved).toBe(true);
    expect(classify('*', 'topic').entersReserved).toBe(false);
    expect(classify('sensors/*', 'topic').entersReserved).toBe(false);
  });

  test('it reports device variables, MQTT characters and the reserved family', () => {
    expect(classify('$aws/things/MyThing/shadow/get', 'topic')).toMatchObject({ namesDevice: false, reservedFamily: 'things', mqttWildcards: false });
    expect(classify(`a/${THING}/#`, 'topic')).toMatchObject({ namesDevice: true, mqttWildcards: true });
  });
});
