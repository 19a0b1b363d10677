/**
 * AWS IoT Core policy variables: recognising `${...}` in a policy string, saying what each one
 * stands for, and substituting values from a request context.
 *
 * Facts this module encodes (AWS IoT developer guide: basic-, thing- and cert-policy-variables):
 * - `${iot:ClientId}` is the MQTT client ID. The client chooses it, so it names the device only
 *   when `iot:Connect` is restricted (a thing-name variable or an IsAttached condition).
 * - `${iot:Connection.Thing.ThingName}` resolves from the registry thing the connecting
 *   principal is attached to (client ID = thing name), so it is bound to the device.
 * - `${iot:Connection.Thing.ThingTypeName}` and `${iot:Connection.Thing.Attributes[x]}` are
 *   registry data that many devices can share; `iot:Connection.Thing.IsAttached` is a
 *   true/false fact about the connection, meant for conditions.
 * - `${iot:Certificate.*}` reads fields the CA put in the device certificate; a `.List` suffix
 *   means all values, `.N` the N-th (0-based).
 * - `${iot:DomainName}` and `${aws:SourceIp}` describe the connection, not the device.
 * - `${*}`, `${?}` and `${$}` are fixed-value variables for a literal `*`, `?` and `$`.
 * - When a variable has no value (or a certificate value holds a wildcard character, or is
 *   longer than 1024 characters) AWS leaves the `${...}` text in place; we do the same, for
 *   every variable, so an unresolved variable matches only that literal text.
 *
 * Names are matched case-insensitively, as IAM treats condition keys (the same names); thing
 * attribute names keep their case.
 *
 * Two dialects of the same text:
 * - `rendered`: the policy as AWS receives it (plan JSON, or CDKTF values already unescaped by
 *   the loader). `${...}` is a policy variable.
 * - `terraform-template`: a raw Terraform/CDKTF string. `$${...}` is the escaped policy
 *   variable, `${...}` and `%{...}` are Terraform interpolations (unknown until apply), and
 *   `%%{` is a literal `%{`.
 */

import { TextTable } from './memo';

export type Dialect = 'rendered' | 'terraform-template';

export type VariableKind =
  | 'client-id'
  | 'thing-name'
  | 'thing-type-name'
  | 'thing-attribute'
  | 'thing-is-attached'
  | 'certificate'
  | 'domain-name'
  | 'source-ip'
  | 'literal-character'
  | 'terraform-interpolation'
  | 'unknown';

/** What a variable ties a resource to. */
export type VariableBinding =
  /** Verified per device: the registry thing name, or a certificate field a CA makes unique. */
  | 'device-identity'
  /** Chosen by the client at CONNECT: iot:ClientId. */
  | 'claimed-identity'
  /** The same value for many devices: thing type, thing attributes, organisation or issuer fields. */
  | 'shared-attribute'
  /** A fact about the connection, not the device: domain name, source IP, IsAttached. */
  | 'connection-attribute'
  /** Not a device fact at all: literal characters, Terraform interpolations, unknown names. */
  | 'none';

export interface PolicyVariable {
  /** As written, e.g. `${iot:ClientId}` (or `$${iot:ClientId}` in a Terraform template). */
  readonly raw: string;
  /** The text inside the braces, trimmed. */
  readonly name: string;
  readonly kind: VariableKind;
  readonly binding: VariableBinding;
  /** Thing attribute name, or certificate field path such as `Subject.CommonName.List`. */
  readonly attribute?: string;
  /** The character a `${*}`, `${?}` or `${$}` stands for. */
  readonly literal?: string;
}

/** What is known about the connection a policy is evaluated for. Absent = unknown. */
export interface RequestContext {
  readonly clientId?: string;
  readonly thingName?: string;
  readonly thingTypeName?: string;
  readonly thingAttributes?: Readonly<Record<string, string>>;
  readonly isAttached?: boolean;
  /** Certificate fields by path without the `iot:Certificate.` prefix, e.g. `Subject.CommonName`. */
  readonly certificate?: Readonly<Record<string, string | readonly string[]>>;
  readonly domainName?: string;
  readonly sourceIp?: string;
}

/** A policy string split into literal text and variables, in order. */
export type TemplatePart = string | PolicyVariable;

/** AWS leaves a certificate variable unsubstituted when its value is longer than this. */
const MAX_SUBSTITUTED_LENGTH = 1024;

/** Certificate fields that a CA normally makes unique per device. */
const IDENTITY_CERTIFICATE_FIELDS = new Set([
  'serialnumber',
  'subject.commonname',
  'subject.serialnumber',
  'subject.distinguishednamequalifier',
  'subject.alternativename.dnsname',
  'subject.alternativename.rfc822name',
  'subject.alternativename.uniformresourceidentifier',
  'subject.alternativename.ipaddress',
  'subject.alternativename.directoryname',
]);

const LITERAL_CHARACTERS: Readonly<Record<string, string>> = { '*': '*', '?': '?', $: '$' };

const THING_ATTRIBUTE = /^iot:connection\.thing\.attributes\[(.+)\]$/is;
const CERTIFICATE = /^iot:certificate\.(.+)$/is;
const CERTIFICATE_SUFFIX = /\.(list|\d+)$/i;

function variable(raw: string, name: string, kind: VariableKind, binding: VariableBinding, extra?: { attribute?: string; literal?: string }): PolicyVariable {
  return { raw, name, kind, binding, ...extra };
}

/** Classifies the name inside `${...}`. Never throws. */
export function describeVariable(name: string, raw: string = '${' + name + '}'): PolicyVariable {
  const trimmed = name.trim();
  const literal = LITERAL_CHARACTERS[trimmed];
  if (literal !== undefined && Object.prototype.hasOwnProperty.call(LITERAL_CHARACTERS, trimmed)) {
    return variable(raw, trimmed, 'literal-character', 'none', { literal });
  }
  const lower = trimmed.toLowerCase();
  switch (lower) {
    case 'iot:clientid':
      return variable(raw, trimmed, 'client-id', 'claimed-identity');
    case 'iot:connection.thing.thingname':
      return variable(raw, trimmed, 'thing-name', 'device-identity');
    case 'iot:connection.thing.thingtypename':
      return variable(raw, trimmed, 'thing-type-name', 'shared-attribute');
    case 'iot:connection.thing.isattached':
      return variable(raw, trimmed, 'thing-is-attached', 'connection-attribute');
    case 'iot:domainname':
      return variable(raw, trimmed, 'domain-name', 'connection-attribute');
    case 'aws:sourceip':
      return variable(raw, trimmed, 'source-ip', 'connection-attribute');
  }
  const attribute = THING_ATTRIBUTE.exec(trimmed);
  if (attribute) return variable(raw, trimmed, 'thing-attribute', 'shared-attribute', { attribute: attribute[1] });
  const certificate = CERTIFICATE.exec(trimmed);
  if (certificate) {
    const field = certificate[1];
    const base = field.replace(CERTIFICATE_SUFFIX, '').toLowerCase();
    const binding: VariableBinding = IDENTITY_CERTIFICATE_FIELDS.has(base) ? 'device-identity' : 'shared-attribute';
    return variable(raw, trimmed, 'certificate', binding, { attribute: field });
  }
  return variable(raw, trimmed, 'unknown', 'none');
}

/** True for variables that name the device (verified or claimed): thing name, unique certificate fields, client ID. */
export function namesDevice(v: PolicyVariable): boolean {
  return v.binding === 'device-identity' || v.binding === 'claimed-identity';
}

export function isPolicyVariable(part: TemplatePart): part is PolicyVariable {
  return typeof part !== 'string';
}

/**
 * describeVariable for a `${name}` (open = 2) or `$${name}` (open = 3) as written: `raw` alone
 * determines the name, so one frozen description per raw text serves every scan.
 */
const described = new TextTable<PolicyVariable>(1024, 1 << 20);

function variableOf(raw: string, open: number): PolicyVariable {
  let v = described.get(raw);
  if (v === undefined) {
    v = Object.freeze(describeVariable(raw.slice(open, -1), raw));
    described.set(raw, v);
  }
  return v;
}

/** Index of the `}` closing a Terraform interpolation that starts at `open` (the `{`), counting nested braces. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function pushLiteral(parts: TemplatePart[], text: string): void {
  if (text === '') return;
  const last = parts[parts.length - 1];
  if (typeof last === 'string') parts[parts.length - 1] = last + text;
  else parts.push(text);
}

function scanRendered(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('${', i);
    if (start < 0) break;
    const end = text.indexOf('}', start + 2);
    if (end < 0) break;
    pushLiteral(parts, text.slice(i, start));
    parts.push(variableOf(text.slice(start, end + 1), 2));
    i = end + 1;
  }
  pushLiteral(parts, text.slice(i));
  return parts;
}

function scanTerraformTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      const end = text.indexOf('}', i + 3);
      if (end < 0) {
        literal += text.slice(i);
        break;
      }
      pushLiteral(parts, literal);
      literal = '';
      parts.push(variableOf(text.slice(i, end + 1), 3));
      i = end + 1;
    } else if (text.startsWith('%%{', i)) {
      literal += '%{';
      i += 3;
    } else if (text.startsWith('${', i) || text.startsWith('%{', i)) {
      const end = closingBrace(text, i + 1);
      if (end < 0) {
        literal += text.slice(i);
        break;
      }
      pushLiteral(parts, literal);
      literal = '';
      const raw = text.slice(i, end + 1);
      parts.push(variable(raw, text.slice(i + 2, end).trim(), 'terraform-interpolation', 'none'));
      i = end + 1;
    } else {
      literal += text[i];
      i++;
    }
  }
  pushLiteral(parts, literal);
  return parts;
}

/** Splits a policy string into literal text and variables. Never throws; non-strings give []. */
export function scanTemplate(text: string, dialect: Dialect = 'rendered'): TemplatePart[] {
  if (typeof text !== 'string') return [];
  return dialect === 'terraform-template' ? scanTerraformTemplate(text) : scanRendered(text);
}

/** The variables in a policy string, in order. */
export function variablesIn(text: string, dialect: Dialect = 'rendered'): PolicyVariable[] {
  return scanTemplate(text, dialect).filter(isPolicyVariable);
}

function ownString(record: Readonly<Record<string, string>> | undefined, key: string): string | undefined {
  if (record === undefined || record === null || typeof record !== 'object') return undefined;
  if (!Object.prototype.hasOwnProperty.call(record, key)) return undefined;
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

function certificateValues(ctx: RequestContext, field: string): readonly string[] | undefined {
  const record = ctx.certificate;
  if (record === undefined || record === null || typeof record !== 'object') return undefined;
  const suffix = CERTIFICATE_SUFFIX.exec(field);
  const base = suffix ? field.slice(0, suffix.index) : field;
  const key = Object.keys(record).find((k) => k.toLowerCase() === base.toLowerCase());
  if (key === undefined) return undefined;
  const stored = record[key];
  const all = (typeof stored === 'string' ? [stored] : Array.isArray(stored) ? stored : []).filter(
    (v): v is string => typeof v === 'string',
  );
  if (all.length === 0) return undefined;
  if (suffix === null) return [all[0]];
  if (suffix[1].toLowerCase() === 'list') return all;
  const index = Number(suffix[1]);
  return index < all.length ? [all[index]] : undefined;
}

/**
 * The value(s) a variable takes in a context, or undefined when the context does not say.
 * Multi-valued only for certificate `.List` fields.
 */
export function variableValues(v: PolicyVariable, ctx: RequestContext | undefined): readonly string[] | undefined {
  if (v.kind === 'literal-character') return v.literal === undefined ? undefined : [v.literal];
  if (ctx === undefined || ctx === null || typeof ctx !== 'object') return undefined;
  const one = (value: unknown): readonly string[] | undefined => (typeof value === 'string' ? [value] : undefined);
  switch (v.kind) {
    case 'client-id':
      return one(ctx.clientId);
    case 'thing-name':
      return one(ctx.thingName);
    case 'thing-type-name':
      return one(ctx.thingTypeName);
    case 'thing-attribute':
      return one(ownString(ctx.thingAttributes, v.attribute ?? ''));
    case 'thing-is-attached':
      return typeof ctx.isAttached === 'boolean' ? [String(ctx.isAttached)] : undefined;
    case 'certificate':
      return certificateValues(ctx, v.attribute ?? '');
    case 'domain-name':
      return one(ctx.domainName);
    case 'source-ip':
      return one(ctx.sourceIp);
    default:
      return undefined;
  }
}

/**
 * The literal text a variable contributes to a Resource when the policy is evaluated:
 * its single value, or — when there is none, several, or one AWS refuses to substitute
 * (a wildcard character, over 1024 characters) — the variable's own `${...}` text.
 */
export function substitutedText(v: PolicyVariable, ctx: RequestContext | undefined): string {
  const values = variableValues(v, ctx);
  if (values !== undefined && values.length === 1) {
    const value = values[0];
    if (v.kind === 'literal-character') return value;
    if (!/[*?]/.test(value) && value.length <= MAX_SUBSTITUTED_LENGTH) return value;
  }
  return renderedRaw(v);
}

/** The variable's text as AWS receives it: a Terraform-escaped `$${x}` arrives as `${x}`. */
function renderedRaw(v: PolicyVariable): string {
  return v.kind !== 'terraform-interpolation' && v.raw.startsWith('$${') ? v.raw.slice(1) : v.raw;
}

/**
 * Turns a raw Terraform/CDKTF template string into the text AWS would receive when it has no
 * interpolations (`$${` → `${`, `%%{` → `%{`). Returns undefined when a real interpolation
 * remains, because its value is only known after apply.
 */
export function renderTerraformLiteral(text: string): string | undefined {
  if (typeof text !== 'string') return undefined;
  let out = '';
  for (const part of scanTerraformTemplate(text)) {
    if (typeof part === 'string') out += part;
    else if (part.kind === 'terraform-interpolation') return undefined;
    else out += renderedRaw(part);
  }
  return out;
}
