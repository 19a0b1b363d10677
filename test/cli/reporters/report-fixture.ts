/**
 * A hand-built Report for the reporter tests: one of each kind of finding (blocking fail,
 * advisory fail, tolerated unknown, waived with its waiver record), findings inside modules
 * whose for_each keys hold quotes and brackets, and one finding whose message is hostile to
 * every output format at once.
 */
import fc from 'fast-check';
import type { CheckRecord, Finding, Report, RuleSummary, WaiverRecord, WaiverReport } from '../../../policies/engine/types';

/** Everything that has broken a CI format somewhere, in one string (plus a long tail). */
export const HOSTILE_TEXT =
  'Bucket <script>alert(1)</script> ]]> 100% done\r\n::error::injected `rm -rf /` <!-- hide --> ' +
  '@octocat [click](https://evil.example) {0} | pipe *bold* _em_ $x$ \u0000\u0007\u001b[31m red\u202Eevil\u202C ' +
  'x'.repeat(3000);

/**
 * Strings built from the characters that matter to some format, plus any Latin-1 character
 * (controls included). Cheaper than fast-check's 'binary' unit, which is slow to generate.
 */
export function hostileString(maxLength = 40): fc.Arbitrary<string> {
  const special = fc.constantFrom(
    '"', "'", '\\', '[', ']', '(', ')', '{', '}', '.', '`', '<', '>', '&', '%', ':', ',', '|', '@', '#', '*', '_', '$',
    '\r', '\n', '\t', '\u2028', '\u202E', '\uFFFE', '\uD83D\uDE00', '\uD800', '\uDC00', ']]>', '<!--', '::', '%0A',
  );
  const latin1 = fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 });
  return fc.string({ unit: fc.oneof(special, latin1), maxLength });
}

export const ADDRESSES = {
  /** for_each key `team "a"]` — an escaped quote and a closing bracket inside the key. */
  phiBucket: 'module.records["team \\"a\\"]"].aws_s3_bucket.phi[0]',
  logGroup: 'aws_cloudwatch_log_group.app',
  listener: 'module.edge.aws_lb_listener.https["443"]',
  notebook: 'module.legacy.aws_sagemaker_notebook_instance.lab',
  hostileBucket: 'aws_s3_bucket.hostile["a`b|c<d>@e%f,g:h"]',
  iotPolicy: 'aws_iot_policy.device',
  cleanBucket: 'aws_s3_bucket.clean',
} as const;

export const RULES: RuleSummary[] = [
  rule('BAA-001', 'baa', 'low', 'advisory', 'Only HIPAA-eligible services process ePHI', ['164.308(b)(1)']),
  rule('ENC-001', 'encryption', 'high', 'hard-mandatory', 'S3 buckets holding ePHI are encrypted with KMS', [
    '164.312(a)(2)(iv)',
    '164.312(e)(2)(ii)',
  ]),
  rule('IOT-001', 'iot', 'critical', 'hard-mandatory', 'IoT policies are scoped to their own thing', ['164.312(a)(1)']),
  rule('LOG-001', 'logging', 'medium', 'advisory', 'Log groups keep audit logs for six years', ['164.312(b)']),
  rule('TLS-001', 'transit', 'critical', 'soft-mandatory', 'Load balancer listeners use TLS 1.2 or later', [
    '164.312(e)(1)',
  ]),
];

function rule(
  id: string,
  family: RuleSummary['family'],
  severity: RuleSummary['severity'],
  enforcement: RuleSummary['enforcement'],
  title: string,
  hipaa: string[],
): RuleSummary {
  return {
    id,
    title,
    family,
    severity,
    enforcement,
    hipaa,
    resourceTypes: ['*'],
    params: {},
    rationale: `Rationale for ${id}.`,
    remediation: `Default remediation for ${id}.`,
  };
}

/** A finding of `ruleId` with the rule's metadata; `overrides` set what the case is about. */
export function makeFinding(ruleId: string, address: string, overrides: Partial<Finding> = {}): Finding {
  const ruleSummary = RULES.find((candidate) => candidate.id === ruleId);
  if (ruleSummary === undefined) throw new Error(`fixture has no rule ${ruleId}`);
  return {
    ruleId,
    family: ruleSummary.family,
    severity: ruleSummary.severity,
    enforcement: ruleSummary.enforcement,
    status: 'fail',
    address,
    resourceType: address.replace(/\[[^\]]*\]$/, '').split('.').slice(-2)[0],
    action: 'create',
    attribute: null,
    message: `${address} fails ${ruleId}.`,
    remediation: `Fix ${ruleId} on ${address}.`,
    hipaa: ruleSummary.hipaa,
    waiver: null,
    blocking: false,
    evidence: [],
    input: 'plans/prod.json',
    ...overrides,
  };
}

export const LEGACY_WAIVER: WaiverRecord = {
  rule: 'BAA-001',
  address: 'module.legacy.*',
  reason: 'Legacy lab decommissioned in Q3',
  expires: '2027-03-31',
  ticket: 'SEC-123',
  owner: 'data-platform',
  approver: 'ciso',
  source: 'config',
};

export const WEAKER_THAN_HIPAA = [
  'LOG-001 minRetentionDays is 365; HIPAA documentation retention asks for 2192 days (6 years).',
];

export const WAIVERS: WaiverReport[] = [
  { source: 'config', index: 0, record: LEGACY_WAIVER, state: 'active', matched: 1 },
  {
    source: 'config',
    index: 1,
    record: {
      rule: ['ENC-002', 'ENC-003'],
      address: 'module.old.*',
      reason: 'Old buckets migrate in Q1',
      expires: '2025-01-31',
      ticket: 'SEC-9',
      source: 'config',
    },
    state: 'expired',
    matched: 0,
  },
];

export function fixtureFindings(): Finding[] {
  return sortFindings([
    makeFinding('ENC-001', ADDRESSES.phiBucket, {
      blocking: true,
      attribute: 'rule.apply_server_side_encryption_by_default.sse_algorithm',
      message: `${ADDRESSES.phiBucket} has no server-side encryption configuration; set sse_algorithm to aws:kms.`,
      remediation: 'Add aws_s3_bucket_server_side_encryption_configuration with sse_algorithm = "aws:kms".',
    }),
    makeFinding('LOG-001', ADDRESSES.logGroup, {
      attribute: 'retention_in_days',
      message: `${ADDRESSES.logGroup} keeps logs for 30 days; keep them at least 2192 days.`,
      action: 'update',
    }),
    makeFinding('TLS-001', ADDRESSES.listener, {
      status: 'unknown',
      attribute: 'ssl_policy',
      message: `${ADDRESSES.listener} has an ssl_policy known only after apply.`,
    }),
    makeFinding('BAA-001', ADDRESSES.notebook, {
      status: 'waived',
      message: `${ADDRESSES.notebook} uses SageMaker notebooks for PHI without a documented BAA review.`,
      waiver: LEGACY_WAIVER,
    }),
    makeFinding('ENC-001', ADDRESSES.hostileBucket, {
      blocking: true,
      attribute: 'kms_master_key_id',
      message: HOSTILE_TEXT,
      remediation: `Remediate ${HOSTILE_TEXT.slice(0, 120)}`,
    }),
  ]);
}

export function fixtureChecks(findings: readonly Finding[]): CheckRecord[] {
  const fromFindings = findings.map((finding): CheckRecord => ({
    ruleId: finding.ruleId,
    address: finding.address,
    result: finding.status,
  }));
  const passes: CheckRecord[] = [
    { ruleId: 'ENC-001', address: ADDRESSES.cleanBucket, result: 'pass' },
    { ruleId: 'IOT-001', address: ADDRESSES.iotPolicy, result: 'pass' },
    { ruleId: 'LOG-001', address: 'module.edge.aws_cloudwatch_log_group.alb', result: 'pass' },
    { ruleId: 'TLS-001', address: 'module.edge.aws_lb_listener.https["8443"]', result: 'pass' },
  ];
  return [...fromFindings, ...passes].sort(
    (a, b) => compare(a.ruleId, b.ruleId) || compare(a.address, b.address),
  );
}

export function buildReport(overrides: Partial<Report> = {}): Report {
  const findings = overrides.findings ?? fixtureFindings();
  const checks = overrides.checks ?? fixtureChecks(findings);
  return {
    schemaVersion: 1,
    tool: { name: 'planwarden', version: '0.1.0' },
    inputs: [
      { path: 'plans/prod.json', kind: 'plan', terraformVersion: '1.9.5', formatVersion: '1.2', resources: 7 },
    ],
    summary: {
      resources: 7,
      checks: checks.length,
      failed: findings.filter((finding) => finding.status === 'fail').length,
      unknown: findings.filter((finding) => finding.status === 'unknown').length,
      waived: findings.filter((finding) => finding.status === 'waived').length,
      blocking: findings.filter((finding) => finding.blocking).length,
    },
    findings,
    weakerThanHipaa: WEAKER_THAN_HIPAA,
    notices: ['Waiver for ENC-002 on module.old.* expired on 2025-01-31 (SEC-9); it no longer waives.'],
    waivers: WAIVERS,
    checks,
    rules: RULES,
    unknownPolicy: 'warn',
    ...overrides,
  };
}

/** The engine's order: address, then rule id. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => compare(a.address, b.address) || compare(a.ruleId, b.ruleId));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
