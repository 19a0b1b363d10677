/**
 * TLS-016: Transfer Family servers offer no plain FTP. SFTP and FTPS encrypt; FTP sends
 * credentials and files in cleartext.
 */
import type { Outcome, ResourceInstance, Rule } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { fromWhat, setting, setStrings } from './shared/setting';

export const transferServerProtocols: Rule = {
  id: 'TLS-016',
  title: 'Transfer Family servers offer only SFTP, FTPS or AS2, never FTP',
  family: 'transit',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_transfer_server'],
  rationale:
    'File transfer endpoints move bulk ePHI (claims, lab results); FTP sends both the files and the users\' passwords in cleartext (164.312(e)(1), (e)(2)(ii)). Relies on: provider 5.x shows an omitted `protocols` as unknown and AWS then enables SFTP only.',
  remediation: 'Remove "FTP" from protocols; use ["SFTP"] or ["FTPS"] (FTPS needs an ACM certificate).',
  params: {},
  docs: {
    defaults: 'protocols omitted: unknown in the plan; AWS enables ["SFTP"]. The security policy (security_policy_name, provider default TransferSecurityPolicy-2018-11) governs SSH/TLS algorithms and is not judged here.',
    anchors: ['Checkov CKV_AWS_357'],
    example: {
      fail: 'resource "aws_transfer_server" "claims" {\n  protocols = ["FTP", "FTPS"]\n  # ...\n}',
      pass: 'resource "aws_transfer_server" "claims" {\n  protocols = ["SFTP"]\n}',
    },
  },
  check(server: ResourceInstance): Outcome {
    const protocols = setting(server, 'protocols');
    if (protocols.kind === 'unknown') return unknown('protocols', `${server.address}: protocols is known only after apply${fromWhat(protocols)}`);
    const list = setStrings(protocols) ?? ['SFTP'];
    if (list.some((p) => p.toUpperCase() === 'FTP')) {
      return fail('protocols', `${server.address} enables FTP (${JSON.stringify(list)}), which sends files and passwords in cleartext; remove "FTP" from protocols`);
    }
    return pass('protocols', `${server.address} offers ${list.join(', ')}`);
  },
};
