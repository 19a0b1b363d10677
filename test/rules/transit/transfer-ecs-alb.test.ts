import { albDropInvalidHeaders } from '../../../policies/rules/transit/alb-drop-invalid-headers';
import { ecsEfsTransit } from '../../../policies/rules/transit/ecs-efs-transit';
import { transferServerProtocols } from '../../../policies/rules/transit/transfer-server-protocols';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { TRANSIT, TRANSIT_DATA, TRANSIT_EDGE } from './fixtures';

const T = 'aws_transfer_server';

ruleTester(transferServerProtocols, {
  valid: [
    { name: 'protocols omitted (AWS: SFTP)', plan: plan().resource(T, 'sftp', { unknown: ['protocols'] }) },
    { name: 'SFTP and FTPS, in a module', plan: plan().resource(T, 'this', { module: 'module.partner["x"]', values: { protocols: ['SFTP', 'FTPS'] } }) },
    { name: 'real plan: defaults', plan: TRANSIT_DATA, addresses: [`${T}.sftp_default_ok`] },
  ],
  invalid: [
    { name: 'FTP enabled', plan: plan().resource(T, 'ftp', { values: { protocols: ['FTP'] } }), findings: [{ address: `${T}.ftp`, attribute: 'protocols', message: 'remove "FTP"' }] },
    { name: 'protocols from a variable', plan: plan().resource(T, 'ftp', { unknown: ['protocols'], refs: { protocols: ['var.protocols'] } }), findings: [{ address: `${T}.ftp`, status: 'unknown' }] },
    { name: 'real plan: FTP + FTPS', plan: TRANSIT_DATA, findings: [{ address: `${T}.ftp_bad` }] },
  ],
});

const TD = 'aws_ecs_task_definition';
const efsVolume = (transit_encryption: string) => ({ name: 'records', efs_volume_configuration: [{ file_system_id: 'fs-1', transit_encryption }] });

ruleTester(ecsEfsTransit, {
  valid: [
    { name: 'EFS volume with transit encryption', plan: plan().resource(TD, 'app', { values: { volume: [efsVolume('ENABLED')] } }) },
    { name: 'no EFS volumes', plan: plan().resource(TD, 'app', { values: { volume: [{ name: 'scratch', efs_volume_configuration: [], host_path: '' }] } }) },
    { name: 'real plan: ENABLED', plan: TRANSIT_DATA, addresses: [`${TD}.efs_tls_ok`] },
  ],
  invalid: [
    { name: 'transit_encryption omitted (plan: "")', plan: plan().resource(TD, 'app', { values: { volume: [efsVolume('')] } }), findings: [{ address: `${TD}.app`, attribute: 'volume[0].efs_volume_configuration.transit_encryption' }] },
    {
      name: 'second volume of a module task definition disabled',
      plan: plan().resource(TD, 'this', { module: 'module.svc["api"]', values: { volume: [efsVolume('ENABLED'), { ...efsVolume('DISABLED'), name: 'scans' }] } }),
      findings: [{ address: `module.svc["api"].${TD}.this`, attribute: 'volume[1].efs_volume_configuration.transit_encryption', message: '"scans"' }],
    },
    { name: 'real plan: omitted', plan: TRANSIT_DATA, findings: [{ address: `${TD}.efs_plain_bad` }] },
  ],
});

ruleTester(albDropInvalidHeaders, {
  valid: [
    { name: 'ALB dropping invalid headers', plan: plan().resource('aws_lb', 'app', { values: { load_balancer_type: 'application', drop_invalid_header_fields: true } }) },
    { name: 'network load balancer is not checked', plan: plan().resource('aws_lb', 'nlb', { values: { load_balancer_type: 'network', drop_invalid_header_fields: null } }) },
    { name: 'real plan', plan: TRANSIT_EDGE, addresses: ['aws_lb.app_ok', 'aws_lb.net'] },
  ],
  invalid: [
    { name: 'omitted (plan: false), aws_alb alias type in a module', plan: plan().resource('aws_alb', 'this', { module: 'module.web', values: { load_balancer_type: 'application', drop_invalid_header_fields: false } }), findings: [{ address: 'module.web.aws_alb.this', attribute: 'drop_invalid_header_fields' }] },
    { name: 'real plan', plan: TRANSIT_EDGE, findings: [{ address: 'aws_lb.app_headers_bad' }] },
    { name: 'real plan (transit case)', plan: TRANSIT, findings: [{ address: 'aws_lb.legacy_app_bad' }] },
  ],
});
