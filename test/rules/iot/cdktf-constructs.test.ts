/**
 * End to end on real CDKTF synth output: the pack's own compliant IoT construct
 * (modules/iot-device-fleet) passes every IOT- rule, read from `cdk.tf.json` with its `$${…}`
 * escapes, and a fleet built with a broad policy from the same synth shape does not.
 */
import { iotRules } from '../../../policies/rules/iot';
import type { JsonObject } from '../../../policies/engine/types';
import { IotDeviceFleet } from '../../../modules/iot-device-fleet';
import { runRule } from '../../support/rule-tester';
import { ENV, synth } from '../../modules/synth';

function fleetSynth(): JsonObject {
  return synth((scope) => new IotDeviceFleet(scope, 'fleet', { env: ENV, fleetName: 'infusion-pumps', topicPrefix: 'telemetry/pumps' })).json as JsonObject;
}

describe('IOT- rules on CDKTF synth output of IotDeviceFleet', () => {
  const json = fleetSynth();

  it('the synth output escapes policy variables as CDKTF does', () => {
    const policies = (json.resource as Record<string, Record<string, { policy: string }>>).aws_iot_policy;
    expect(Object.values(policies)[0].policy).toContain('$${iot:Connection.Thing.ThingName}');
  });

  it.each(iotRules.map((r) => [r.id, r] as const))('%s finds nothing to fail', (_id, rule) => {
    const findings = runRule(rule, json).filter((f) => f.status === 'fail');
    expect(findings.map((f) => `${f.address}: ${f.message}`)).toEqual([]);
  });

  it('the same synth with the thing-name level removed from the topics fails IOT-001', () => {
    const broken = JSON.parse(JSON.stringify(json).split('/$${iot:Connection.Thing.ThingName}/*').join('/*')) as JsonObject;
    const rule = iotRules.find((r) => r.id === 'IOT-001');
    expect(rule).toBeDefined();
    const findings = runRule(rule!, broken);
    expect(findings.some((f) => f.status === 'fail' && f.message.includes('topic/telemetry/pumps/pw-other-device'))).toBe(true);
  });
});
