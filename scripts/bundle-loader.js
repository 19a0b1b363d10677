#!/usr/bin/env node
'use strict';
/**
 * What `bin` runs: compiles the bundle (cli.js beside this file) with the V8 code cache that
 * `npm run build` recorded, then runs it as this module. Compiling the 1.8 MB bundle and the
 * functions a check calls was ~80 ms of every run's start-up (issue 10). V8 refuses a cache made
 * by another V8 version, with other flags, or for other source; the bundle then compiles as usual.
 *
 * PLANWARDEN_CODE_CACHE=write (scripts/bundle.js) records the cache when the process exits;
 * PLANWARDEN_CODE_CACHE=report prints whether it was used (the bundle's tests read it).
 */
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { wrap } = require('node:module');

const file = path.join(__dirname, 'cli.js');
const cacheFile = path.join(__dirname, 'cli.js.cache');
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
const mode = process.env.PLANWARDEN_CODE_CACHE;
if (mode === 'report') process.stderr.write(`code cache: ${cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used'}\n`);
if (mode === 'write') process.once('exit', () => fs.writeFileSync(cacheFile, script.createCachedData()));
script.runInThisContext()(module.exports, require, module, file, __dirname);
