import fc from 'fast-check';
import {
  escapeCommandData,
  escapeCommandProperty,
  renderGithubAnnotations,
  workflowCommand,
} from '../../../cli/reporters/github';
import type { SourceLocator } from '../../../cli/source-locations';
import { ADDRESSES, WEAKER_THAN_HIPAA, buildReport, hostileString, makeFinding } from './report-fixture';

interface ParsedCommand {
  name: string;
  properties: Record<string, string>;
  message: string;
}

/** The runner's side: `%XX` escapes decoded; `%25` last so an escaped escape stays literal. */
function unescape(text: string): string {
  return text
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%');
}

/** Parse one line the way the runner does: command, then `k=v,k=v`, then `::` and the data. */
function parseCommand(line: string): ParsedCommand {
  // `s`: the data may hold U+2028/U+2029, which the runner (splitting on CR and LF only) keeps.
  const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/s.exec(line);
  if (match === null) throw new Error(`not a workflow command: ${line}`);
  const properties: Record<string, string> = {};
  for (const pair of (match[2] ?? '').split(',').filter((part) => part !== '')) {
    const [key, ...rest] = pair.split('=');
    properties[key] = unescape(rest.join('='));
  }
  return { name: match[1], properties, message: unescape(match[3]) };
}

const locator: SourceLocator = {
  locate: (address) =>
    address === ADDRESSES.phiBucket ? { file: 'infra/modules/records/main.tf', line: 12 } : undefined,
};

describe('renderGithubAnnotations', () => {
  const output = renderGithubAnnotations(buildReport(), { sourceLocations: locator });
  const lines = output.split('\n');

  it('writes one command per line: weaker-than-HIPAA warnings, errors, warnings, then notices', () => {
    expect(lines.pop()).toBe('');
    const commands = lines.map(parseCommand);
    expect(commands[0]).toEqual({
      name: 'warning',
      properties: { title: 'planwarden: weaker than HIPAA' },
      message: WEAKER_THAN_HIPAA[0],
    });
    expect(commands.map((command) => command.name)).toEqual([
      'warning',
      'error',
      'error',
      'warning',
      'warning',
      'notice',
      'notice',
      'notice',
    ]);
  });

  it('annotates a blocking finding at its declaration, with the rule as title', () => {
    const line = lines.find((candidate) => candidate.startsWith('::error file=')) ?? '';
    expect(line.startsWith('::error file=infra/modules/records/main.tf,line=12,title=ENC-001 S3 buckets')).toBe(true);
    const phi = parseCommand(line);
    expect(phi).toEqual({
      name: 'error',
      properties: {
        file: 'infra/modules/records/main.tf',
        line: '12',
        title: 'ENC-001 S3 buckets holding ePHI are encrypted with KMS',
      },
      message:
        `${ADDRESSES.phiBucket} has no server-side encryption configuration; set sse_algorithm to aws:kms.\n` +
        'Remediation: Add aws_s3_bucket_server_side_encryption_configuration with sse_algorithm = "aws:kms".',
    });
  });

  it('leaves out file and line when the declaration is not known', () => {
    const advisory = lines.map(parseCommand).find((command) => command.message.includes(ADDRESSES.logGroup));
    expect(advisory?.name).toBe('warning');
    expect(advisory?.properties).toEqual({ title: 'LOG-001 Log groups keep audit logs for six years' });
    const unknown = lines.map(parseCommand).find((command) => command.message.includes(ADDRESSES.listener));
    expect(unknown?.name).toBe('warning');
    expect(unknown?.message.startsWith(`Unknown at plan time: ${ADDRESSES.listener} has an ssl_policy`)).toBe(true);
  });

  it('names the address when the message does not', () => {
    const quiet = makeFinding('LOG-001', ADDRESSES.logGroup, { message: 'Retention is too short.' });
    const [line] = renderGithubAnnotations(buildReport({ findings: [quiet], weakerThanHipaa: [] })).split('\n');
    expect(parseCommand(line).message).toBe(`${ADDRESSES.logGroup}: Retention is too short.\nRemediation: ${quiet.remediation}`);
  });

  it('adds a summary, the report notices and the waivers as notices', () => {
    const notices = lines.map(parseCommand).filter((command) => command.name === 'notice');
    expect(notices[0]).toEqual({
      name: 'notice',
      properties: { title: 'planwarden' },
      message: '2 blocking, 1 non-blocking, 1 unknown, 1 waived from 9 checks on 7 resources',
    });
    expect(notices[1].message).toBe('Waiver for ENC-002 on module.old.* expired on 2025-01-31 (SEC-9); it no longer waives.');
    expect(notices[2].message).toBe(
      `${ADDRESSES.notebook}: waived until 2027-03-31 (SEC-123): Legacy lab decommissioned in Q3\n` +
        `${ADDRESSES.notebook} uses SageMaker notebooks for PHI without a documented BAA review.`,
    );
  });

  it('cannot be broken out of by hostile text', () => {
    const hostile = lines.find((line) => line.includes('hostile')) ?? '';
    expect(hostile).not.toMatch(/[\r\n\u0000\u001b]/);
    const parsed = parseCommand(hostile);
    expect(parsed.name).toBe('error');
    expect(parsed.message).toContain('Bucket <script>alert(1)</script> ]]> 100% done\r\n::error::injected `rm -rf /`');
    expect(parsed.message).not.toContain('\u001b');
    expect(parsed.message.length).toBeLessThanOrEqual(4_000);
  });

  it('is byte-identical for the same report', () => {
    expect(renderGithubAnnotations(buildReport(), { sourceLocations: locator })).toBe(output);
  });
});

describe('workflow command escaping', () => {
  it('follows the runner rules: % CR LF in data, and also : and , in properties', () => {
    expect(escapeCommandData('100% a\r\nb::c,d')).toBe('100%25 a%0D%0Ab::c,d');
    expect(escapeCommandProperty('C:\\x,y%\n')).toBe('C%3A\\x%2Cy%25%0A');
    expect(workflowCommand('warning', 'm', { file: 'a,b:c.tf', line: '3' })).toBe('::warning file=a%2Cb%3Ac.tf,line=3::m');
    expect(workflowCommand('notice', 'only data', {})).toBe('::notice::only data');
  });

  it('round-trips any text, on a single line', () => {
    const dropped = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
    fc.assert(
      fc.property(hostileString(60), hostileString(20), (message, title) => {
        const line = workflowCommand('error', message, { title, file: title });
        expect(line).not.toMatch(/[\r\n]/);
        const parsed = parseCommand(line);
        expect(parsed.message).toBe(message.replace(dropped, ''));
        expect(parsed.properties).toEqual({ title: title.replace(dropped, ''), file: title.replace(dropped, '') });
      }),
      { numRuns: 300 },
    );
  });
});
