/**
 * TLS-018: ECS tasks mount EFS volumes with TLS. An EFS mount is NFS over the network; without
 * transit_encryption = "ENABLED" the task reads and writes the files in cleartext.
 */
import type { Outcome, ResourceInstance, Rule } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { fromWhat, setting, setString } from './shared/setting';

export const ecsEfsTransit: Rule = {
  id: 'TLS-018',
  title: 'ECS task definitions mount EFS volumes with transit encryption',
  family: 'transit',
  severity: 'medium',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_ecs_task_definition'],
  rationale:
    'Files on EFS (documents, images) may be ePHI; an EFS volume mounted without TLS moves them over NFS in cleartext between the task and the mount target (164.312(e)(1), (e)(2)(ii)). Relies on: the provider plans an omitted transit_encryption as "" and ECS then mounts with transit encryption DISABLED.',
  remediation: 'Set volume { efs_volume_configuration { transit_encryption = "ENABLED" } } on every EFS volume.',
  params: {},
  docs: {
    defaults: 'efs_volume_configuration.transit_encryption omitted: "" in the plan, DISABLED at ECS. IAM authorization (authorization_config.iam = "ENABLED") requires transit encryption anyway.',
    anchors: ['Checkov CKV_AWS_97'],
    example: {
      fail: 'volume {\n  name = "records"\n  efs_volume_configuration {\n    file_system_id = aws_efs_file_system.records.id\n  }\n}',
      pass: 'volume {\n  name = "records"\n  efs_volume_configuration {\n    file_system_id     = aws_efs_file_system.records.id\n    transit_encryption = "ENABLED"\n  }\n}',
    },
  },
  check(task: ResourceInstance): Outcome[] {
    const outcomes: Outcome[] = [];
    task.blocks('volume').forEach((volume, i) => {
      const name = setString(setting(task, [...volume, 'name'])) ?? String(i);
      for (const efs of task.blocks([...volume, 'efs_volume_configuration'])) {
        const attribute = `volume[${i}].efs_volume_configuration.transit_encryption`;
        const value = setting(task, [...efs, 'transit_encryption']);
        if (value.kind === 'unknown') {
          outcomes.push(unknown(attribute, `${task.address}: transit_encryption of volume "${name}" is known only after apply${fromWhat(value)}`));
        } else if (setString(value) === 'ENABLED') {
          outcomes.push(pass(attribute, `${task.address} mounts EFS volume "${name}" with TLS`));
        } else {
          outcomes.push(fail(attribute, `${task.address} mounts EFS volume "${name}" without transit encryption; set efs_volume_configuration.transit_encryption = "ENABLED"`));
        }
      }
    });
    return outcomes;
  },
};
