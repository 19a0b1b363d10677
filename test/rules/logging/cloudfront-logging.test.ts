import { cloudfrontLogging } from '../../../policies/rules/logging/cloudfront-logging';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES, judged } from './judged';

const CF = 'aws_cloudfront_distribution';
const EDGE = { file: `${FIXTURES}/logging-edge.json` };
const TRANSIT = { file: `${FIXTURES}/transit.json` };

ruleTester(cloudfrontLogging, {
  valid: [
    { name: 'logging_config with a literal bucket', plan: plan().resource(CF, 'app', { values: { logging_config: [{ bucket: 'logs.s3.amazonaws.com', prefix: 'app/' }] } }) },
    {
      name: 'logging_config.bucket known only after apply (bucket_domain_name of a bucket in the plan)',
      plan: plan().resource(CF, 'app', { values: { logging_config: [{ prefix: 'app/' }] }, unknown: ['logging_config.0.bucket'], refs: { 'logging_config.bucket': ['aws_s3_bucket.logs.bucket_domain_name'] } }),
    },
    {
      name: 'standard logging v2: a delivery source in another module, tied through a variable',
      plan: plan()
        .resource(CF, 'app', { values: { logging_config: [] } })
        .moduleCall('module.cdn_logs', { inputs: { distribution_arn: [`${CF}.app.arn`, `${CF}.app`] } })
        .resource('aws_cloudwatch_log_delivery_source', 'this', { module: 'module.cdn_logs', values: { log_type: 'ACCESS_LOGS' }, unknown: ['resource_arn'], refs: { resource_arn: ['var.distribution_arn'] } }),
    },
    { name: 'real plan (logging-edge)', plan: EDGE, addresses: [`${CF}.logged_ok`, `${CF}.v2_ok`] },
    { name: 'real plan (transit): the logged distribution', plan: TRANSIT, addresses: [`${CF}.acm_redirect_https_ok`] },
  ],
  invalid: [
    { name: 'no logging (plan shows [])', plan: plan().resource(CF, 'app', { values: { logging_config: [] } }), findings: [{ address: `${CF}.app`, attribute: 'logging_config' }] },
    {
      name: 'an update that removes logging says so',
      plan: plan().resource(CF, 'app', { action: 'update', values: { logging_config: [] }, before: { logging_config: [{ bucket: 'logs.s3.amazonaws.com' }] } }),
      findings: [{ address: `${CF}.app`, message: 'removes logging_config' }],
    },
    { name: 'real plan (logging-edge)', plan: EDGE, findings: [{ address: `${CF}.unlogged_bad` }] },
    { name: 'real plan (transit)', plan: TRANSIT, findings: [{ address: `${CF}.default_cert_allow_all_bad` }] },
  ],
});

describe('LOG-014 on the real plans', () => {
  it('judges and passes the logged distributions', () => {
    expect(judged(cloudfrontLogging, EDGE.file, 'pass')).toEqual([`${CF}.logged_ok`, `${CF}.v2_ok`]);
    expect(judged(cloudfrontLogging, TRANSIT.file, 'pass')).toEqual([`${CF}.acm_redirect_https_ok`]);
  });
});
