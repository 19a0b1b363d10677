// @ts-check
/**
 * Runs one plan through the built engine and every reporter, the way `planwarden check` does,
 * inside a worker thread so the test can stop a case that hangs (an infinite loop or a
 * catastrophic regex cannot be interrupted on the thread that runs it). Plain JavaScript: a
 * worker cannot load TypeScript through ts-jest. The protocol is in sandbox.ts.
 */
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const path = require('node:path');

const dist = /** @type {string} */ (workerData.dist);
const { runCheck, defaultSettings } = require(path.join(dist, 'policies/engine/check'));
const { resolveRun } = require(path.join(dist, 'policies/engine/config'));
const { emptyConfig } = require(path.join(dist, 'policies/engine/config/model'));
const { InputError } = require(path.join(dist, 'policies/engine/types'));
const { ALL_RULES } = require(path.join(dist, 'policies/rules'));
const { REPORTERS } = require(path.join(dist, 'cli/reporters'));

/** Fixed clock: waiver states must not depend on the day the test runs. */
const NOW = new Date('2026-01-15T12:00:00Z');

/** Prototype properties before any case ran: a hostile plan must never add to them. */
const PROTOTYPES = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype };
const baseline = Object.fromEntries(Object.entries(PROTOTYPES).map(([k, p]) => [k, new Set(Reflect.ownKeys(p).map(String))]));

function pollution() {
  const found = [];
  for (const [name, proto] of Object.entries(PROTOTYPES)) {
    for (const key of Reflect.ownKeys(proto).map(String)) if (!baseline[name].has(key)) found.push(`${name}.prototype.${key}`);
  }
  // @ts-ignore -- the property a pollution would set
  if (({}).polluted !== undefined) found.push('({}).polluted');
  return found;
}

/** The options `check` would build: the default config, or one with PHI scope by tag/module and waivers. */
function optionsFor(variant) {
  const flags = { unknown: variant.unknownPolicy, changedOnly: variant.changedOnly, overrideSoft: variant.overrideSoft };
  if (variant.config === 'default') {
    return { options: { unknownPolicy: variant.unknownPolicy, changedOnly: variant.changedOnly, overrideSoft: variant.overrideSoft, settingsFor: defaultSettings }, waivers: undefined };
  }
  const config = emptyConfig();
  config.file = 'planwarden.config.json';
  config.phiScope = { all: false, tags: { DataClassification: ['PHI', 'ePHI'] }, modules: ['module.records'] };
  config.waivers = [
    { rule: ['ENC-*'], address: 'module.*', reason: 'legacy modules, migrating', expires: '2026-02-01', ticket: 'SEC-1' },
    { rule: ['logging'], address: '*', reason: 'expired on purpose', expires: '2025-01-01' },
  ];
  const run = resolveRun(config, ALL_RULES, flags, NOW);
  return { options: run.options, waivers: run.waivers };
}

function evaluate(bytes, label, variant) {
  const { options, waivers } = optionsFor(variant);
  const report = runCheck({ sources: [{ label, bytes: () => bytes }], rules: ALL_RULES, options });
  if (waivers) {
    report.waivers = waivers.uses();
    report.notices = waivers.notices();
  }
  const outputs = {};
  // Timing tests measure the engine alone; every other case renders every format.
  if (variant.render !== false) for (const [format, render] of Object.entries(REPORTERS)) outputs[format] = render(report, { color: false });
  return { exitCode: report.summary.blocking > 0 ? 1 : 0, outputs };
}

parentPort.on('message', (request) => {
  const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
  const started = process.hrtime.bigint();
  let reply;
  try {
    const { exitCode, outputs } = evaluate(bytes, request.label, request.variant);
    reply = { kind: 'report', exitCode, outputs };
  } catch (err) {
    if (err instanceof InputError) reply = { kind: 'input-error', message: err.message };
    else reply = { kind: 'crash', name: err instanceof Error ? err.name : typeof err, message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? String(err.stack) : '' };
  }
  reply.id = request.id;
  reply.millis = Number(process.hrtime.bigint() - started) / 1e6;
  reply.pollution = pollution();
  parentPort.postMessage(reply);
});
