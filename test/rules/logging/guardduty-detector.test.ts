import { guarddutyDetector } from '../../../policies/rules/logging/guardduty-detector';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES } from './judged';

const GD = 'aws_guardduty_detector';
const FEATURE = 'aws_guardduty_detector_feature';
const SERVICES = { file: `${FIXTURES}/logging-services.json` };

ruleTester(guarddutyDetector, {
  valid: [
    { name: 'enabled (plan default)', plan: plan().resource(GD, 'main', { values: { enable: true } }) },
    { name: 'S3 Protection feature ENABLED', plan: plan().resource(GD, 'main', { values: { enable: true } }).resource(FEATURE, 's3', { values: { name: 'S3_DATA_EVENTS', status: 'ENABLED' }, unknown: ['detector_id'], refs: { detector_id: [`${GD}.main.id`] } }) },
    { name: 'another feature disabled does not matter here', plan: plan().resource(GD, 'main', { values: { enable: true } }).resource(FEATURE, 'rds', { values: { name: 'RDS_LOGIN_EVENTS', status: 'DISABLED' }, unknown: ['detector_id'], refs: { detector_id: [`${GD}.main.id`] } }) },
    { name: 'real plan', plan: SERVICES, addresses: [`${GD}.main_ok`] },
  ],
  invalid: [
    { name: 'enable = false', plan: plan().resource(GD, 'main', { values: { enable: false } }), findings: [{ address: `${GD}.main`, attribute: 'enable' }] },
    { name: 'an update that disables a detector says so', plan: plan().resource(GD, 'main', { action: 'update', values: { enable: false }, before: { enable: true } }), findings: [{ address: `${GD}.main`, message: 'disables a running detector' }] },
    { name: 'legacy datasources S3 off', plan: plan().resource(GD, 'main', { values: { enable: true, datasources: [{ s3_logs: [{ enable: false }] }] } }), findings: [{ address: `${GD}.main`, attribute: 'datasources.s3_logs.enable' }] },
    { name: 'enable known only after apply', plan: plan().resource(GD, 'main', { unknown: ['enable'] }), findings: [{ address: `${GD}.main`, status: 'unknown' }] },
    { name: 'real plan', plan: SERVICES, findings: [{ address: `${GD}.disabled_bad` }, { address: `${GD}.no_s3_bad`, related: `${FEATURE}.no_s3` }] },
  ],
});
