/**
 * Parses an AWS IoT Core policy document (a JSON string, or the value JSON.parse gave) into a
 * normalized model. Never throws: anything wrong comes back as typed problems.
 *
 * - `error` problems are things AWS would refuse or that leave a statement's meaning unknown
 *   (not JSON, no Statement, an Effect other than Allow/Deny, Action and NotAction together,
 *   a non-string action…). With any error the result is `ok: false`; `partial` then holds the
 *   statements that could be read, for callers that want to analyse what is there.
 * - `warning` problems are things we understood but a reviewer should see (a missing Version,
 *   which makes IAM-style engines treat `${...}` literally; unknown elements; Principal, which
 *   IoT policies do not use; JSON text over the 2048-character IoT limit, whitespace excluded).
 *
 * Hostile input: only own properties are read (a `__proto__` key is just an unknown element);
 * nothing is recursed into beyond the fixed depth of the policy grammar; sizes are bounded so
 * the work is bounded.
 */
import type { Dialect } from './variables';

export type Effect = 'Allow' | 'Deny';

/** `Action` (negated false) or `NotAction` (negated true), with its patterns as written. */
export interface ActionElement {
  readonly negated: boolean;
  readonly patterns: readonly string[];
}

/** `Resource` (negated false) or `NotResource` (negated true), with its patterns as written. */
export interface ResourceElement {
  readonly negated: boolean;
  readonly patterns: readonly string[];
}

/** One `operator → key → values` triple of a Condition block; scalar values are stringified. */
export interface ConditionEntry {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

export interface PolicyStatement {
  /** Position in the Statement list (0-based; 0 for a single Statement object). */
  readonly index: number;
  readonly sid?: string;
  readonly effect: Effect;
  readonly action: ActionElement;
  readonly resource: ResourceElement;
  readonly conditions: readonly ConditionEntry[];
}

export interface PolicyDocument {
  readonly version?: string;
  /** How `${...}` in the strings is to be read (see variables.ts). */
  readonly dialect: Dialect;
  readonly statements: readonly PolicyStatement[];
}

export type ParseProblemCode =
  | 'not-json'
  | 'not-an-object'
  | 'too-large'
  | 'too-many-values'
  | 'value-too-long'
  | 'missing-statement'
  | 'statement-not-object'
  | 'bad-effect'
  | 'missing-action'
  | 'both-action-and-not-action'
  | 'missing-resource'
  | 'both-resource-and-not-resource'
  | 'not-a-string'
  | 'empty-list'
  | 'bad-condition'
  | 'bad-sid'
  | 'unknown-element'
  | 'principal-not-supported'
  | 'unsupported-version'
  | 'resource-not-arn'
  | 'exceeds-aws-size-limit'
  | 'internal-error';

export interface ParseProblem {
  readonly code: ParseProblemCode;
  readonly severity: 'error' | 'warning';
  /** Where, e.g. `Statement[2].Action[0]`; '' for the whole document. */
  readonly path: string;
  readonly message: string;
}

export type ParseResult =
  | { readonly ok: true; readonly document: PolicyDocument; readonly warnings: readonly ParseProblem[] }
  | { readonly ok: false; readonly problems: readonly ParseProblem[]; readonly partial?: PolicyDocument };

export interface ParseOptions {
  readonly dialect?: Dialect;
}

/** Bounds on hostile input. AWS caps an IoT policy at 2048 non-whitespace characters, far below these. */
export const PARSE_LIMITS = {
  maxInputChars: 1_000_000,
  maxStatements: 512,
  /** Actions + resources + condition values over the whole document. */
  maxValues: 2048,
  maxValueChars: 2048,
  awsDocumentChars: 2048,
} as const;

const STATEMENT_ELEMENTS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const DOCUMENT_ELEMENTS = new Set(['Version', 'Id', 'Statement']);
const SUPPORTED_VERSION = '2012-10-17';

type JsonObjectLike = Record<string, unknown>;

function isObjectLike(value: unknown): value is JsonObjectLike {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(obj: JsonObjectLike, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

function has(obj: JsonObjectLike, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** Collects problems and counts values so one pass stays bounded. */
class Reader {
  readonly problems: ParseProblem[] = [];
  private values = 0;

  error(code: ParseProblemCode, path: string, message: string): void {
    this.problems.push({ code, severity: 'error', path, message });
  }

  warn(code: ParseProblemCode, path: string, message: string): void {
    this.problems.push({ code, severity: 'warning', path, message });
  }

  /** Counts values; false once the document holds more than the limit. */
  spend(count: number): boolean {
    this.values += count;
    return this.values <= PARSE_LIMITS.maxValues;
  }

  get hasErrors(): boolean {
    return this.problems.some((p) => p.severity === 'error');
  }
}

/** A string-or-list-of-strings element (Action, Resource and their Not forms) at `${statementPath}.${name}`. */
function readStringList(reader: Reader, value: unknown, statementPath: string, name: string): string[] | undefined {
  const items = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) && value.length === 0) {
    reader.error('empty-list', `${statementPath}.${name}`, `${name} is an empty list; AWS requires at least one value.`);
    return undefined;
  }
  if (!reader.spend(items.length)) {
    reader.error('too-many-values', `${statementPath}.${name}`, `the document holds more than ${PARSE_LIMITS.maxValues} values; it was not analysed.`);
    return undefined;
  }
  const out: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (typeof item !== 'string') {
      reader.error('not-a-string', itemPath(statementPath, name, value, i), `${name} values must be strings, found ${describeType(item)}.`);
      return undefined;
    }
    if (item.length > PARSE_LIMITS.maxValueChars) {
      reader.error('value-too-long', itemPath(statementPath, name, value, i), `a ${name} value is longer than ${PARSE_LIMITS.maxValueChars} characters.`);
      return undefined;
    }
    out.push(item);
  }
  return out;
}

/** Where item `i` of an element is: `Statement[0].Action[1]`, or the element itself when it is not a list. */
function itemPath(statementPath: string, name: string, value: unknown, i: number): string {
  return Array.isArray(value) ? `${statementPath}.${name}[${i}]` : `${statementPath}.${name}`;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Reads Action/NotAction or Resource/NotResource; both or neither is an error. */
function readElement(reader: Reader, st: JsonObjectLike, path: string, positive: 'Action' | 'Resource'): ActionElement | undefined {
  const negative = positive === 'Action' ? 'NotAction' : 'NotResource';
  const hasPositive = has(st, positive);
  const hasNegative = has(st, negative);
  if (hasPositive && hasNegative) {
    reader.error(
      positive === 'Action' ? 'both-action-and-not-action' : 'both-resource-and-not-resource',
      path,
      `a statement may hold ${positive} or ${negative}, not both.`,
    );
    return undefined;
  }
  if (!hasPositive && !hasNegative) {
    reader.error(positive === 'Action' ? 'missing-action' : 'missing-resource', path, `the statement has neither ${positive} nor ${negative}.`);
    return undefined;
  }
  const name = hasPositive ? positive : negative;
  const patterns = readStringList(reader, own(st, name), path, name);
  return patterns === undefined ? undefined : { negated: hasNegative, patterns };
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

function readConditions(reader: Reader, value: unknown, path: string): ConditionEntry[] | undefined {
  if (!isObjectLike(value)) {
    reader.error('bad-condition', path, `Condition must be an object of operators, found ${describeType(value)}.`);
    return undefined;
  }
  const entries: ConditionEntry[] = [];
  for (const operator of Object.keys(value)) {
    const keys = value[operator];
    const at = `${path}.${operator}`;
    if (!isObjectLike(keys)) {
      reader.error('bad-condition', at, `a condition operator must map keys to values, found ${describeType(keys)}.`);
      return undefined;
    }
    for (const key of Object.keys(keys)) {
      const raw = keys[key];
      const list = Array.isArray(raw) ? raw : [raw];
      if (!reader.spend(Math.max(1, list.length))) {
        reader.error('too-many-values', at, `the document holds more than ${PARSE_LIMITS.maxValues} values; it was not analysed.`);
        return undefined;
      }
      const values: string[] = [];
      for (const item of list) {
        const text = scalarText(item);
        if (text === undefined || text.length > PARSE_LIMITS.maxValueChars) {
          reader.error('bad-condition', `${at}.${key}`, `condition values must be strings, numbers or booleans, found ${describeType(item)}.`);
          return undefined;
        }
        values.push(text);
      }
      entries.push({ operator, key, values });
    }
  }
  return entries;
}

function readStatement(reader: Reader, raw: unknown, index: number, path: string): PolicyStatement | undefined {
  if (!isObjectLike(raw)) {
    reader.error('statement-not-object', path, `a statement must be an object, found ${describeType(raw)}.`);
    return undefined;
  }
  for (const key of Object.keys(raw)) {
    if (STATEMENT_ELEMENTS.has(key)) continue;
    if (key === 'Principal' || key === 'NotPrincipal') {
      reader.warn('principal-not-supported', `${path}.${key}`, `IoT policies apply to the principal they are attached to; ${key} is not used.`);
    } else {
      const hint = [...STATEMENT_ELEMENTS].find((e) => e.toLowerCase() === key.toLowerCase());
      reader.warn('unknown-element', `${path}.${key}`, hint ? `unknown element "${key}" (element names are case-sensitive: "${hint}").` : `unknown element "${key}".`);
    }
  }
  const before = reader.problems.length;
  const effectValue = own(raw, 'Effect');
  const effect = effectValue === 'Allow' || effectValue === 'Deny' ? effectValue : undefined;
  if (effect === undefined) {
    reader.error('bad-effect', `${path}.Effect`, has(raw, 'Effect') ? `Effect must be "Allow" or "Deny", found ${JSON.stringify(effectValue) ?? describeType(effectValue)}.` : 'the statement has no Effect.');
  }
  let sid: string | undefined;
  if (has(raw, 'Sid')) {
    const sidValue = own(raw, 'Sid');
    if (typeof sidValue === 'string') sid = sidValue;
    else reader.error('bad-sid', `${path}.Sid`, `Sid must be a string, found ${describeType(sidValue)}.`);
  }
  const action = readElement(reader, raw, path, 'Action');
  const resource = readElement(reader, raw, path, 'Resource');
  const conditions = has(raw, 'Condition') ? readConditions(reader, own(raw, 'Condition'), `${path}.Condition`) : [];
  if (resource !== undefined) {
    resource.patterns.forEach((pattern, i) => {
      if (pattern !== '*' && !pattern.startsWith('arn:')) {
        reader.warn('resource-not-arn', `${path}.${resource.negated ? 'NotResource' : 'Resource'}[${i}]`, `"${pattern}" is neither "*" nor an ARN, so it matches no IoT resource.`);
      }
    });
  }
  let failed = false;
  for (let i = before; i < reader.problems.length && !failed; i++) failed = reader.problems[i].severity === 'error';
  if (failed || effect === undefined || action === undefined || resource === undefined || conditions === undefined) return undefined;
  // Built in the order `{ index, sid?, effect, action, resource, conditions }` as written before.
  return sid === undefined ? { index, effect, action, resource, conditions } : { index, sid, effect, action, resource, conditions };
}

function nonWhitespaceLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // JSON whitespace: space, tab, line feed, carriage return.
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) n++;
  }
  return n;
}

function readDocument(reader: Reader, value: unknown, dialect: Dialect, sourceText: string | undefined): PolicyDocument | undefined {
  if (!isObjectLike(value)) {
    reader.error('not-an-object', '', `a policy document must be a JSON object, found ${describeType(value)}.`);
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!DOCUMENT_ELEMENTS.has(key)) reader.warn('unknown-element', key, `unknown document element "${key}".`);
  }
  const versionValue = own(value, 'Version');
  let version: string | undefined;
  if (typeof versionValue === 'string') version = versionValue;
  if (version !== SUPPORTED_VERSION) {
    reader.warn(
      'unsupported-version',
      'Version',
      version === undefined
        ? `no Version; IoT policies must say "${SUPPORTED_VERSION}", and older versions treat \${...} variables as literal text.`
        : `Version "${version}" is not "${SUPPORTED_VERSION}"; policy variables may be taken literally.`,
    );
  }
  // A text no longer than the limit cannot hold more non-whitespace characters than that.
  if (sourceText !== undefined && sourceText.length > PARSE_LIMITS.awsDocumentChars && nonWhitespaceLength(sourceText) > PARSE_LIMITS.awsDocumentChars) {
    reader.warn('exceeds-aws-size-limit', '', `the document exceeds AWS IoT's ${PARSE_LIMITS.awsDocumentChars}-character limit (whitespace excluded); AWS will refuse it.`);
  }
  if (!has(value, 'Statement')) {
    reader.error('missing-statement', '', 'the document has no Statement.');
    return undefined;
  }
  const rawStatements = own(value, 'Statement');
  const list = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
  if (Array.isArray(rawStatements) && rawStatements.length === 0) {
    reader.error('empty-list', 'Statement', 'Statement is an empty list.');
  }
  if (list.length > PARSE_LIMITS.maxStatements) {
    reader.error('too-many-values', 'Statement', `more than ${PARSE_LIMITS.maxStatements} statements; the document was not analysed.`);
    return undefined;
  }
  const statements: PolicyStatement[] = [];
  for (let i = 0; i < list.length; i++) {
    const path = Array.isArray(rawStatements) ? `Statement[${i}]` : 'Statement';
    const statement = readStatement(reader, list[i], i, path);
    if (statement !== undefined) statements.push(statement);
    if (reader.problems.some((p) => p.code === 'too-many-values')) break;
  }
  return version === undefined ? { dialect, statements } : { version, dialect, statements };
}

/**
 * Parses an IoT policy document. `input` is the JSON text (a leading byte-order mark is
 * ignored) or an already-parsed value. Never throws.
 */
export function parsePolicyDocument(input: unknown, options: ParseOptions = {}): ParseResult {
  const reader = new Reader();
  const dialect: Dialect = options?.dialect === 'terraform-template' ? 'terraform-template' : 'rendered';
  try {
    let value: unknown = input;
    let sourceText: string | undefined;
    if (typeof input === 'string') {
      if (input.length > PARSE_LIMITS.maxInputChars) {
        reader.error('too-large', '', `the policy text is longer than ${PARSE_LIMITS.maxInputChars} characters; it was not analysed.`);
        return { ok: false, problems: reader.problems };
      }
      sourceText = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
      try {
        value = JSON.parse(sourceText);
      } catch (e) {
        // Only the position: V8's message quotes the text around the error, and a policy may be sensitive.
        const position = e instanceof Error ? /position (\d+)/.exec(e.message)?.[1] : undefined;
        reader.error('not-json', '', `the policy is not valid JSON${position === undefined ? '' : ` (syntax error at character ${position})`}.`);
        return { ok: false, problems: reader.problems };
      }
    }
    const document = readDocument(reader, value, dialect, sourceText);
    if (document === undefined || reader.hasErrors) {
      return { ok: false, problems: reader.problems, ...(document === undefined ? {} : { partial: document }) };
    }
    return { ok: true, document, warnings: reader.problems };
  } catch (e) {
    // A getter or proxy in an already-parsed value can throw; the parser itself must not.
    reader.error('internal-error', '', `the policy could not be read (${e instanceof Error ? e.message : 'unknown error'}).`);
    return { ok: false, problems: reader.problems };
  }
}
