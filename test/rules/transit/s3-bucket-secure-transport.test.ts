import { s3BucketSecureTransport } from '../../../policies/rules/transit/s3-bucket-secure-transport';
import type { JsonValue } from '../../../policies/engine/types';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { S3_ENCRYPTION, TRANSIT_DATA } from './fixtures';

const B = 'aws_s3_bucket';
const P = 'aws_s3_bucket_policy';
const BUCKET_REF = { bucket: [`${B}.records.id`, `${B}.records`] };
const ARNS = ['arn:aws:s3:::phi-records', 'arn:aws:s3:::phi-records/*'];
const statement = (overrides: Record<string, JsonValue> = {}) => ({
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: ARNS,
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  ...overrides,
});
const policyJson = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const bucket = { values: { bucket: 'phi-records' }, unknown: ['id', 'arn', 'policy'] };
const companion = (policy: string) => ({ values: { policy }, unknown: ['bucket'], refs: BUCKET_REF });
const tlsDocument = {
  mode: 'data' as const,
  action: 'read' as const,
  values: {
    statement: [
      {
        effect: 'Deny',
        actions: ['s3:*'],
        resources: [null, null],
        principals: [{ type: '*', identifiers: ['*'] }],
        condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      },
    ],
  },
  unknown: ['json', 'statement.0.resources.0', 'statement.0.resources.1'],
};

ruleTester(s3BucketSecureTransport, {
  valid: [
    { name: 'companion policy denying aws:SecureTransport = false', plan: plan().resource(B, 'records', bucket).resource(P, 'records', companion(policyJson(statement()))) },
    {
      name: 'Action "*", Principal {"AWS": "*"}, BoolIfExists with a boolean false',
      plan: plan()
        .resource(B, 'records', bucket)
        .resource(P, 'records', companion(policyJson(statement({ Action: '*', Principal: { AWS: '*' }, Resource: 'arn:aws:s3:::phi-records*', Condition: { BoolIfExists: { 'aws:SecureTransport': false } } })))),
    },
    {
      name: 'policy from a data.aws_iam_policy_document read at apply: its statement blocks decide',
      plan: plan()
        .resource(B, 'records', bucket)
        .resource('aws_iam_policy_document', 'tls', tlsDocument)
        .resource(P, 'records', { unknown: ['bucket', 'policy'], refs: { ...BUCKET_REF, policy: ['data.aws_iam_policy_document.tls.json', 'data.aws_iam_policy_document.tls'] } }),
    },
    { name: 'legacy inline policy on the bucket', plan: plan().resource(B, 'records', { values: { bucket: 'phi-records', policy: policyJson(statement()) }, unknown: ['id'] }) },
    {
      name: 'for_each buckets with for_each policies in a module',
      plan: plan()
        .resource(B, 'this', { module: 'module.store["a"]', values: { bucket: 'phi-records' }, unknown: ['id'] })
        .resource(P, 'this', { module: 'module.store["a"]', values: { policy: policyJson(statement()) }, unknown: ['bucket'], refs: { bucket: [`${B}.this.id`, `${B}.this`] } }),
    },
    {
      name: 'a bucket outside PHI scope is not checked',
      plan: plan().resource(B, 'public_assets', { values: { bucket: 'assets' }, unknown: ['id', 'policy'] }),
      options: { phiScope: () => ({ inScope: false, reason: 'no DataClassification tag' }) },
    },
    {
      name: 'CDKTF synth: policy from a data.aws_iam_policy_document whose resources interpolate the bucket ARN',
      plan: {
        data: {
          aws_iam_policy_document: {
            tls: {
              statement: [
                {
                  effect: 'Deny',
                  actions: ['s3:*'],
                  resources: ['${aws_s3_bucket.records.arn}', '${aws_s3_bucket.records.arn}/*'],
                  principals: [{ type: '*', identifiers: ['*'] }],
                  condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
                },
              ],
            },
          },
        },
        resource: {
          aws_s3_bucket: { records: { bucket: 'phi-records' } },
          aws_s3_bucket_policy: { records: { bucket: '${aws_s3_bucket.records.id}', policy: '${data.aws_iam_policy_document.tls.json}' } },
        },
      },
    },
    { name: 'real plan: literal-ARN policy with a TLS deny and a TLS-version deny', plan: S3_ENCRYPTION, addresses: [`${B}.phi_kms_ok`] },
    { name: 'real plan: data.aws_iam_policy_document read at apply', plan: TRANSIT_DATA, addresses: [`${B}.records_ok`] },
  ],
  invalid: [
    {
      name: 'no bucket policy at all (plan shows policy unknown, no configuration)',
      plan: plan().resource(B, 'records', bucket),
      findings: [{ address: `${B}.records`, attribute: 'policy', message: 'has no bucket policy' }],
    },
    {
      name: 'policy with only an Allow statement',
      plan: plan().resource(B, 'records', bucket).resource(P, 'records', companion(policyJson({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::1:role/app' }, Action: 's3:GetObject', Resource: ARNS[1] }))),
      findings: [{ address: `${B}.records`, message: 'has no statement denying requests made without TLS', related: `${P}.records`, via: 'reference' }],
    },
    {
      name: 'deny covering only object reads and writes',
      plan: plan().resource(B, 'records', bucket).resource(P, 'records', companion(policyJson(statement({ Action: ['s3:GetObject', 's3:PutObject'] })))),
      findings: [{ address: `${B}.records`, message: 'not s3:DeleteObject, s3:ListBucket' }],
    },
    {
      name: 'deny on the objects but not the bucket itself',
      plan: plan().resource(B, 'records', bucket).resource(P, 'records', companion(policyJson(statement({ Resource: ARNS[1] })))),
      findings: [{ address: `${B}.records`, message: 'not on arn:aws:s3:::phi-records' }],
    },
    {
      name: 'a deny that also requires another condition does not count',
      plan: plan()
        .resource(B, 'records', bucket)
        .resource(P, 'records', companion(policyJson(statement({ Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } } })))),
      findings: [{ address: `${B}.records`, message: 'has no statement denying' }],
    },
    {
      name: 'an empty policy document ("Statement": null)',
      plan: plan().resource(B, 'records', bucket).resource(P, 'records', companion('{"Version": "2012-10-17", "Statement": null}')),
      findings: [{ address: `${B}.records`, message: 'has no statement denying' }],
    },
    {
      name: 'policy rendered by jsonencode over ARNs known only after apply',
      plan: plan().resource(B, 'records', bucket).resource(P, 'records', { unknown: ['bucket', 'policy'], refs: { ...BUCKET_REF, policy: [`${B}.records.arn`, `${B}.records`] } }),
      findings: [{ address: `${B}.records`, status: 'unknown', message: 'rendered at apply time' }],
    },
    {
      name: 'policy document that merges another document known only after apply, with no deny of its own',
      plan: plan()
        .resource(B, 'records', bucket)
        .resource('aws_iam_policy_document', 'app', {
          mode: 'data',
          action: 'read',
          values: { statement: [{ effect: 'Allow', actions: ['s3:GetObject'], resources: [null], principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::1:role/app'] }] }] },
          unknown: ['json', 'source_policy_documents'],
          refs: { source_policy_documents: ['var.extra_policies'] },
        })
        .resource(P, 'records', { unknown: ['bucket', 'policy'], refs: { ...BUCKET_REF, policy: ['data.aws_iam_policy_document.app.json'] } }),
      findings: [{ address: `${B}.records`, status: 'unknown', message: 'part of the policy is known only after apply' }],
    },
    {
      name: 'an override document with the same Sid replaces the deny',
      plan: plan()
        .resource(B, 'records', bucket)
        .resource('aws_iam_policy_document', 'app', {
          mode: 'data',
          action: 'read',
          values: {
            statement: [{ sid: 'TLS', effect: 'Deny', actions: ['s3:*'], resources: ['*'], principals: [{ type: '*', identifiers: ['*'] }], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] }],
            override_policy_documents: [JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'TLS', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::1:role/app' }, Action: 's3:GetObject', Resource: '*' }] })],
          },
          unknown: ['json'],
        })
        .resource(P, 'records', { unknown: ['bucket', 'policy'], refs: { ...BUCKET_REF, policy: ['data.aws_iam_policy_document.app.json'] } }),
      findings: [{ address: `${B}.records`, message: 'has no statement denying' }],
    },
    {
      name: 'a deny that an override document known only after apply could replace',
      plan: plan()
        .resource(B, 'records', bucket)
        .resource('aws_iam_policy_document', 'app', { ...tlsDocument, unknown: [...tlsDocument.unknown, 'override_policy_documents'], refs: { override_policy_documents: ['var.overrides'] } })
        .resource(P, 'records', { unknown: ['bucket', 'policy'], refs: { ...BUCKET_REF, policy: ['data.aws_iam_policy_document.app.json'] } }),
      findings: [{ address: `${B}.records`, status: 'unknown', message: 'override document' }],
    },
    {
      name: 'real plan: Allow-only policy document; jsonencode over unknown ARNs',
      plan: TRANSIT_DATA,
      findings: [
        { address: `${B}.allow_only_bad`, message: 'has no statement denying', related: 'data.aws_iam_policy_document.allow_only' },
        { address: `${B}.jsonencode_unknown`, status: 'unknown' },
      ],
    },
  ],
});
