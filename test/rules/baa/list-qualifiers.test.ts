import { awsServiceCatalog, hipaaEligibleList } from '../../../policies/data/catalog';
import { phiScopeFrom } from '../../../policies/engine/config/scope';
import { listQualifiers } from '../../../policies/rules/baa/list-qualifiers';
import { listQualifiers as qualifiersOf } from '../../../policies/rules/baa/qualifiers/qualifier';
import { RDS_LIST_NAME, RDS_QUALIFIER } from '../../../policies/rules/baa/qualifiers/rds-engines';
import { plan } from '../../support/plan-builder';
import { runRule, ruleTester } from '../../support/rule-tester';

const FIXTURE = { file: `${__dirname}/../../fixtures/plans/baa-qualifiers.json` };
const DIRECTORY = 'aws_directory_service_directory';
const PHONE = 'aws_pinpointsmsvoicev2_phone_number';
const FLOW = 'aws_sagemaker_flow_definition';
const MTURK = 'arn:aws:sagemaker:us-east-1:394669845002:workteam/public-crowd/default';
const byTag = { phiScope: phiScopeFrom({ all: false, tags: { DataClassification: ['PHI'] }, modules: [] }) };
const byModule = { phiScope: phiScopeFrom({ all: false, tags: {}, modules: ['module.identity'] }) };

const loop = (workteam: string | undefined, extra: Record<string, unknown> = {}) => ({
  human_loop_config: [{ task_count: 1, task_title: 'Review', ...(workteam !== undefined ? { workteam_arn: workteam } : {}), public_workforce_task_price: [], ...extra }],
});

ruleTester(listQualifiers, {
  valid: [
    { name: 'AWS Managed Microsoft AD', plan: plan().resource(DIRECTORY, 'corp', { values: { name: 'corp', type: 'MicrosoftAD' } }) },
    { name: 'AD Connector', plan: plan().resource(DIRECTORY, 'corp', { values: { name: 'corp', type: 'ADConnector' } }) },
    { name: 'Simple AD out of PHI scope (tagged Public)', options: byTag, plan: plan().resource(DIRECTORY, 'lab', { values: { type: 'SimpleAD', tags: { DataClassification: 'Public' } } }) },
    { name: 'Simple AD outside the PHI module', options: byModule, plan: plan().resource(DIRECTORY, 'lab', { module: 'module.lab', values: { type: 'SimpleAD' } }) },
    { name: 'an SMS-only phone number', plan: plan().resource(PHONE, 'sms', { values: { number_capabilities: ['SMS', 'MMS'] } }) },
    { name: 'a private work team by literal ARN', plan: plan().resource(FLOW, 'f', { values: loop('arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/clinicians') }) },
    {
      name: 'a private work team created in the plan (ARN known only after apply)',
      plan: plan()
        .resource('aws_sagemaker_workteam', 'clinicians', { values: { workteam_name: 'clinicians' }, unknown: ['arn'] })
        .resource(FLOW, 'f', { values: loop(undefined), unknown: ['human_loop_config.0.workteam_arn'], refs: { 'human_loop_config.workteam_arn': ['aws_sagemaker_workteam.clinicians.arn', 'aws_sagemaker_workteam.clinicians'] } }),
    },
    ...['postgres', 'mysql', 'mariadb', 'oracle-ee-cdb', 'oracle-se2', 'sqlserver-se', 'sqlserver-ex', 'db2-se', 'custom-oracle-ee', 'custom-sqlserver-web'].map((engine) => ({
      name: `RDS engine ${engine}`,
      plan: plan().resource('aws_db_instance', 'db', { values: { engine } }),
    })),
    { name: 'Aurora MySQL and PostgreSQL clusters and instances', plan: plan().resource('aws_rds_cluster', 'a', { values: { engine: 'aurora-mysql' } }).resource('aws_rds_cluster_instance', 'a', { values: { engine: 'aurora-postgresql' } }) },
    {
      name: 'a read replica takes its engine from the source (unknown engine)',
      plan: plan().resource('aws_db_instance', 'primary', { values: { engine: 'postgres' }, unknown: ['identifier'] }).resource('aws_db_instance', 'replica', {
        unknown: ['engine', 'replicate_source_db'],
        refs: { replicate_source_db: ['aws_db_instance.primary.identifier', 'aws_db_instance.primary'] },
      }),
    },
    { name: 'a global cluster made from an existing cluster (engine computed)', plan: plan().resource('aws_rds_global_cluster', 'g', { values: { source_db_cluster_identifier: 'arn:aws:rds:us-east-1:111122223333:cluster:records' }, unknown: ['engine'] }) },
    {
      name: 'real plan, scope by tag: Microsoft AD, SMS-only, private team, RDS; untagged Simple AD and vendor team are out of scope',
      options: byTag,
      plan: FIXTURE,
      addresses: [
        `${DIRECTORY}.microsoft_ad_ok`,
        `${DIRECTORY}.default_type_bad`,
        `${PHONE}.sms_only_ok`,
        `${FLOW}.private_team_ok`,
        `${FLOW}.vendor_crowd_bad`,
        'aws_db_instance.postgres_ok',
        'aws_db_instance.replica_ok',
        'aws_rds_cluster.aurora_ok',
        'aws_rds_cluster_instance.aurora_ok',
      ],
    },
  ],
  invalid: [
    {
      name: 'Simple AD: names the service, the list, the qualifier and the way out',
      plan: plan().resource(DIRECTORY, 'corp', { values: { name: 'corp', type: 'SimpleAD' } }),
      findings: [
        {
          address: `${DIRECTORY}.corp`,
          attribute: 'type',
          message: new RegExp(`sets type = "SimpleAD": AWS Directory Service is on AWS's HIPAA Eligible Services Reference \\(last updated ${hipaaEligibleList.sourceDate}\\), but the list qualifies it: "AWS Directory Service excludes Simple AD"`),
        },
      ],
    },
    {
      name: 'a CDKTF-style directory without type is Simple AD (the provider default)',
      plan: plan().resource(DIRECTORY, 'corp', { values: { name: 'corp' } }),
      findings: [{ address: `${DIRECTORY}.corp`, attribute: 'type', message: 'leaves type unset (the provider default is "SimpleAD")' }],
    },
    {
      name: 'directory type known only after apply',
      plan: plan().resource(DIRECTORY, 'corp', { values: { name: 'corp' }, unknown: ['type'], refs: { type: ['var.directory_type'] } }),
      findings: [{ address: `${DIRECTORY}.corp`, status: 'unknown', attribute: 'type', message: 'cannot tell whether it uses a feature' }],
    },
    {
      name: 'in PHI scope by tag, reason carried',
      options: byTag,
      plan: plan().resource(DIRECTORY, 'corp', { values: { type: 'SimpleAD', tags: { DataClassification: 'PHI' } } }),
      findings: [{ address: `${DIRECTORY}.corp`, message: 'PHI scope: tags: DataClassification=PHI (phiScope.tags).' }],
    },
    {
      name: 'in PHI scope by module path',
      options: byModule,
      plan: plan().resource(DIRECTORY, 'corp', { module: 'module.identity', values: { type: 'SimpleAD' } }),
      findings: [{ address: `module.identity.${DIRECTORY}.corp`, message: 'in module module.identity (phiScope.modules)' }],
    },
    {
      name: 'a VOICE-capable phone number',
      plan: plan().resource(PHONE, 'line', { values: { number_capabilities: ['SMS', 'VOICE'] } }),
      findings: [{ address: `${PHONE}.line`, attribute: 'number_capabilities', message: 'excludes Voice Message capabilities' }],
    },
    {
      name: 'the public workforce (Mechanical Turk) by ARN',
      plan: plan().resource(FLOW, 'f', { values: loop(MTURK) }),
      findings: [{ address: `${FLOW}.f`, attribute: 'human_loop_config[0].workteam_arn', message: 'Public Workforce (Amazon Mechanical Turk)' }],
    },
    {
      name: 'a public workforce task price, whatever the ARN shows',
      plan: plan().resource(FLOW, 'f', { values: loop(undefined, { public_workforce_task_price: [{ amount_in_usd: [{ cents: 1 }] }] }), unknown: ['human_loop_config.0.workteam_arn'] }),
      findings: [{ address: `${FLOW}.f`, attribute: 'human_loop_config[0].public_workforce_task_price', message: 'excludes Public Workforce and Vendor Workforce' }],
    },
    {
      name: 'a vendor workforce',
      plan: plan().resource(FLOW, 'f', { values: loop('arn:aws:sagemaker:us-east-1:444455556666:workteam/vendor-crowd/acme-labeling') }),
      findings: [{ address: `${FLOW}.f`, message: 'Vendor Workforce' }],
    },
    {
      name: 'a work team ARN known only after apply with nothing to follow',
      plan: plan().resource(FLOW, 'f', { values: loop(undefined), unknown: ['human_loop_config.0.workteam_arn'] }),
      findings: [{ address: `${FLOW}.f`, status: 'unknown', message: 'cannot tell whether the work team is private' }],
    },
    {
      name: 'an engine planwarden cannot place under the list (unknown, not fail)',
      plan: plan().resource('aws_db_instance', 'db', { values: { engine: 'timescaledb' } }),
      findings: [{ address: 'aws_db_instance.db', status: 'unknown', attribute: 'engine', message: `engine "timescaledb" is not one planwarden can place under the list's RDS qualifier ("${RDS_QUALIFIER}"` }],
    },
    {
      name: 'an engine known only after apply with no source to inherit it from',
      plan: plan().resource('aws_rds_cluster', 'c', { unknown: ['engine'], refs: { engine: ['terraform_data.engine.output'] } }),
      findings: [{ address: 'aws_rds_cluster.c', status: 'unknown', message: 'engine is known only after apply' }],
    },
    {
      name: 'real plan, every resource in scope: explicit and default Simple AD, a VOICE number, public and vendor workforces',
      plan: FIXTURE,
      findings: [
        { address: `${DIRECTORY}.simple_ad_bad`, attribute: 'type' },
        { address: `${DIRECTORY}.default_type_bad`, attribute: 'type' },
        { address: `${PHONE}.voice_bad`, attribute: 'number_capabilities' },
        { address: `${FLOW}.public_crowd_bad`, message: 'Public Workforce' },
        { address: `${FLOW}.vendor_crowd_bad`, message: 'Vendor Workforce' },
      ],
    },
    {
      name: 'real plan, scope by tag: only the PHI-tagged ones',
      options: byTag,
      plan: FIXTURE,
      findings: [
        { address: `${DIRECTORY}.simple_ad_bad`, message: 'tags_all: DataClassification=PHI' },
        { address: `${PHONE}.voice_bad` },
        { address: `${FLOW}.public_crowd_bad` },
      ],
    },
  ],
});

describe('BAA-002 follows the data', () => {
  it('runs on every resource type the data records a feature exclusion for', () => {
    const types = awsServiceCatalog.services.flatMap((s) => s.featureExclusions.map((e) => e.resourceType));
    expect(types.length).toBeGreaterThan(0);
    for (const type of types) expect(listQualifiers.resourceTypes).toContain(type);
  });

  it('the RDS engine table was written for the qualifier the list carries today', () => {
    // When AWS changes the RDS qualifier, review COVERED_ENGINES in rds-engines.ts and update RDS_QUALIFIER.
    expect(qualifiersOf(RDS_LIST_NAME)).toEqual([RDS_QUALIFIER]);
  });

  it('the workforce check quotes the list', () => {
    expect(qualifiersOf('Amazon Augmented AI').join(' ')).toMatch(/Public Workforce and Vendor Workforce/);
    const [finding] = runRule(listQualifiers, plan().resource(FLOW, 'f', { values: loop(MTURK) }));
    expect(finding.message).toContain(`"${qualifiersOf('Amazon Augmented AI')[0]}"`);
  });

  it('the rationale quotes every qualifier of the list and says why there is no Region rule', () => {
    for (const s of hipaaEligibleList.services) for (const q of s.qualifiers) expect(listQualifiers.rationale).toContain(q);
    expect(listQualifiers.rationale).toMatch(/no Region qualifiers.*so there is no Region rule/);
  });
});
