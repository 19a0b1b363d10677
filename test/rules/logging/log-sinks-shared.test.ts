/**
 * The log-bucket lookups several rules share (shared/log-sinks.ts, shared/companions.ts) are
 * remembered per graph and bucket. These tests pin down that remembering changes nothing:
 * - logSinksOf agrees with the delivery-side definition it replaced (every delivery resolved
 *   with graph.referencesOf), on every bucket of every fixture plan and of the plans below;
 * - the bucket rules give the same findings and checks run together, alone, or in another order;
 * - an answer never crosses graphs, even for the same plan or the same address.
 */
import * as fs from 'node:fs';
import { defaultSettings } from '../../../policies/engine/check';
import { evaluateGraph } from '../../../policies/engine/evaluate';
import { buildGraph, type Graph } from '../../../policies/engine/graph';
import { loadBytes, loadDocument } from '../../../policies/engine/load';
import type { PlanGraph, ResourceInstance, Rule } from '../../../policies/engine/types';
import { auditBucketObjectLock } from '../../../policies/rules/logging/audit-bucket-object-lock';
import { auditStoreReplacement } from '../../../policies/rules/logging/audit-store-replacement';
import { logBucketLifecycle } from '../../../policies/rules/logging/log-bucket-lifecycle';
import { s3AccessLogging } from '../../../policies/rules/logging/s3-access-logging';
import { s3Versioning } from '../../../policies/rules/logging/s3-versioning';
import { describeSinks, LOG_SINKS, logSinksNamed, logSinksOf, type SinkRef } from '../../../policies/rules/logging/shared/log-sinks';
import { plan, type PlanBuilder } from '../../support/plan-builder';
import { FIXTURES } from './judged';

const B = 'aws_s3_bucket';
const LOGGING = 'aws_s3_bucket_logging';
const BUCKET_RULES: readonly Rule[] = [s3AccessLogging, logBucketLifecycle, auditBucketObjectLock, auditStoreReplacement, s3Versioning];

function graphOf(input: PlanBuilder | string): Graph {
  const loaded = typeof input === 'string' ? loadBytes(fs.readFileSync(input), input, 0) : loadDocument(input.build(), 'test-plan.json', 0);
  return buildGraph(loaded, 0);
}

/** logSinksOf as it was written before it was remembered: each delivery's own tie resolved with referencesOf. */
function sinksFromDeliveries(graph: PlanGraph, bucket: ResourceInstance): SinkRef[] {
  const out: SinkRef[] = [];
  const seen = new Set<string>();
  const add = (ref: SinkRef) => {
    if (ref.instance === bucket) return;
    if (ref.sink.source !== undefined) {
      const logged = graph.referencesOf(ref.instance, ref.sink.source, { types: ['aws_s3_bucket'], matchValues: ['bucket', 'id'] });
      if (logged.some((j) => j.instance === bucket)) return;
    }
    const key = `${ref.sink.type}\n${ref.sink.attribute}\n${ref.instance.address}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(ref);
  };
  for (const sink of LOG_SINKS) {
    for (const join of graph.referrers(bucket, { types: [sink.type], attribute: sink.attribute })) add({ sink, instance: join.instance, via: join.via });
  }
  const name = bucket.attr('bucket');
  if (name.state === 'known' && typeof name.value === 'string') for (const ref of logSinksNamed(graph, name.value)) add(ref);
  return out;
}

const shown = (refs: readonly SinkRef[]) => refs.map((r) => `${r.sink.type}.${r.sink.attribute} ${r.instance.address} ${r.via}`);

/** describeSinks as it was written before: a list per label, searched for duplicates. */
function describeNaively(refs: readonly SinkRef[]): string {
  const byLabel = new Map<string, string[]>();
  for (const r of refs) {
    const list = byLabel.get(r.sink.label) ?? [];
    if (!list.includes(r.instance.address)) list.push(r.instance.address);
    byLabel.set(r.sink.label, list);
  }
  return [...byLabel]
    .map(([label, addresses]) => {
      const first = addresses.slice(0, 2);
      const rest = addresses.length - first.length;
      return `${label} from ${first.join(rest > 0 ? ', ' : ' and ')}${rest > 0 ? ` and ${rest} more` : ''}`;
    })
    .join('; ');
}

/**
 * A shared access-log bucket, an audit bucket, and the shapes that decide "logs into itself":
 * companions that log their own bucket by reference, by instance key, through a module variable
 * and by known name; a companion logging its bucket into the shared bucket by name; a bucket
 * being deleted and one being replaced; a CloudTrail trail; lifecycle and versioning companions.
 */
function tangledPlan(): PlanBuilder {
  return plan()
    .resource(B, 'logs', { action: 'no-op', values: { bucket: 'central-logs', id: 'central-logs' } })
    .resource(B, 'audit', { action: 'replace', values: { bucket: 'org-trail', force_destroy: true }, before: { bucket: 'org-trail', force_destroy: true } })
    .resource('aws_cloudtrail', 'org', { values: { s3_bucket_name: 'org-trail' } })
    .resource('aws_config_delivery_channel', 'main', { unknown: ['s3_bucket_name'], refs: { s3_bucket_name: [`${B}.audit.id`, `${B}.audit`] } })
    .resource(LOGGING, 'audit', { unknown: ['bucket'], values: { target_bucket: 'central-logs' }, refs: { bucket: [`${B}.audit.id`] } })
    .resource(B, 'phi', { values: { bucket: 'phi' } })
    .resource(LOGGING, 'phi', { unknown: ['bucket', 'target_bucket'], refs: { bucket: [`${B}.phi.id`], target_bucket: [`${B}.logs.id`, `${B}.logs`] } })
    .resource(B, 'selfref', { values: { bucket: 'selfref' } })
    .resource(LOGGING, 'selfref', { unknown: ['bucket', 'target_bucket'], refs: { bucket: [`${B}.selfref.id`], target_bucket: [`${B}.selfref.id`] } })
    .resource(B, 'byname', { action: 'no-op', values: { bucket: 'byname', id: 'byname' } })
    .resource(LOGGING, 'byname', { action: 'no-op', values: { bucket: 'byname', target_bucket: 'byname' } })
    .resource(B, 'tenant', { index: 'a', values: { bucket: 'tenant-a' } })
    .resource(B, 'tenant', { index: 'b', values: { bucket: 'tenant-b' } })
    .resource(LOGGING, 'tenant', { index: 'a', unknown: ['bucket', 'target_bucket'], refs: { bucket: [`${B}.tenant`], target_bucket: [`${B}.tenant`] } })
    .resource(LOGGING, 'tenant', { index: 'b', values: { target_bucket: 'central-logs' }, unknown: ['bucket'], refs: { bucket: [`${B}.tenant`] } })
    .resource(B, 'this', { module: 'module.store', values: { bucket: 'store' } })
    .output('module.store', 'id', [`${B}.this.id`, `${B}.this`])
    .moduleCall('module.audit', { inputs: { bucket_id: ['module.store.id', 'module.store'] } })
    .resource(LOGGING, 'this', { module: 'module.audit', unknown: ['bucket', 'target_bucket'], refs: { bucket: ['var.bucket_id'], target_bucket: ['var.bucket_id'] } })
    .resource(B, 'old', { action: 'delete', before: { bucket: 'old-logs', id: 'old-logs' } })
    .resource(LOGGING, 'into_old', { values: { bucket: 'phi', target_bucket: 'old-logs' } })
    .resource(B, 'inline', { values: { bucket: 'inline', logging: [{ target_bucket: 'central-logs', target_prefix: 'inline/' }] } })
    .resource('aws_s3_bucket_lifecycle_configuration', 'logs', {
      unknown: ['bucket'],
      values: { rule: [{ id: 'expire', status: 'Enabled', expiration: [{ days: 30 }] }] },
      refs: { bucket: [`${B}.logs.id`] },
    })
    .resource('aws_s3_bucket_versioning', 'logs', { unknown: ['bucket'], values: { versioning_configuration: [{ status: 'Suspended' }] }, refs: { bucket: [`${B}.logs.id`] } });
}

const FIXTURE_PLANS = fs
  .readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => `${FIXTURES}/${f}`);

describe('shared log-bucket lookups', () => {
  it('names each delivery spec once: (type, attribute) pairs are unique', () => {
    const pairs = LOG_SINKS.map((s) => `${s.type}\n${s.attribute}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('logSinksOf agrees with resolving every delivery (fixtures and a tangled plan), buckets being deleted included', () => {
    let buckets = 0;
    let withSinks = 0;
    for (const input of [...FIXTURE_PLANS, tangledPlan()]) {
      const graph = graphOf(input);
      for (const bucket of graph.byType(B)) {
        buckets++;
        const expected = shown(sinksFromDeliveries(graph, bucket));
        expect({ bucket: bucket.address, sinks: shown(logSinksOf(graph, bucket)) }).toEqual({ bucket: bucket.address, sinks: expected });
        if (expected.length > 0) withSinks++;
      }
    }
    expect(buckets).toBeGreaterThan(20);
    expect(withSinks).toBeGreaterThan(5);
  });

  it('tells self-logging apart in the tangled plan', () => {
    const graph = graphOf(tangledPlan());
    const sinksOf = (address: string) => shown(logSinksOf(graph, graph.byAddress(address)!));
    expect(sinksOf(`${B}.logs`)).toEqual([
      `${LOGGING}.target_bucket ${LOGGING}.phi reference`,
      `${LOGGING}.target_bucket ${LOGGING}.audit value`,
      `${LOGGING}.target_bucket ${LOGGING}.tenant["b"] value`,
      `${B}.logging.target_bucket ${B}.inline value`,
    ]);
    // Logging into itself, by reference, by instance key, through a module variable, by name: not a log bucket.
    for (const own of [`${B}.selfref`, `${B}.tenant["a"]`, `module.store.${B}.this`, `${B}.byname`]) expect(sinksOf(own)).toEqual([]);
    expect(sinksOf(`${B}.tenant["b"]`)).toEqual([]);
    // A bucket being deleted has no planned name: nothing is tied to it by value.
    expect(sinksOf(`${B}.old`)).toEqual([]);
    expect(sinksOf(`${B}.audit`)).toEqual([`aws_config_delivery_channel.s3_bucket_name aws_config_delivery_channel.main reference`, `aws_cloudtrail.s3_bucket_name aws_cloudtrail.org value`]);
  });

  it('hands every caller the same frozen list for a bucket of one graph', () => {
    const graph = graphOf(tangledPlan());
    const logs = graph.byAddress(`${B}.logs`)!;
    const first = logSinksOf(graph, logs);
    expect(logSinksOf(graph, logs)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => (first as SinkRef[]).push(first[0])).toThrow();
  });

  it('never answers from another graph: same plan, same address, or a bucket of another graph', () => {
    const a = graphOf(tangledPlan());
    const b = graphOf(tangledPlan());
    const logsA = a.byAddress(`${B}.logs`)!;
    const logsB = b.byAddress(`${B}.logs`)!;
    const fromA = logSinksOf(a, logsA);
    const fromB = logSinksOf(b, logsB);
    expect(fromB).not.toBe(fromA);
    expect(shown(fromB)).toEqual(shown(fromA));
    for (const ref of fromB) expect(b.byAddress(ref.instance.address)).toBe(ref.instance);

    // A plan where the same address receives nothing.
    const quiet = graphOf(plan().resource(B, 'logs', { values: { bucket: 'central-logs' } }));
    expect(logSinksOf(quiet, quiet.byAddress(`${B}.logs`)!)).toEqual([]);
    expect(logSinksOf(a, logsA)).toBe(fromA);

    // A bucket of graph a asked of graph b: only b's deliveries naming it, as before.
    expect(shown(logSinksOf(b, logsA))).toEqual(shown(sinksFromDeliveries(b, logsA)));
    expect(shown(logSinksOf(quiet, logsA))).toEqual([]);
  });

  it('describeSinks reads as before, for long lists and repeated addresses, and follows a list that changes', () => {
    const graph = graphOf(tangledPlan());
    const logs = logSinksOf(graph, graph.byAddress(`${B}.logs`)!);
    expect(describeSinks(logs)).toBe(describeNaively(logs));
    expect(describeSinks(logs)).toBe(describeSinks(logs));
    const repeated = [...logs, ...logs, logs[0]];
    expect(describeSinks(repeated)).toBe(describeNaively(repeated));
    const growing: SinkRef[] = [logs[0]];
    expect(describeSinks(growing)).toBe(describeNaively(growing));
    growing.push(logs[2], logs[3]);
    expect(describeSinks(growing)).toBe(describeNaively(growing));
    expect(describeSinks([])).toBe('');
  });

  const cases: Array<[string, PlanBuilder | string]> = [['tangled plan', tangledPlan()], ...FIXTURE_PLANS.map((f): [string, string] => [f.split('/').pop()!, f])];
  it.each(cases)('the bucket rules give the same findings and checks together, alone and reversed (%s)', (_name, input) => {
    const run = (rules: readonly Rule[]) => {
      const graph = graphOf(input);
      const result = evaluateGraph(graph, rules, 'plan.json', { unknownPolicy: 'warn', changedOnly: false, settingsFor: defaultSettings });
      return { findings: result.findings, checks: result.checks };
    };
    const together = run(BUCKET_RULES);
    const reversed = run([...BUCKET_RULES].reverse());
    const sortChecks = (c: typeof together.checks) => [...c].sort((x, y) => `${x.ruleId} ${x.address}`.localeCompare(`${y.ruleId} ${y.address}`));
    const sortFindings = (f: typeof together.findings) => [...f].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
    for (const rule of BUCKET_RULES) {
      const alone = run([rule]);
      expect(sortFindings(together.findings.filter((f) => f.ruleId === rule.id))).toEqual(sortFindings(alone.findings));
      expect(sortChecks(together.checks.filter((c) => c.ruleId === rule.id))).toEqual(sortChecks(alone.checks));
    }
    expect(sortFindings(reversed.findings)).toEqual(sortFindings(together.findings));
    expect(sortChecks(reversed.checks)).toEqual(sortChecks(together.checks));
  });

  it('the tangled plan: LOG-007 finds each self-logging companion, LOG-008/009/025/026 see only real log buckets', () => {
    const graph = graphOf(tangledPlan());
    const { findings } = evaluateGraph(graph, BUCKET_RULES, 'plan.json', { unknownPolicy: 'warn', changedOnly: false, settingsFor: defaultSettings });
    const of = (id: string) => findings.filter((f) => f.ruleId === id).map((f) => `${f.status} ${f.address} ${f.attribute}`).sort();
    expect(of('LOG-007').filter((f) => f.endsWith('target_bucket'))).toEqual(
      [`fail ${B}.byname target_bucket`, `fail ${B}.selfref target_bucket`, `fail ${B}.tenant["a"] target_bucket`, `fail module.store.${B}.this target_bucket`].sort(),
    );
    expect(of('LOG-008')).toEqual([`fail aws_s3_bucket_lifecycle_configuration.logs rule[0].expiration[0].days`]);
    expect(of('LOG-009')).toEqual([`fail ${B}.audit object_lock_enabled`]);
    expect(of('LOG-025')).toEqual([`fail ${B}.audit force_destroy`]);
    const versioning = findings.find((f) => f.ruleId === 'LOG-026' && f.address === `${B}.audit`);
    expect(versioning?.message).toContain('holds AWS Config snapshots and history from aws_config_delivery_channel.main; CloudTrail log files from aws_cloudtrail.org');
  });
});
