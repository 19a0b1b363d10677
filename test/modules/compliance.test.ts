/**
 * Every construct alone, and the example app composing them all, against the full rule pack
 * with no config: no failing rule, nothing known only after apply, and the rules that judge
 * what each construct builds did judge it and passed. The only failures allowed are the ones a
 * construct suppresses with a reason because AWS makes the rule impossible to meet there
 * (see the report of issue 7); those are listed here exactly, so a fixed rule shows up.
 */
import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { IotLoggingOptions } from '@cdktf/provider-aws/lib/iot-logging-options';
import { KmsKey as KmsKeyResource } from '@cdktf/provider-aws/lib/kms-key';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { PhiPlatformStack } from '../../examples/cdktf-app/phi-platform-stack';
import { planwardenMatchers } from '../../modules/check';
import {
  AccessLogBucket,
  AuditTrail,
  EncryptedDatabase,
  type EncryptedDatabaseProps,
  EncryptedLogGroup,
  EncryptedQueue,
  EncryptedTopic,
  IotDeviceFleet,
  KmsKey,
  SecureBucket,
  VpcWithFlowLogs,
} from '../../modules';
import { type RuleAt, addressOf, checkSynth, findingsWith, passes, resourceIn, sorted, stackOf, suppressedIn } from './pack';
import { ENV } from './synth';

expect.extend(planwardenMatchers);

interface Expectation {
  /** (rule, address) pairs that must have been judged and passed. */
  readonly passes: RuleAt[];
  /** Failures the constructs suppress because AWS makes the rule impossible to meet. */
  readonly suppressed?: RuleAt[];
}

const at = (ruleIds: string[], address: string): RuleAt[] => ruleIds.map((id) => [id, address] as const);
const KEY_RULES = ['ENC-025', 'ENC-026', 'ENC-029'];
const network = { vpcId: 'vpc-0abc', subnetIds: ['subnet-a', 'subnet-b'], allowedSecurityGroupIds: ['sg-app'] };

function database(engine: EncryptedDatabaseProps['engine'], engineVersion: string) {
  return (scope: Construct): Expectation => {
    const db = new EncryptedDatabase(scope, 'db', { env: ENV, identifier: 'patients', engine, engineVersion, network });
    const encryption = db.clusterInstances.length > 0 ? 'ENC-006' : 'ENC-005';
    return {
      passes: [
        ...at([encryption, 'TLS-009', 'LOG-015', 'BAA-002'], addressOf(db.database)),
        ...db.logGroups.flatMap((g) => at(['LOG-001', 'ENC-019'], addressOf(g.logGroup))),
        ...at(KEY_RULES, addressOf(resourceIn(db, KmsKeyResource))),
      ],
    };
  };
}

const constructs: Array<[string, (scope: Construct) => Expectation]> = [
  [
    'KmsKey',
    (scope) => {
      const key = new KmsKey(scope, 'key', { env: ENV, alias: 'phi/records' });
      return { passes: [...at(KEY_RULES, addressOf(key.resource)), ['BAA-001', addressOf(key.resource)]] };
    },
  ],
  [
    'AccessLogBucket with no source in the stack',
    (scope) => {
      const logs = new AccessLogBucket(scope, 'logs', { env: ENV, bucketName: 'shared-access-logs' });
      const bucket = addressOf(logs.core.bucket);
      return { passes: at(['ENC-001', 'TLS-008'], bucket), suppressed: [['LOG-007', bucket]] };
    },
  ],
  [
    'SecureBucket',
    (scope) => {
      const records = new SecureBucket(scope, 'records', { env: ENV, bucketName: 'phi-records' });
      const bucket = addressOf(records.bucket);
      const logs = addressOf(records.accessLogBucket.core.bucket);
      return {
        passes: [
          ...at(['ENC-001', 'TLS-008', 'LOG-007'], bucket),
          ...at(['ENC-001', 'TLS-008', 'LOG-007'], logs),
          ['LOG-008', addressOf(resourceIn(records.accessLogBucket, S3BucketLifecycleConfiguration))],
        ],
      };
    },
  ],
  [
    'SecureBucket with DSSE-KMS and Object Lock',
    (scope) => {
      const records = new SecureBucket(scope, 'records', { env: ENV, bucketName: 'phi-records', sseAlgorithm: 'aws:kms:dsse', objectLock: { mode: 'COMPLIANCE' } });
      return { passes: at(['ENC-001', 'TLS-008', 'LOG-007'], addressOf(records.bucket)) };
    },
  ],
  [
    'AuditTrail',
    (scope) => {
      const audit = new AuditTrail(scope, 'audit', { env: ENV, trailName: 'org-audit', bucketName: 'org-audit-trail' });
      const trail = addressOf(audit.trail);
      const bucket = addressOf(audit.bucket.bucket);
      const logs = addressOf(audit.bucket.accessLogBucket.core.bucket);
      return {
        passes: [
          ...at(['LOG-002', 'LOG-003', 'LOG-004', 'LOG-005', 'ENC-019'], trail),
          ...at(['ENC-001', 'TLS-008', 'LOG-007', 'LOG-009'], bucket),
          ...at(['LOG-001', 'ENC-019'], addressOf(audit.logGroup.logGroup)),
        ],
        suppressed: [
          ['LOG-006', bucket],
          ['LOG-006', logs],
        ],
      };
    },
  ],
  [
    'AuditTrail recording a SecureBucket’s data events',
    (scope) => {
      const records = new SecureBucket(scope, 'records', { env: ENV, bucketName: 'phi-records' });
      const audit = new AuditTrail(scope, 'audit', { env: ENV, trailName: 'org-audit', bucketName: 'org-audit-trail', dataEventBuckets: [records] });
      return {
        // The records bucket's own access-log bucket is outside the trail's log chain, so it is recorded too.
        passes: [
          ['LOG-006', addressOf(records.bucket)],
          ['LOG-006', addressOf(records.accessLogBucket.core.bucket)],
        ],
        suppressed: [
          ['LOG-006', addressOf(audit.bucket.bucket)],
          ['LOG-006', addressOf(audit.bucket.accessLogBucket.core.bucket)],
        ],
      };
    },
  ],
  [
    'EncryptedLogGroup',
    (scope) => {
      const group = new EncryptedLogGroup(scope, 'logs', { env: ENV, logGroupName: '/phi/app' });
      return { passes: at(['LOG-001', 'ENC-019'], addressOf(group.logGroup)) };
    },
  ],
  [
    'EncryptedQueue',
    (scope) => ({ passes: at(['ENC-010', 'TLS-017'], addressOf(new EncryptedQueue(scope, 'queue', { env: ENV, queueName: 'phi-intake' }).queue)) }),
  ],
  [
    'EncryptedQueue (FIFO)',
    (scope) => ({ passes: at(['ENC-010', 'TLS-017'], addressOf(new EncryptedQueue(scope, 'queue', { env: ENV, queueName: 'phi-intake', fifo: true }).queue)) }),
  ],
  [
    'EncryptedTopic',
    (scope) => ({ passes: at(['ENC-010', 'TLS-017'], addressOf(new EncryptedTopic(scope, 'topic', { env: ENV, topicName: 'phi-alerts' }).topic)) }),
  ],
  [
    'EncryptedTopic (FIFO)',
    (scope) => ({ passes: at(['ENC-010', 'TLS-017'], addressOf(new EncryptedTopic(scope, 'topic', { env: ENV, topicName: 'phi-alerts', fifo: true }).topic)) }),
  ],
  ['EncryptedDatabase (postgres)', database('postgres', '16.6')],
  ['EncryptedDatabase (mysql)', database('mysql', '8.0.40')],
  ['EncryptedDatabase (aurora-postgresql)', database('aurora-postgresql', '16.6')],
  ['EncryptedDatabase (aurora-mysql)', database('aurora-mysql', '8.0.mysql_aurora.3.08.0')],
  [
    'IotDeviceFleet',
    (scope) => {
      const fleet = new IotDeviceFleet(scope, 'fleet', { env: ENV, fleetName: 'infusion-pumps', topicPrefix: 'telemetry/pumps' });
      const logging = addressOf(resourceIn(fleet, IotLoggingOptions));
      return {
        passes: [
          ...at(['IOT-001', 'IOT-002', 'IOT-003', 'IOT-004', 'IOT-005'], addressOf(fleet.devicePolicy)),
          ...at(['IOT-008', 'IOT-009', 'BAA-003'], addressOf(fleet.telemetryRule)),
          ['ENC-008', addressOf(fleet.telemetryTable)],
          ...at(['IOT-014', 'LOG-024'], logging),
        ],
      };
    },
  ],
  [
    'IotDeviceFleet without account logging',
    (scope) => {
      const fleet = new IotDeviceFleet(scope, 'fleet', { env: ENV, fleetName: 'infusion-pumps', manageAccountLogging: false, allowOwnShadow: true });
      return { passes: at(['IOT-001', 'IOT-002', 'IOT-004'], addressOf(fleet.devicePolicy)) };
    },
  ],
  [
    'VpcWithFlowLogs',
    (scope) => {
      const vpc = new VpcWithFlowLogs(scope, 'network', {
        env: ENV,
        name: 'core',
        cidrBlock: '10.0.0.0/16',
        privateSubnets: [{ cidrBlock: '10.0.1.0/24', availabilityZone: 'eu-west-1a' }],
      });
      return { passes: [['LOG-010', addressOf(vpc.vpc)], ...at(['LOG-001', 'ENC-019'], addressOf(vpc.flowLogGroup.logGroup))] };
    },
  ],
];

describe.each(constructs)('%s, alone, against the full pack', (_name, build) => {
  let expectation: Expectation = { passes: [] };
  const stack = stackOf((scope) => {
    expectation = build(scope);
  });
  const report = checkSynth(stack);
  const suppressed = expectation.suppressed ?? [];

  it('fails no rule except those AWS makes impossible there, which it suppresses with a reason', () => {
    expect(findingsWith(report, 'fail')).toEqual(sorted(suppressed));
    expect(suppressedIn(stack).map(([rule, address]) => [rule, address])).toEqual(sorted(suppressed));
  });

  it('leaves nothing known only after apply', () => {
    expect(findingsWith(report, 'unknown')).toEqual([]);
  });

  it('passes toPassPlanwarden', () => {
    expect(stack).toPassPlanwarden();
    if (suppressed.length === 0) expect(Testing.synth(stack)).toPassPlanwarden();
  });

  it('was judged by the rules for what it builds, and passed them', () => {
    expect(expectation.passes.length).toBeGreaterThan(0);
    expect(passes(report)).toEqual(expect.arrayContaining(expectation.passes));
  });
});

describe('examples/cdktf-app, every construct composed, against the full pack', () => {
  const stack = new PhiPlatformStack(Testing.app(), 'phi-platform');
  const report = checkSynth(stack);
  const audit = stack.node.findAll().find((c): c is AuditTrail => c instanceof AuditTrail);
  if (!audit) throw new Error('the example has no AuditTrail');
  const trailBucket = addressOf(audit.bucket.bucket);
  const sharedAccessLogs = addressOf(audit.bucket.accessLogBucket.core.bucket);

  it('fails only LOG-006 on the trail bucket and the shared access-log bucket, both suppressed with a reason', () => {
    const expected: RuleAt[] = [
      ['LOG-006', sharedAccessLogs],
      ['LOG-006', trailBucket],
    ];
    expect(findingsWith(report, 'fail')).toEqual(sorted(expected));
    const suppressed = suppressedIn(stack);
    expect(suppressed.map(([rule, address]) => [rule, address])).toEqual(sorted(expected));
    expect(suppressed.every(([, , reason]) => reason.length > 80)).toBe(true);
  });

  it('leaves nothing known only after apply', () => {
    expect(findingsWith(report, 'unknown')).toEqual([]);
  });

  it('passes toPassPlanwarden, honouring the constructs’ suppressions', () => {
    expect(stack).toPassPlanwarden();
  });

  it('ran every family on it', () => {
    const families = new Set(report.checks.filter((c) => c.result === 'pass').map((c) => c.ruleId.split('-')[0]));
    expect([...families].sort()).toEqual(['BAA', 'ENC', 'IOT', 'LOG', 'TLS']);
    expect(report.summary.resources).toBeGreaterThan(60);
  });
});
