import { awsServiceCatalog, hipaaEligibleList } from '../../../policies/data/catalog';
import { phiScopeFrom } from '../../../policies/engine/config/scope';
import { validateConfig } from '../../../policies/engine/config/validate';
import { eligibleServices } from '../../../policies/rules/baa/eligible-services';
import { NOT_ELIGIBLE_IDS } from '../../../policies/rules/baa/list';
import { plan } from '../../support/plan-builder';
import { runRule, ruleTester } from '../../support/rule-tester';

const FIXTURE = { file: `${__dirname}/../../fixtures/plans/baa-services.json` };
const CORPUS_LIGHTSAIL = { file: '/work/shared/corpus/plans/checkov-lightsail-container.json' };
const LIGHTSAIL = 'aws_lightsail_instance';
const CCAPI = 'aws_cloudcontrolapi_resource';
const DATE = hipaaEligibleList.sourceDate;

const byTag = { phiScope: phiScopeFrom({ all: false, tags: { DataClassification: ['PHI', 'ePHI'] }, modules: [] }) };
const byModule = { phiScope: phiScopeFrom({ all: false, tags: {}, modules: ['module.records'] }) };
const byTagOrModule = { phiScope: phiScopeFrom({ all: false, tags: { DataClassification: ['PHI', 'ePHI'] }, modules: ['module.records'] }) };

/** A CDKTF synth document (cdk.tf.json): literal values, provider default_tags as written. */
const cdktf = {
  '//': { metadata: { stackName: 'records' } },
  terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' } } },
  provider: { aws: [{ region: 'us-east-1', default_tags: [{ tags: { DataClassification: 'PHI' } }] }] },
  resource: {
    aws_lightsail_bucket: { uploads: { name: 'patient-uploads', bundle_id: 'small_1_0' } },
    aws_s3_bucket: { records: { bucket: 'patient-records' } },
  },
};

ruleTester(eligibleServices, {
  valid: [
    { name: 'eligible service (S3)', plan: plan().resource('aws_s3_bucket', 'phi', { values: { bucket: 'phi' } }) },
    { name: 'eligible service by exact type (aws_instance is EC2)', plan: plan().resource('aws_instance', 'app', { values: { instance_type: 't3.small' } }) },
    { name: 'control-plane resource (IAM role) tagged PHI', options: byTag, plan: plan().resource('aws_iam_role', 'app', { values: { name: 'app', tags: { DataClassification: 'PHI' } } }) },
    { name: 'control-plane subset of an eligible service (security group)', plan: plan().resource('aws_security_group', 'web', { values: { name: 'web' } }) },
    { name: 'a newer type under a known prefix keeps its service', plan: plan().resource('aws_s3_bucket_new_thing', 'x', { values: {} }) },
    {
      name: 'non-AWS providers are skipped',
      plan: plan().resource('random_id', 'suffix', { values: { byte_length: 4 } }).resource('null_resource', 'hook', { values: {} }).resource('tls_private_key', 'k', { values: {} }),
    },
    { name: 'data sources are not checked', plan: plan().resource(LIGHTSAIL, 'existing', { mode: 'data', values: { name: 'legacy' } }) },
    { name: 'a not-eligible resource being deleted is not checked', plan: plan().resource(LIGHTSAIL, 'gone', { action: 'delete', before: { name: 'gone' } }) },
    { name: 'not eligible but out of PHI scope: no PHI tag', options: byTag, plan: plan().resource(LIGHTSAIL, 'blog', { values: { name: 'blog', tags: { DataClassification: 'Public' } } }) },
    {
      name: 'not eligible but out of PHI scope: provider default_tags say Public',
      options: byTag,
      plan: plan().defaultTags({ DataClassification: 'Public' }).resource(LIGHTSAIL, 'blog', { values: { name: 'blog', tags: null } }),
    },
    { name: 'not eligible but outside the PHI module', options: byModule, plan: plan().resource(LIGHTSAIL, 'blog', { module: 'module.marketing', values: { name: 'blog' } }) },
    { name: 'allowServices accepts a service the organisation has its own agreement for', params: { allowServices: ['lightsail'] }, plan: plan().resource(LIGHTSAIL, 'app', { values: { name: 'app' } }) },
    { name: 'Cloud Control creating an eligible type (AWS::S3::Bucket)', plan: plan().resource(CCAPI, 'bucket', { values: { type_name: 'AWS::S3::Bucket', desired_state: '{}' } }) },
    { name: 'Cloud Control creating a control-plane type (AWS::IAM::Role)', plan: plan().resource(CCAPI, 'role', { values: { type_name: 'AWS::IAM::Role', desired_state: '{}' } }) },
    { name: 'awscc provider: an eligible type (awscc_s3_bucket)', plan: plan().resource('awscc_s3_bucket', 'b', { values: { bucket_name: 'b' } }) },
    {
      name: 'real plan, scope by tag or module: eligible and control-plane resources, and not-eligible ones without PHI',
      options: byTagOrModule,
      plan: FIXTURE,
      addresses: [
        'aws_s3_bucket.phi_records_ok',
        'aws_s3_bucket.public_assets',
        'aws_dynamodb_table.phi_encounters_ok',
        'aws_sqs_queue.untagged_ok',
        'aws_iam_role.app_phi_tagged',
        'aws_vpc.main',
        'aws_route_table.private',
        'module.records.aws_dynamodb_table.records_ok',
        'module.records.aws_sqs_queue.records_events_ok',
        'aws_lightsail_instance.marketing_site_untagged',
        'aws_gamelift_fleet.untagged_fleet',
      ],
    },
    { name: 'real plan: the whole plan passes with GameLift and Lightsail accepted', params: { allowServices: ['gamelift', 'lightsail'] }, plan: FIXTURE },
  ],
  invalid: [
    {
      name: 'not eligible, every resource in scope by default: names the service, the list and its date, and the alternative',
      plan: plan().resource(LIGHTSAIL, 'portal', { values: { name: 'portal' } }),
      findings: [
        {
          address: `${LIGHTSAIL}.portal`,
          message: new RegExp(`uses Amazon Lightsail, which is not on AWS's HIPAA Eligible Services Reference \\(last updated ${DATE}\\).*Use Amazon EC2 .*instead\\. PHI scope: every resource is in PHI scope`),
        },
      ],
    },
    {
      name: 'in PHI scope by its own tag',
      options: byTag,
      plan: plan().resource(LIGHTSAIL, 'portal', { values: { name: 'portal', tags: { DataClassification: 'PHI' } } }),
      findings: [{ address: `${LIGHTSAIL}.portal`, message: 'PHI scope: tags: DataClassification=PHI (phiScope.tags)' }],
    },
    {
      name: 'in PHI scope by provider default_tags (no tags_all in the plan)',
      options: byTag,
      plan: plan().defaultTags({ DataClassification: 'ePHI' }).resource('aws_gamelift_build', 'b', { values: { name: 'b', tags: null } }),
      findings: [{ address: 'aws_gamelift_build.b', message: 'PHI scope: tags + provider default_tags: DataClassification=ePHI' }],
    },
    {
      name: 'in PHI scope by tags_all',
      options: byTag,
      plan: plan().resource('aws_apprunner_service', 'api', { values: { tags: null, tags_all: { DataClassification: 'PHI' } } }),
      findings: [{ address: 'aws_apprunner_service.api', message: /AWS App Runner.*tags_all: DataClassification=PHI/ }],
    },
    {
      name: 'tags known only after apply count as PHI',
      options: byTag,
      plan: plan().resource(LIGHTSAIL, 'portal', { values: { name: 'portal' }, unknown: ['tags', 'tags_all'], refs: { tags: ['var.tags'] } }),
      findings: [{ address: `${LIGHTSAIL}.portal`, message: 'tags are known only after apply; treated as PHI' }],
    },
    {
      name: 'in PHI scope by module path, with for_each instances',
      options: byModule,
      plan: plan()
        .moduleCall('module.records', { iterate: ['var.sites'] })
        .resource(LIGHTSAIL, 'viewer', { module: 'module.records["east"]', values: { name: 'east' } })
        .resource(LIGHTSAIL, 'viewer', { module: 'module.records["west"]', values: { name: 'west' } }),
      findings: [
        { address: `module.records["east"].${LIGHTSAIL}.viewer`, message: 'in module module.records (phiScope.modules)' },
        { address: `module.records["west"].${LIGHTSAIL}.viewer`, message: 'in module module.records (phiScope.modules)' },
      ],
    },
    {
      name: 'count instances and a no-op (already applied) resource are all checked',
      plan: plan()
        .resource('aws_simpledb_domain', 'd', { index: 0, values: { name: 'd0' } })
        .resource('aws_simpledb_domain', 'd', { index: 1, values: { name: 'd1' }, action: 'no-op' }),
      findings: [
        { address: 'aws_simpledb_domain.d[0]', message: 'Use Amazon DynamoDB instead' },
        { address: 'aws_simpledb_domain.d[1]', message: 'Amazon SimpleDB' },
      ],
    },
    {
      name: 'a service with no alternative in the data still fails, without an alternative sentence',
      plan: plan().resource('aws_signer_signing_profile', 'p', { values: { platform_id: 'AWSLambda-SHA384-ECDSA' } }),
      findings: [{ address: 'aws_signer_signing_profile.p', message: /AWS Signer, which is not on .*under the AWS BAA\. PHI scope/ }],
    },
    {
      name: 'allowServices for another service does not accept this one',
      params: { allowServices: ['gamelift'] },
      plan: plan().resource(LIGHTSAIL, 'portal', { values: { name: 'portal' } }),
      findings: [{ address: `${LIGHTSAIL}.portal` }],
    },
    {
      name: 'an unclassified type (a newer provider) is unknown, never passed',
      plan: plan().resource('aws_futureservice_widget', 'w', { values: { name: 'w' } }),
      findings: [{ address: 'aws_futureservice_widget.w', status: 'unknown', message: "resource type aws_futureservice_widget is not in planwarden's service map (hashicorp/aws 5.100.0" }],
    },
    {
      name: 'Cloud Control creating a Lightsail instance fails on type_name',
      plan: plan().resource(CCAPI, 'sneaky', { values: { type_name: 'AWS::Lightsail::Instance', desired_state: '{"InstanceName":"x"}' } }),
      findings: [{ address: `${CCAPI}.sneaky`, attribute: 'type_name', message: 'uses Amazon Lightsail (type_name "AWS::Lightsail::Instance")' }],
    },
    {
      name: 'Cloud Control creating Simple AD (an excluded feature with its own CloudFormation type)',
      plan: plan().resource(CCAPI, 'dir', { values: { type_name: 'AWS::DirectoryService::SimpleAD', desired_state: '{}' } }),
      findings: [{ address: `${CCAPI}.dir`, attribute: 'type_name', message: 'Use AWS Managed Microsoft AD (AWS Directory Service) instead' }],
    },
    {
      name: 'Cloud Control with type_name known only after apply is unknown',
      plan: plan().resource(CCAPI, 'generic', { values: { desired_state: '{}' }, unknown: ['type_name'], refs: { type_name: ['var.type_name'] } }),
      findings: [{ address: `${CCAPI}.generic`, status: 'unknown', attribute: 'type_name', message: 'type_name is known only after apply' }],
    },
    {
      name: 'Cloud Control with an unmapped CloudFormation type is unknown',
      plan: plan().resource(CCAPI, 'future', { values: { type_name: 'AWS::FutureService::Widget', desired_state: '{}' } }),
      findings: [{ address: `${CCAPI}.future`, status: 'unknown', attribute: 'type_name', message: 'type_name "AWS::FutureService::Widget" is not in planwarden\'s service map' }],
    },
    {
      name: 'awscc provider: not-eligible types fail through their CloudFormation type',
      plan: plan().resource('awscc_lightsail_instance', 'i', { values: { instance_name: 'i' } }).resource('awscc_directoryservice_simple_ad', 'ad', { values: { name: 'corp.example.com' } }),
      findings: [
        { address: 'awscc_lightsail_instance.i', message: 'uses Amazon Lightsail (resource type awscc_lightsail_instance (CloudFormation AWS::lightsail::instance))' },
        { address: 'awscc_directoryservice_simple_ad.ad', message: 'Simple AD (AWS Directory Service)' },
      ],
    },
    {
      name: 'awscc provider: an unmapped namespace is unknown',
      plan: plan().resource('awscc_futureservice_widget', 'w', { values: {} }),
      findings: [{ address: 'awscc_futureservice_widget.w', status: 'unknown' }],
    },
    {
      name: 'CDKTF synth: a Lightsail bucket in PHI scope by the provider default_tags',
      options: byTag,
      plan: cdktf,
      findings: [{ address: 'aws_lightsail_bucket.uploads', message: /Amazon Lightsail object storage.*Use Amazon S3 instead.*tags \+ provider default_tags: DataClassification=PHI/ }],
    },
    {
      name: 'real plan, every resource in scope: both Lightsail instances, both GameLift resources and the Lightsail instance in the module',
      plan: FIXTURE,
      findings: [
        { address: 'aws_lightsail_instance.phi_app_not_eligible_bad', message: 'Amazon Lightsail' },
        { address: 'aws_lightsail_instance.marketing_site_untagged', message: 'Amazon Lightsail' },
        { address: 'aws_gamelift_build.phi_game_build_not_eligible_bad', message: 'Amazon GameLift' },
        { address: 'aws_gamelift_fleet.untagged_fleet', message: 'Amazon GameLift' },
        { address: 'module.records.aws_lightsail_instance.records_viewer_not_eligible_bad', message: 'Amazon Lightsail' },
      ],
    },
    {
      name: 'real plan, scope by tag: the PHI-tagged instance and the build PHI only through the aliased provider default_tags',
      options: byTag,
      plan: FIXTURE,
      findings: [
        { address: 'aws_lightsail_instance.phi_app_not_eligible_bad', message: 'tags_all: DataClassification=PHI (phiScope.tags)' },
        { address: 'aws_gamelift_build.phi_game_build_not_eligible_bad', message: 'tags_all: DataClassification=PHI (phiScope.tags)' },
      ],
    },
    {
      name: 'real plan, scope by module: only the Lightsail instance in module.records',
      options: byModule,
      plan: FIXTURE,
      findings: [{ address: 'module.records.aws_lightsail_instance.records_viewer_not_eligible_bad', message: 'in module module.records (phiScope.modules)' }],
    },
    {
      name: 'corpus plan (checkov): Lightsail container service and its deployment',
      plan: CORPUS_LIGHTSAIL,
      findings: [
        { address: 'aws_lightsail_container_service.example', message: /Amazon Lightsail container services.*Use Amazon ECS on AWS Fargate instead/ },
        { address: 'aws_lightsail_container_service_deployment_version.example', message: 'Amazon Lightsail container services' },
      ],
    },
  ],
});

describe('BAA-001 metadata comes from the data', () => {
  it('allowServices accepts exactly the not-eligible service ids', () => {
    const notEligible = awsServiceCatalog.services.filter((s) => s.eligibility === 'not-eligible').map((s) => s.id).sort();
    expect(eligibleServices.params.allowServices.allowed).toEqual(notEligible);
    expect(NOT_ELIGIBLE_IDS).toContain('lightsail');
    expect(NOT_ELIGIBLE_IDS).not.toContain('s3');
  });

  it('the remediation lists every not-eligible service that has an alternative, with it', () => {
    const withAlternative = awsServiceCatalog.services.filter((s) => s.eligibility === 'not-eligible' && s.alternative !== undefined);
    expect(withAlternative.length).toBeGreaterThan(10);
    for (const s of withAlternative) expect(eligibleServices.remediation).toContain(`${s.name} → ${s.alternative}`);
  });

  it('the rationale names the list, its address and its date', () => {
    expect(eligibleServices.rationale).toContain(hipaaEligibleList.source);
    expect(eligibleServices.rationale).toContain(`last updated ${DATE}`);
    expect(eligibleServices.docs?.anchors?.join(' ')).toContain(DATE);
  });

  it('a finding carries how PHI scope was decided', () => {
    const [finding] = runRule(eligibleServices, plan().resource(LIGHTSAIL, 'p', { values: { tags: { DataClassification: 'PHI' } } }), {}, byTag);
    expect(finding.scope).toBe('tags: DataClassification=PHI (phiScope.tags)');
    expect(finding.severity).toBe('critical');
    expect(finding.blocking).toBe(true);
  });
});

describe('BAA-001 allowServices is validated against the data', () => {
  const config = (allowServices: unknown) => ({ rules: { 'BAA-001': { params: { allowServices } } } });
  it('accepts a not-eligible service id', () => {
    expect(() => validateConfig(config(['lightsail', 'gamelift']), 'planwarden.config.json', [eligibleServices])).not.toThrow();
  });
  it.each([[['lightsale']], [['s3']], ['lightsail']])('refuses %j', (value) => {
    expect(() => validateConfig(config(value), 'planwarden.config.json', [eligibleServices])).toThrow(/allowServices/);
  });
});
