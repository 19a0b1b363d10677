/**
 * LOG-023: a GuardDuty detector defined in the plan is enabled and watches S3 data events
 * (S3 Protection). Plans without a detector are not judged.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { evidenceOf, fail, pass, unknown } from '../support';
import { turnedOff } from './shared/change';
import { companionsOf } from './shared/companions';
import { knownText, setting } from './shared/read';

const FEATURE = 'aws_guardduty_detector_feature';

export const guarddutyDetector: Rule = {
  id: 'LOG-023',
  title: 'GuardDuty detectors are enabled with S3 Protection',
  family: 'logging',
  severity: 'medium',
  enforcement: 'soft-mandatory',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.308(a)(6)(ii)'],
  resourceTypes: ['aws_guardduty_detector'],
  rationale:
    'Nobody reviews every log line: GuardDuty reads CloudTrail, flow logs and DNS logs continuously and raises the unusual (164.308(a)(1)(ii)(D), security incident identification 164.308(a)(6)(ii)). A detector defined but disabled, or with S3 Protection off, no longer looks at access to buckets of ePHI. Relies on: enable defaults to true and S3 Protection is on for new detectors unless turned off.',
  remediation: 'Set enable = true (the default) and leave S3 Protection on: no aws_guardduty_detector_feature with name = "S3_DATA_EVENTS" and status = "DISABLED", no datasources.s3_logs.enable = false.',
  params: {},
  docs: {
    defaults: 'Provider 5.x plans enable = true when omitted; S3 Protection is on for new detectors unless a feature or datasources block turns it off. Plans that define no detector are not judged.',
    anchors: ['AWS Config guardduty-enabled-centralized', 'Prowler guardduty_is_enabled'],
    example: {
      fail: 'resource "aws_guardduty_detector" "main" {\n  enable = false\n}',
      pass: 'resource "aws_guardduty_detector" "main" {\n  enable = true\n}',
    },
  },
  check(detector: ResourceInstance, ctx: RuleContext): Outcome[] {
    const enabled = setting(detector.attr('enable'), 'on');
    if (enabled === 'unknown') return [unknown('enable', `${detector.address}: enable is known only after apply`)];
    if (enabled === 'off') {
      const change = turnedOff(detector, 'enable') ? ' — this update disables a running detector' : '';
      return [fail('enable', `${detector.address} is disabled (enable = false)${change}; set enable = true`)];
    }
    const outcomes: Outcome[] = [];
    if (setting(detector.attr('datasources.s3_logs.enable'), 'on') === 'off') {
      outcomes.push(fail('datasources.s3_logs.enable', `${detector.address} turns S3 Protection off (datasources.s3_logs.enable = false); set it to true`));
    }
    for (const c of companionsOf(ctx.graph, detector, { types: [FEATURE], attribute: 'detector_id', matchValues: ['id'] })) {
      const feature = c.join.instance;
      if (knownText(feature.attr('name')) === 'S3_DATA_EVENTS' && knownText(feature.attr('status')) === 'DISABLED') {
        outcomes.push(fail('datasources.s3_logs', `${feature.address} turns S3 Protection off for ${detector.address}; set status = "ENABLED"`, { evidence: [evidenceOf(c.join)] }));
      }
    }
    return outcomes.length > 0 ? outcomes : [pass('enable', `${detector.address} is enabled`)];
  },
};
