/** `planwarden init`: write a commented starting config that validates as written. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_NAMES } from '../../policies/engine/config';
import { InputError } from '../../policies/engine/types';
import { EXIT } from '../errors';

export const INIT_FILE = 'planwarden.config.yaml';

/**
 * Strict defaults: every rule at its pack setting, every resource in PHI scope, waivers that
 * need an approver. Everything else is a commented example; docs/config.md has every key.
 */
export const INIT_TEMPLATE = `# planwarden config: HIPAA checks for Terraform plans on AWS.
# Every key, its bounds and examples: docs/config.md. Check it with \`planwarden config validate\`.
# Unknown keys and out-of-bounds values are errors (exit 2), never ignored.

# What a value known only after apply ("unknown") does: pass | warn | fail.
# --unknown on the command line wins over this.
unknown: warn

# Rule overrides, by rule id (planwarden rules) or family (encryption, transit, logging, baa, iot).
# A rule's own entry wins over its family's. Params stay within HIPAA-safe bounds unless
# allowWeakerThanHipaa is true, and every weaker setting is reported first.
rules: {}
#  LOG-001:
#    params:
#      minRetentionDays: 2557        # 7 years; 2192 (6 years) is the default
#  iot:
#    enforcement: soft-mandatory     # advisory | soft-mandatory | hard-mandatory
#  ENC-010:
#    enabled: false

# Who may waive what, and for how long.
waiverPolicy:
  maxDays: 365                      # no waiver may expire further ahead (1 to 1095)
  requireApprover: true             # every waiver names an approver other than its owner

# Written, expiring exceptions. A waiver holds through its expiry day (UTC), then stops
# waiving and says so. \`planwarden waivers\` lists them for review.
waivers: []
#  - rule: ENC-002                   # an id, a family, a glob (ENC-*) or a list of them
#    address: module.legacy.*        # resource address glob; * matches anything
#    reason: Legacy stack is decommissioned in Q3; no PHI written since 2025-01
#    expires: 2027-03-31             # YYYY-MM-DD
#    ticket: SEC-123
#    owner: data-platform
#    approver: privacy-officer
#    hipaaControl: 164.312(a)(2)(iv)

# Which resources hold or process ePHI (for the BAA rules and phiOnly custom rules).
# Default: all of them. Narrow it with tags and/or module paths:
phiScope:
  all: true
#  all: false
#  tags:
#    DataClassification: [PHI, ePHI]
#  modules: [module.records]

# Your own declarative rules; they run and report like built-in ones.
customRules: []
#  - id: CUSTOM-SQS-001
#    title: SQS queues use a customer-managed KMS key
#    family: encryption
#    severity: high
#    enforcement: soft-mandatory
#    hipaa: [164.312(a)(2)(iv)]
#    resourceTypes: [aws_sqs_queue]
#    path: $.kms_master_key_id        # JSONPath into the planned values; no filters or scripts
#    predicate: { matches: '^arn:aws:kms:' }   # or exists | equals | in | gte | lte
#    message: the queue is not encrypted with a customer-managed KMS key
#    remediation: set kms_master_key_id to the ARN of a customer-managed key

# Rule plugins: TypeScript or CommonJS files exporting rules (docs/plugins.md), relative to
# this file. They run as code with planwarden's privileges: on untrusted pull requests, run
# check --no-plugins (and take this config from the base branch).
# For example: plugins: [./planwarden/rules/data-classification.ts]
plugins: []
`;

export function runInitCommand(args: { force: boolean }, cwd: string = process.cwd()): number {
  const target = path.join(cwd, INIT_FILE);
  // Another config name beside ours would make every later run refuse both.
  const others = CONFIG_NAMES.filter((n) => n !== INIT_FILE && fs.existsSync(path.join(cwd, n)));
  if (others.length > 0) throw new InputError(`${others.join(' and ')} already configures planwarden here; edit it, or remove it before \`planwarden init\``);
  try {
    fs.writeFileSync(target, INIT_TEMPLATE, { flag: args.force ? 'w' : 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new InputError(`${INIT_FILE} already exists; edit it, or pass --force to replace it`);
    throw new InputError(`cannot write ${target}: ${code ?? 'error'}; check the directory and permissions`);
  }
  process.stdout.write(`wrote ${INIT_FILE}; check it with \`planwarden config validate\`\n`);
  return EXIT.pass;
}
