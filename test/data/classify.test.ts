import * as fs from 'fs';
import * as path from 'path';
import { classifyCloudFormationType, classifyResourceType } from '../../policies/data/classify';
import { awsServiceCatalog, hipaaEligibleList } from '../../policies/data/catalog';

/**
 * Every resource and data-source type of @cdktf/provider-aws (generated from hashicorp/aws 5.100.0).
 * Each lib/<dir> holds one generated class whose static tfResourceType names the Terraform type;
 * reading the text is enough, and far cheaper than importing 2,000 modules.
 */
function providerTypes(): { resources: string[]; dataSources: string[]; misnamed: string[] } {
  const lib = path.join(path.dirname(require.resolve('@cdktf/provider-aws/package.json')), 'lib');
  const resources: string[] = [];
  const dataSources: string[] = [];
  const misnamed: string[] = [];
  for (const entry of fs.readdirSync(lib, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'provider') continue;
    const source = fs.readFileSync(path.join(lib, entry.name, 'index.js'), 'latin1');
    const match = /\.tfResourceType = "(aws_[a-z0-9_]+)"/.exec(source);
    if (match === null) throw new Error(`no tfResourceType in lib/${entry.name}/index.js`);
    const type = match[1];
    const isDataSource = entry.name.startsWith('data-aws-');
    // lib/s3-bucket is aws_s3_bucket and lib/data-aws-s3-bucket its data source: a folder that
    // disagrees with its class would mean this enumeration reads the wrong thing.
    const expectedFolder = isDataSource ? `data-${type.replace(/_/g, '-')}` : type.slice('aws_'.length).replace(/_/g, '-');
    if (entry.name !== expectedFolder) misnamed.push(`lib/${entry.name} declares ${type}`);
    (isDataSource ? dataSources : resources).push(type);
  }
  return { resources, dataSources, misnamed };
}

describe('every type of the AWS provider is classified', () => {
  const { resources, dataSources, misnamed } = providerTypes();

  it('reads the whole provider (1526 resource types, 608 data sources in 5.100.0)', () => {
    expect(misnamed).toEqual([]);
    expect(resources).toHaveLength(1526);
    expect(dataSources).toHaveLength(608);
  });

  it('leaves no resource type unclassified', () => {
    expect(resources.filter((type) => classifyResourceType(type) === undefined)).toEqual([]);
  });

  it('leaves no data source unclassified', () => {
    expect(dataSources.filter((type) => classifyResourceType(type) === undefined)).toEqual([]);
  });

  it('uses every prefix and exact type of the data (no dead entries)', () => {
    const known = [...resources, ...dataSources];
    const matchesSomething = (prefix: string): boolean => known.some((type) => type === prefix || type.startsWith(`${prefix}_`));
    const dead: string[] = [];
    for (const service of awsServiceCatalog.services) {
      const prefixes = [...service.prefixes, ...(service.controlPlane?.prefixes ?? [])];
      const exactTypes = [...service.exactTypes, ...(service.controlPlane?.exactTypes ?? [])];
      dead.push(...prefixes.filter((prefix) => !matchesSomething(prefix)).map((prefix) => `${service.id}: prefix ${prefix}`));
      dead.push(...exactTypes.filter((type) => !known.includes(type)).map((type) => `${service.id}: type ${type}`));
    }
    expect(dead).toEqual([]);
  });
});

describe('spot checks', () => {
  it.each([
    ['aws_s3_bucket', 's3', 'eligible'],
    ['aws_s3_bucket_server_side_encryption_configuration', 's3', 'eligible'],
    ['aws_iam_role', 'iam', 'control-plane'],
    ['aws_iam_policy_document', 'iam', 'control-plane'],
    ['aws_db_instance', 'rds', 'eligible'],
    ['aws_rds_cluster', 'rds', 'eligible'],
    ['aws_lb_listener', 'elb', 'eligible'],
    ['aws_alb_target_group', 'elb', 'eligible'],
    ['aws_elb', 'elb', 'eligible'],
    ['aws_app_cookie_stickiness_policy', 'elb', 'eligible'],
    ['aws_iot_policy', 'iot-core', 'eligible'],
    ['aws_iot_thing_group', 'iot-device-management', 'eligible'],
    ['aws_security_group', 'vpc', 'control-plane'],
    ['aws_vpc_security_group_ingress_rule', 'vpc', 'control-plane'],
    ['aws_route_table', 'vpc', 'control-plane'],
    ['aws_default_security_group', 'vpc', 'control-plane'],
    ['aws_default_vpc', 'vpc', 'eligible'],
    ['aws_nat_gateway', 'vpc', 'eligible'],
    ['aws_ec2_transit_gateway_vpc_attachment', 'vpc', 'eligible'],
    ['aws_ec2_tag', 'ec2', 'control-plane'],
    ['aws_ec2_carrier_gateway', 'wavelength', 'not-eligible'],
    ['aws_ec2_local_gateway_route_table_vpc_association', 'outposts', 'control-plane'],
    ['aws_vpclattice_service', 'vpc-lattice', 'not-eligible'],
    ['aws_route53_zone', 'route53', 'eligible'],
    ['aws_cloudwatch_log_group', 'cloudwatch-logs', 'eligible'],
    ['aws_cloudwatch_query_definition', 'cloudwatch-logs', 'eligible'],
    ['aws_cloudwatch_event_rule', 'eventbridge', 'eligible'],
    ['aws_cloudwatch_metric_alarm', 'cloudwatch', 'eligible'],
    ['aws_kinesis_firehose_delivery_stream', 'data-firehose', 'eligible'],
    ['aws_kinesis_analytics_application', 'managed-flink', 'eligible'],
    ['aws_s3control_bucket', 's3-on-outposts', 'eligible'],
    ['aws_s3control_access_grant', 's3', 'eligible'],
    ['aws_s3tables_table_bucket', 's3-tables', 'eligible'],
    ['aws_ssm_parameter', 'systems-manager', 'eligible'],
    ['aws_sns_topic', 'sns', 'eligible'],
    ['aws_lambda_function', 'lambda', 'eligible'],
    ['aws_eks_fargate_profile', 'fargate', 'eligible'],
    ['aws_sagemaker_flow_definition', 'augmented-ai', 'eligible'],
    ['aws_networkmanager_site', 'network-manager', 'control-plane'],
    ['aws_networkmanager_core_network', 'cloud-wan', 'not-eligible'],
    ['aws_dsql_cluster', 'aurora-dsql', 'not-eligible'],
    ['aws_neptunegraph_graph', 'neptune-analytics', 'not-eligible'],
    ['aws_lightsail_bucket', 'lightsail-object-storage', 'not-eligible'],
    ['aws_cloudcontrolapi_resource', 'cloud-control-api', 'control-plane'],
    ['aws_caller_identity', 'provider-metadata', 'control-plane'],
  ])('%s is %s, %s', (type, serviceId, eligibility) => {
    expect(classifyResourceType(type)).toMatchObject({ serviceId, eligibility });
  });

  it('aws_lightsail_instance is not eligible and names EC2 as the alternative', () => {
    const classification = classifyResourceType('aws_lightsail_instance');
    expect(classification).toMatchObject({ serviceId: 'lightsail', eligibility: 'not-eligible', matchedBy: 'prefix' });
    expect(classification?.alternative).toMatch(/^Amazon EC2\b/);
  });

  it('Lightsail databases point to RDS', () => {
    expect(classifyResourceType('aws_lightsail_database')).toMatchObject({ eligibility: 'not-eligible', alternative: 'Amazon RDS' });
  });

  it('a made-up future type is unclassified', () => {
    expect(classifyResourceType('aws_futureservice_thing')).toBeUndefined();
  });

  it('aws_cloudcontrolapi_resource says which attribute decides', () => {
    expect(classifyResourceType('aws_cloudcontrolapi_resource')?.genericTypeAttribute).toBe('type_name');
  });

  it('carries the list qualifier that an attribute can reveal (Simple AD)', () => {
    expect(classifyResourceType('aws_directory_service_directory')?.featureExclusions).toEqual([
      expect.objectContaining({ resourceType: 'aws_directory_service_directory', attribute: 'type', values: ['SimpleAD'] }),
    ]);
  });
});

describe('matching rules', () => {
  it('matches prefixes on whole segments only', () => {
    expect(classifyResourceType('aws_lbx_thing')).toBeUndefined();
    expect(classifyResourceType('aws_route53newservice_thing')).toBeUndefined();
    expect(classifyResourceType('aws_lbs')?.serviceId).toBe('elb'); // a data source listed as an exact type
  });

  it('prefers an exact type, then the longest prefix', () => {
    expect(classifyResourceType('aws_cloudwatch_query_definition')).toMatchObject({ serviceId: 'cloudwatch-logs', matchedBy: 'exact' });
    expect(classifyResourceType('aws_cloudwatch_log_stream')).toMatchObject({ serviceId: 'cloudwatch-logs', matchedBy: 'prefix' });
    expect(classifyResourceType('aws_cloudwatch_dashboard')).toMatchObject({ serviceId: 'cloudwatch', matchedBy: 'prefix' });
  });

  it('classifies a newer type under a known prefix by its service', () => {
    expect(classifyResourceType('aws_s3_bucket_future_setting')?.serviceId).toBe('s3');
  });

  it('does not guess a shared prefix: a new aws_kinesis_* service stays unclassified', () => {
    expect(classifyResourceType('aws_kinesis_new_thing')).toBeUndefined();
  });

  it('treats odd input as unclassified', () => {
    for (const type of ['', 'aws', 'aws_', 'azurerm_storage_account', 'AWS_S3_BUCKET', 'aws__s3']) {
      expect(classifyResourceType(type)).toBeUndefined();
    }
  });

  it('returns the same frozen object for repeated lookups', () => {
    const first = classifyResourceType('aws_s3_bucket');
    expect(classifyResourceType('aws_s3_object')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });
});

describe('CloudFormation types (type_name of aws_cloudcontrolapi_resource)', () => {
  it.each([
    ['AWS::S3::Bucket', 's3', 'eligible', 'cloudformation-namespace'],
    ['AWS::Lightsail::Instance', 'lightsail', 'not-eligible', 'cloudformation-namespace'],
    ['AWS::Lightsail::Database', 'lightsail-databases', 'not-eligible', 'cloudformation-type'],
    ['AWS::NetworkManager::CoreNetwork', 'cloud-wan', 'not-eligible', 'cloudformation-namespace'],
    ['AWS::NetworkManager::Site', 'network-manager', 'control-plane', 'cloudformation-type'],
    ['AWS::DirectoryService::SimpleAD', 'simple-ad', 'not-eligible', 'cloudformation-type'],
    ['AWS::HealthLake::FHIRDatastore', 'healthlake', 'eligible', 'cloudformation-namespace'],
    ['aws::rds::dbinstance', 'rds', 'eligible', 'cloudformation-namespace'],
  ])('%s is %s, %s', (typeName, serviceId, eligibility, matchedBy) => {
    expect(classifyCloudFormationType(typeName)).toMatchObject({ serviceId, eligibility, matchedBy });
  });

  it('leaves unknown namespaces and malformed names unclassified', () => {
    for (const typeName of ['AWS::FutureService::Thing', 'AWS::S3', 'Custom::Thing', 'aws_s3_bucket', '']) {
      expect(classifyCloudFormationType(typeName)).toBeUndefined();
    }
  });
});

describe('agreement with AWS list data', () => {
  const listedNames = new Set(hipaaEligibleList.services.map((service) => service.name));

  it('names only services that are really on the list', () => {
    const unlisted = awsServiceCatalog.services
      .filter((service) => service.hipaaListName !== undefined && !listedNames.has(service.hipaaListName))
      .map((service) => `${service.id}: ${service.hipaaListName}`);
    expect(unlisted).toEqual([]);
  });

  it('gives every eligible service a list name and every not-eligible one none', () => {
    for (const service of awsServiceCatalog.services) {
      if (service.eligibility === 'eligible') expect(service.hipaaListName).toBeDefined();
      if (service.eligibility === 'not-eligible') expect(service.hipaaListName).toBeUndefined();
    }
  });

  it('holds the 166 names of the 2025-06-17 list, each once', () => {
    expect(hipaaEligibleList.sourceDate).toBe('2025-06-17');
    expect(awsServiceCatalog.hipaaListDate).toBe(hipaaEligibleList.sourceDate);
    expect(listedNames.size).toBe(166);
    expect(hipaaEligibleList.services).toHaveLength(166);
  });

  it('keeps the qualifiers AWS attaches to a listed service', () => {
    const directoryService = hipaaEligibleList.services.find((service) => service.name === 'AWS Directory Service');
    expect(directoryService?.qualifiers).toEqual(['excludes Simple AD']);
  });
});

describe('the classifier stays light', () => {
  it('imports nothing from cdktf', () => {
    const folder = path.join(__dirname, '../../policies/data');
    const sources = fs.readdirSync(folder).filter((name) => name.endsWith('.ts'));
    expect(sources).toContain('classify.ts');
    for (const name of sources) {
      const text = fs.readFileSync(path.join(folder, name), 'utf8');
      expect({ name, importsCdktf: /from ['"](@cdktf|cdktf|constructs)/.test(text) }).toEqual({ name, importsCdktf: false });
    }
  });
});
