import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import type { AwsEnvironment } from '../../modules/environment';

export const ENV: AwsEnvironment = { accountId: '111122223333', region: 'eu-west-1' };

type Config = Record<string, unknown>;

/** One resource block of `cdk.tf.json`: its type, logical name and configuration. */
export interface SynthResource {
  readonly type: string;
  readonly name: string;
  readonly config: Config;
  /** `<type>.<name>`, as `depends_on` lists it. */
  readonly address: string;
  /** `${<type>.<name>.<attribute>}`, the string a reference to this resource synthesizes to. */
  ref(attribute: string): string;
}

/** The parsed synth output of one stack, with lookups by resource type. */
export class SynthOutput {
  constructor(readonly json: { resource?: Record<string, Record<string, Config>> }) {}

  all(type: string): SynthResource[] {
    return Object.entries(this.json.resource?.[type] ?? {}).map(([name, config]) => ({
      type,
      name,
      config,
      address: `${type}.${name}`,
      ref: (attribute: string) => `\${${type}.${name}.${attribute}}`,
    }));
  }

  /** The single resource of `type`; fails the test when there are none or several. */
  one(type: string): SynthResource {
    const found = this.all(type);
    if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
    return found[0];
  }

  /** The resource of `type` whose config has `key` equal to `value`. */
  find(type: string, key: string, value: unknown): SynthResource {
    const found = this.all(type).filter((r) => r.config[key] === value);
    if (found.length !== 1) throw new Error(`expected one ${type} with ${key}=${JSON.stringify(value)}, found ${found.length}`);
    return found[0];
  }

  count(type: string): number {
    return this.all(type).length;
  }
}

/** Synthesizes the constructs `build` adds to a fresh test stack. */
export function synth(build: (scope: Construct) => void): SynthOutput {
  return new SynthOutput(JSON.parse(Testing.synthScope(build)));
}

/** Parses a JSON policy string from the synth output. */
export function policyOf(resource: SynthResource, attribute = 'policy'): { Statement: Array<Record<string, unknown>> } {
  const text = resource.config[attribute];
  if (typeof text !== 'string') throw new Error(`${resource.type}.${resource.name}.${attribute} is not a string`);
  return JSON.parse(text);
}

/** The statement with `sid`; fails the test when it is missing. */
export function statement(policy: { Statement: Array<Record<string, unknown>> }, sid: string): Record<string, unknown> {
  const found = policy.Statement.find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid} in ${policy.Statement.map((s) => s.Sid).join(', ')}`);
  return found;
}
