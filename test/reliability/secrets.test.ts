/**
 * Sensitive values never appear in any report format, error message or debug log. Unique
 * markers are planted where rules read and would print: values Terraform marks sensitive
 * (after_sensitive, before_sensitive: whole attributes, nested blocks, list elements, tags,
 * prior values of updates, JSON policies), and attributes that are secret by nature (password,
 * token, private_key...) even when the provider forgot to mark them. The CLI runs every format
 * at once, with PLANWARDEN_DEBUG=1, and every byte it writes is searched.
 *
 * Each search has a control that proves it can fail: the same plan with the sensitive marks
 * removed does print markers.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../cli/helpers';
import type { JsonObject, JsonValue } from '../../policies/engine/types';
import { corpusPlanFiles, fixturePlanFiles, isObject, parsePlanBytes, readSeed, requireBuilt } from './support/seeds';

requireBuilt();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-secrets-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const FORMATS = ['json', 'sarif', 'junit', 'markdown', 'github'] as const;
/** Every marker starts with this; a partial leak (a snippet of a JSON parse error) still shows it. */
const PREFIX = 'PWSECRET';
/** Case-insensitive: rules have printed values upper-cased. */
const MARKER = /PWSECRET[0-9a-z]*/gi;

interface Run {
  code: number | null;
  /** Everything the run wrote: stdout (text format), stderr and each --format file. */
  texts: Record<string, string>;
}

/** Runs `check` over the files with every format, debug logging on; returns all output. */
function checkAllFormats(files: string[], extra: string[] = [], env: NodeJS.ProcessEnv = {}): Run {
  const dir = fs.mkdtempSync(path.join(tmp, 'run-'));
  // The audit evidence record (check --evidence) is an output too.
  const args = ['check', ...files, '--format', 'text', ...FORMATS.flatMap((f) => ['--format', `${f}=${path.join(dir, f)}`]), '--evidence', path.join(dir, 'evidence'), ...extra];
  const r = runCli(args, { env: { PLANWARDEN_DEBUG: '1', ...env } });
  const texts: Record<string, string> = { stdout: r.stdout, stderr: r.stderr };
  for (const f of [...FORMATS, 'evidence']) texts[f] = fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f), 'utf8') : '';
  return { code: r.code, texts };
}

/** Markers found in any output, with where: empty means nothing leaked. */
function leaks(run: Run, pattern: RegExp = MARKER): string[] {
  const out = new Set<string>();
  for (const [where, text] of Object.entries(run.texts)) for (const m of text.matchAll(pattern)) out.add(`${where}: ${m[0]}` + (process.env.PW_LEAK_CONTEXT ? ` «${text.slice(Math.max(0, m.index! - 160), m.index! + 40).replace(/\s+/g, ' ')}»` : ''));
  return [...out].sort();
}

function write(name: string, doc: JsonValue | string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc));
  return file;
}

/** A value's sensitivity marks with every leaf marked (the shape Terraform writes). */
function allMarked(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(allMarked);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, allMarked(x)]));
  return true;
}

/**
 * Appends a unique marker to every string (the same string always gets the same marker, so
 * joins by value survive), inside JSON-encoded policies too. Values that no longer match what a
 * rule expects make rules fail and print them, which is the point.
 */
function plantMarkers(v: JsonValue, ids: Map<string, string>): JsonValue {
  if (typeof v === 'string') {
    if (/^\s*[[{]/.test(v)) {
      try {
        return JSON.stringify(plantMarkers(JSON.parse(v) as JsonValue, ids));
      } catch {
        // not JSON after all: marked like any string
      }
    }
    let marked = ids.get(v);
    if (marked === undefined) ids.set(v, (marked = `${v}${PREFIX}${ids.size.toString(36)}q`));
    return marked;
  }
  if (Array.isArray(v)) return v.map((x) => plantMarkers(x, ids));
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plantMarkers(x, ids)]));
  return v;
}

/** Every resource change of a plan with markers planted in after and before, marked sensitive or not. */
function planted(doc: JsonObject, sensitive: boolean): JsonObject {
  const ids = new Map<string, string>();
  const changes = ((doc.resource_changes as JsonObject[]) ?? []).map((rc) => {
    const change = rc.change as JsonObject;
    const after = change.after === null || change.after === undefined ? change.after : plantMarkers(change.after, ids);
    const before = change.before === null || change.before === undefined ? change.before : plantMarkers(change.before, ids);
    const marks = (v: JsonValue | undefined) => (sensitive && v !== null && v !== undefined ? allMarked(v) : {});
    return { ...rc, change: { ...change, after, before, after_sensitive: marks(after), before_sensitive: marks(before) } };
  });
  return { ...doc, resource_changes: changes };
}

/** Markers where specific rules read and print values. */
const m = (name: string) => `${PREFIX}${name}q`;
const POLICY_WITH_SID = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: m('sid'), Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }] });
const markerRc = (address: string, after: JsonObject, extra: { before?: JsonObject; actions?: string[]; afterSensitive?: JsonValue; beforeSensitive?: JsonValue } = {}): JsonObject => {
  const [type, name] = address.split('.');
  return {
    address, mode: 'managed', type, name, provider_name: 'registry.terraform.io/hashicorp/aws',
    change: { actions: extra.actions ?? ['create'], before: extra.before ?? null, after, after_unknown: {}, after_sensitive: extra.afterSensitive ?? {}, before_sensitive: extra.beforeSensitive ?? false },
  };
};
/** The plan; `mark` false drops every sensitive mark (the control). */
function markerPlan(mark: boolean): JsonObject {
  const s = (marks: JsonValue): JsonValue => (mark ? marks : {});
  const deep = (n: number, leaf: JsonValue): JsonValue => (n === 0 ? leaf : { level: deep(n - 1, leaf) });
  return {
    format_version: '1.2',
    terraform_version: '1.9.0',
    resource_changes: [
      // JSON escaping: a printed JSON.stringify(value) is not the raw value, yet must not show.
      markerRc('aws_s3_object.quote', { bucket: 'b', key: 'k', server_side_encryption: `AES"256\\${m('quote')}` }, { afterSensitive: s({ server_side_encryption: true }) }),
      markerRc('aws_s3_object.long', { bucket: 'b', key: 'k2', server_side_encryption: `AES256-${'x'.repeat(300)}${m('long')}` }, { afterSensitive: s({ server_side_encryption: true }) }),
      markerRc('aws_kinesis_stream.k', { name: 'k', encryption_type: `NONE${m('kinesis')}` }, { afterSensitive: s({ encryption_type: true }) }),
      markerRc('aws_ssm_parameter.p', { name: `db-password-${m('ssmname')}`, type: 'String', value: m('ssmvalue') }, { afterSensitive: s({ name: true, value: true }) }),
      markerRc('aws_lb_listener.l', { load_balancer_arn: 'arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/x/1', port: 443, protocol: 'HTTPS', ssl_policy: `ELBSecurityPolicy-2016-08${m('sslpolicy')}`, certificate_arn: 'arn:aws:acm:us-east-1:1:certificate/c', default_action: [] }, { afterSensitive: s({ ssl_policy: true }) }),
      markerRc('aws_transfer_server.t', { protocols: ['FTP', `SFTP${m('protocol')}`], endpoint_type: 'PUBLIC' }, { afterSensitive: s({ protocols: [true, true] }) }),
      // An update: the prior value is marked in before_sensitive, the new one in after_sensitive.
      markerRc('aws_cloudwatch_log_group.g', { name: `/audit/${m('logname')}`, retention_in_days: 1, kms_key_id: `arn:aws:kms:us-east-1:1:key/${m('logkey')}` }, {
        actions: ['update'],
        before: { name: `/audit/${m('logname')}`, retention_in_days: 3653, kms_key_id: `alias/${m('priorkey')}` },
        afterSensitive: s({ name: true, kms_key_id: true }),
        beforeSensitive: s({ name: true, kms_key_id: true }),
      }),
      markerRc('aws_kms_key.k', { policy: POLICY_WITH_SID, enable_key_rotation: false, deletion_window_in_days: 7 }, { afterSensitive: s({ policy: true }) }),
      markerRc('aws_sns_topic_subscription.s', { topic_arn: 'arn:aws:sns:us-east-1:1:t', protocol: 'http', endpoint: `http://example.com/hook/${m('path')}` }, { afterSensitive: s({ endpoint: true }) }),
      markerRc('aws_sns_topic_subscription.u', { topic_arn: 'arn:aws:sns:us-east-1:1:t', protocol: 'https', endpoint: `not a url ${m('badurl')}` }, { afterSensitive: s({ endpoint: true }) }),
      markerRc('aws_db_instance.d', { engine: `oracle-ee${m('engine')}`, storage_encrypted: false, username: 'admin', instance_class: 'db.t3.micro' }, { afterSensitive: s({ engine: true }) }),
      // A nested block, and tags marked as a whole (the waiver tag among them).
      markerRc('aws_s3_bucket.b', {
        bucket: `phi-${m('bucket')}`,
        tags: { DataClassification: 'PHI', Owner: m('tagowner'), 'planwarden:waive': `ENC-001 no colon here ${m('tagwaiver')}` },
        server_side_encryption_configuration: [{ rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: `AES256${m('sse')}`, kms_master_key_id: '' }] }] }],
      }, { afterSensitive: s({ bucket: true, tags: true, server_side_encryption_configuration: [{ rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: true }] }] }] }) }),
      markerRc('aws_s3_bucket.w', { bucket: 'w', tags: { 'planwarden:waive': `TLS-008:${m('waivereason')}:2026-02-01` } }, { afterSensitive: s({ tags: { 'planwarden:waive': true } }) }),
      // Sensitive deep inside a value: the mark sits on the leaf only.
      markerRc('aws_cloudcontrolapi_resource.c', { type_name: deep(80, m('deepleaf')), desired_state: '{}' }, { afterSensitive: s({ type_name: deep(80, true) }) }),
    ],
    configuration: { root_module: {} },
  };
}

/** Secrets by nature, not marked: the provider forgot (or the plan was edited). */
function byNamePlan(): JsonObject {
  const secretNames = ['password', 'master_password', 'admin_password', 'auth_token', 'token', 'secret_string', 'private_key', 'client_secret', 'api_key', 'access_key', 'secret_key', 'passphrase', 'credentials'];
  const after: JsonObject = { engine: 'postgres', storage_encrypted: false, username: 'admin' };
  for (const name of secretNames) after[name] = `${PREFIX}${name.replace(/_/g, '')}q`;
  return {
    format_version: '1.2',
    resource_changes: ['aws_db_instance.d', 'aws_rds_cluster.c', 'aws_elasticache_replication_group.r', 'aws_iam_access_key.k'].map((address) => ({
      address, mode: 'managed', type: address.split('.')[0], name: address.split('.')[1],
      change: { actions: ['update'], before: after, after, after_unknown: {}, after_sensitive: {}, before_sensitive: {} },
    })),
    configuration: { root_module: {} },
  };
}

/** Sensitive strings of a plan that appear nowhere unmarked in its resource values (those may be printed legitimately). */
function sensitiveStrings(doc: JsonObject): Set<string> {
  const secret = new Set<string>();
  const open = new Set<string>();
  const SECRET_NAME = /pass(word|phrase)?|secret|private_key|token|credential|auth_key|api_key|access_key|signing_key|seed|pem$/i;
  /** `marked`: Terraform marked it (or a parent) sensitive; `named`: under a secret-by-name attribute. */
  const walk = (v: JsonValue | undefined, marks: JsonValue | undefined, marked: boolean, named: boolean) => {
    const isMarked = marked || marks === true;
    if (typeof v === 'string') {
      // By name alone, only values that look like secrets: `http_tokens = "required"` is a setting.
      const secretByName = named && (/[^A-Za-z_-]/.test(v) || v.length >= 16);
      (isMarked || secretByName ? secret : open).add(v);
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, Array.isArray(marks) ? marks[i] : undefined, isMarked, named));
    else if (isObject(v)) for (const [k, x] of Object.entries(v)) walk(x, isObject(marks) ? marks[k] : undefined, isMarked, named || SECRET_NAME.test(k));
  };
  for (const rc of (doc.resource_changes as JsonObject[]) ?? []) {
    const c = rc.change as JsonObject;
    walk(c.after, c.after_sensitive, false, false);
    walk(c.before, c.before_sensitive, false, false);
    if (typeof rc.address === 'string') open.add(rc.address);
  }
  // Long enough to be a real secret, not a word that also occurs in messages.
  return new Set([...secret].filter((s) => s.length >= 8 && !open.has(s) && ![...open].some((o) => o.includes(s))));
}

describe('every format, stderr and the debug log, searched for planted and real secrets', () => {
  const corpus = corpusPlanFiles();
  const docs = fixturePlanFiles().map((f) => ({ name: path.basename(f), doc: parsePlanBytes(readSeed(f).bytes) as JsonObject }));
  let marked: Run;
  let unmarked: Run;
  beforeAll(() => {
    // One CLI run each (a run costs a second): every fixture with every string marked, the
    // rule-specific markers, the secrets by name, and the real corpus plans; and the control.
    marked = checkAllFormats([
      ...docs.map(({ name, doc }) => write(`marked-${name}`, planted(doc, true))),
      write('markers.json', markerPlan(true)),
      write('by-name.json', byNamePlan()),
      ...corpus,
    ]);
    unmarked = checkAllFormats([...docs.map(({ name, doc }) => write(`unmarked-${name}`, planted(doc, false))), write('markers-unmarked.json', markerPlan(false))]);
  });

  it('control: with the sensitive marks removed, rules do print the planted values', () => {
    expect(unmarked.code).toBe(1);
    const found = leaks(unmarked).join('\n');
    // Each way a value reached a message before the net caught it: escaped, upper-cased, a policy's
    // parts, another resource's value, a deep leaf, a waiver tag's reason.
    for (const name of ['quote', 'sid', 'kinesis', 'deepleaf', 'waivereason', 'tagwaiver']) expect(found).toContain(`${PREFIX}${name}q`);
    expect(found).toMatch(/PWSECRET[0-9a-z]+Q\b/); // upper-cased by a rule
    expect(leaks(unmarked).length).toBeGreaterThan(20);
  });

  it('marked sensitive, or secret by name: no marker anywhere, nothing on stderr', () => {
    expect(marked.code).toBe(1);
    expect(marked.texts.evidence.length).toBeGreaterThan(1000);
    expect(marked.texts.stderr).toBe('');
    expect(leaks(marked)).toEqual([]);
  });

  (corpus.length > 0 ? it : it.skip)('no sensitive value of a real corpus plan (DB passwords, random_password results) shows', () => {
    const secrets = new Map<string, string>();
    for (const file of corpus) for (const s of sensitiveStrings(parsePlanBytes(readSeed(file).bytes) as JsonObject)) secrets.set(s, path.basename(file));
    // The corpus holds DB passwords and random_password results in clear text; the test needs some.
    expect(secrets.size).toBeGreaterThan(5);
    const found: string[] = [];
    for (const [where, text] of Object.entries(marked.texts)) for (const [s, file] of secrets) if (text.includes(s)) found.push(`${where}: ${file}: ${s.slice(0, 4)}…`);
    expect(found).toEqual([]);
  });

  /**
   * KNOWN LEAKS, reported to the lead (rule code, not the engine's): each prints a fragment of a
   * sensitive value, which the net cannot recognise. When a rule is fixed its test fails: drop
   * `.failing` there.
   * - IOT: policies/rules/iot/policy/document.ts quotes V8's JSON parse error ("the policy is not
   *   valid JSON (${detail})"), which holds ~20 characters of the policy text.
   * - BAA-003: policies/rules/baa/flows/destination.ts prints the host of an endpoint URL
   *   ("over plain HTTP to ${host}") even when the URL is sensitive.
   */
  describe('fragments rules once leaked (regressions)', () => {
    let run: Run;
    beforeAll(() => {
      const changes = [
        markerRc('aws_iot_policy.i', { name: 'i', policy: `{"Statement": ${m('i')}}` }, { afterSensitive: { policy: true } }),
        markerRc('aws_sns_topic_subscription.s', { topic_arn: 'arn:aws:sns:us-east-1:1:t', protocol: 'http', endpoint: `http://${m('h')}.example.com/hook` }, { afterSensitive: { endpoint: true } }),
      ];
      run = checkAllFormats([write('known-leaks.json', { format_version: '1.2', resource_changes: changes, configuration: { root_module: {} } })]);
    });
    it('an invalid IoT policy marked sensitive: its parse error does not quote the policy', () => {
      // V8's message quotes a few characters around the error: only the position may be reported.
      expect(leaks(run).filter((l) => /pwsecreti/i.test(l))).toEqual([]);
    });
    it('a sensitive endpoint URL: BAA-003 does not print its host', () => {
      expect(leaks(run).filter((l) => /pwsecreth/i.test(l))).toEqual([]);
    });
  });
});

describe('error messages', () => {
  // More broken inputs with planted secrets run in broken-inputs.test.ts (in one process).
  it.each([
    ['truncated inside a sensitive value', `{"format_version":"1.2","resource_changes":[{"address":"aws_db_instance.d","type":"aws_db_instance","name":"d","change":{"actions":["create"],"after":{"password":"${PREFIX}trunc`],
    ['a syntax error right after a secret', `{"format_version":"1.2","resource_changes":[{"address":"aws_db_instance.d","change":{"actions":["create"],"after":{"password":"${PREFIX}syntax" oops}}}]}`],
  ])('%s: exit 2, one line, no secret', (_name, text) => {
    const r = runCli(['check', write('broken.json', text)], { env: { PLANWARDEN_DEBUG: '1' } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toContain(PREFIX);
  });
});

describe('the net itself (engine, in process)', () => {
  // Imported here, not at the top: the rest of this file tests the built CLI only.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { evaluateGraph, RuleCrash } = require('../../policies/engine/evaluate') as typeof import('../../policies/engine/evaluate');
  const { defaultSettings } = require('../../policies/engine/check') as typeof import('../../policies/engine/check');
  const { buildGraph } = require('../../policies/engine/graph') as typeof import('../../policies/engine/graph');
  const { loadDocument } = require('../../policies/engine/load') as typeof import('../../policies/engine/load');
  const { redact, redactWith, REDACTED, SecretMatcher } = require('../../policies/engine/redact') as typeof import('../../policies/engine/redact');
  const fc = (require('fast-check') as typeof import('fast-check')).default;
  type Rule = import('../../policies/engine/types').Rule;

  const SECRET = 'Hunter2-Password!';
  const doc = {
    format_version: '1.2',
    resource_changes: [
      { address: 'aws_db_instance.d', type: 'aws_db_instance', name: 'd', change: { actions: ['create'], after: { password: SECRET, engine: 'postgres', policy: '{"Statement":[{"Sid":"AllowAdminSid","Effect":"Allow"}]}' }, after_sensitive: { policy: true } } },
      { address: 'aws_s3_bucket.other', type: 'aws_s3_bucket', name: 'other', change: { actions: ['create'], after: { bucket: 'other-bucket-name-marked' }, after_sensitive: { bucket: true } } },
    ],
  };
  const graph = buildGraph(loadDocument(doc as unknown as JsonObject, 'p.json', 0), 0);
  const rule = (check: Rule['check']): Rule => ({
    id: 'TST-001', title: 't', family: 'encryption', severity: 'high', enforcement: 'hard-mandatory', hipaa: ['164.312(a)(2)(iv)'],
    resourceTypes: ['aws_db_instance'], rationale: 'r', remediation: 'fix it', params: {}, check,
  });
  const run = (r: Rule) => evaluateGraph(graph, [r], 'p.json', { unknownPolicy: 'warn', changedOnly: false, settingsFor: defaultSettings });

  it('a rule that throws with a secret in its error: the crash message (stderr, debug stack) is redacted', () => {
    let caught: unknown;
    try {
      run(rule((i) => {
        throw new Error(`cannot parse ${JSON.stringify(i.attr('password'))} nor other-bucket-name-marked`);
      }));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(RuleCrash);
    const crash = caught as Error;
    expect(crash.message).toContain('rule TST-001 failed on aws_db_instance.d');
    expect(`${crash.message}\n${crash.stack}`).not.toContain('Hunter2');
    expect(`${crash.message}\n${crash.stack}`).not.toContain('other-bucket-name-marked');
  });

  it('a message with the value escaped, upper-cased, or another resource\'s marked value: redacted', () => {
    const { findings } = run(rule(() => ({ status: 'fail', attribute: 'password', message: `a ${JSON.stringify(SECRET)} b ${SECRET.toUpperCase()} c ${JSON.stringify(JSON.stringify(SECRET))} d OTHER-BUCKET-NAME-MARKED e` })));
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toBe(`a "${REDACTED}" b ${REDACTED} c "\\"${REDACTED}\\"" d ${REDACTED} e`);
  });

  it('the parts of a sensitive JSON document (a policy\'s Sid) are redacted; its short vocabulary is not', () => {
    const { findings } = run(rule(() => ({ status: 'fail', attribute: 'policy', message: 'statement "AllowAdminSid" has Effect "Allow"' })));
    expect(findings[0].message).toBe(`statement "${REDACTED}" has Effect "Allow"`);
  });

  it('redact: longest secret first, overlapping secrets, escaped forms, and text without secrets', () => {
    expect(redact('xx abcdef yy', ['abc', 'abcdef'])).toBe(`xx ${REDACTED} yy`);
    expect(redact('abcdefgh', ['abcdef', 'defgh'])).toBe(`${REDACTED}gh`);
    expect(redact('nothing here', ['secret-value'])).toBe('nothing here');
    expect(redact('ab', ['ab'])).toBe('ab'); // two characters are not a secret
    expect(redact('abcab', ['abc', 'cab'])).toBe(`${REDACTED}ab`); // no match starts inside a replaced one
    expect(redact('a\\"b\\"c and A"B', ['a"b"c', 'a"b'])).toBe(`${REDACTED} and ${REDACTED}`);
  });

  it('redactWith searches prefixes (few) or every position (many) and answers as the plain definition does', () => {
    // The definition: at each position, left to right, replace the longest secret (or its JSON-escaped form) that starts there, ignoring ASCII case.
    const lowerAscii = (t: string) => t.replace(/[A-Z]/g, (c) => c.toLowerCase());
    const reference = (text: string, secrets: readonly string[]): string => {
      const forms = secrets.filter((x) => x.length >= 3).flatMap((x) => [x, JSON.stringify(x).slice(1, -1)]).map(lowerAscii);
      const lower = lowerAscii(text);
      let out = '';
      let copied = 0;
      for (let i = 0; i + 3 <= text.length; ) {
        const longest = Math.max(0, ...forms.filter((f) => lower.startsWith(f, i)).map((f) => f.length));
        if (longest === 0) {
          i++;
          continue;
        }
        out += text.slice(copied, i) + REDACTED;
        i += longest;
        copied = i;
      }
      return copied === 0 ? text : out + text.slice(copied);
    };
    // Few letters, so secrets overlap, repeat and run into each other.
    const piece = fc.constantFrom('a', 'b', 'A', '"', '\\', 'é');
    const word = (min: number, max: number) => fc.array(piece, { minLength: min, maxLength: max }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(word(2, 6), { maxLength: 14 }), fc.array(word(2, 6), { maxLength: 4 }), word(0, 40), (mine, theirs, text) => {
        // One matcher, or the resource's own and another resource's, as toFinding passes them.
        expect(redactWith(text, [new SecretMatcher(mine), new SecretMatcher(theirs)])).toBe(reference(text, [...mine, ...theirs]));
        expect(redactWith(text, [new SecretMatcher(mine)])).toBe(reference(text, mine));
      }),
      { numRuns: 3000 },
    );
  });
});
