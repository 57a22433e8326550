#!/usr/bin/env node
// The `iac-review` binary (copied to dist/cli.js by scripts/build.mjs). It runs the CommonJS bundle beside it,
// dist/cli.cjs, compiled with the V8 code cache built at package time (dist/cli.cjs.cache, from
// scripts/build-code-cache.cjs): the bundle's functions are then read back, not compiled again at every start.
// A cache that does not match this Node (another V8 version, other V8 flags) is rejected by V8 itself. V8
// checks only the source's length, so the cache also names the bundle it was built for (the content hash
// build.mjs writes at the bundle's end): a cache of another build is not used. Without a usable cache the
// bundle is compiled as without one: slower, never wrong. Nothing is ever written here: a run leaves no cache.
'use strict';
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

const bundle = join(__dirname, 'cli.cjs');
const ID_MARK = '//# iacReviewBundle=';

/** The content hash build.mjs appended to the bundle, or undefined. */
function bundleId(source) {
  const at = source.lastIndexOf(ID_MARK);
  return at < 0 ? undefined : source.slice(at + ID_MARK.length).trim();
}

/** The cache file's header: the id of the bundle the cache was built for. */
function cacheHeader(id) {
  return Buffer.from(`${id}\n`, 'latin1');
}

/** The bundle as a vm.Script, with the shipped code cache when there is one built for it. */
function compileBundle() {
  const source = readFileSync(bundle, 'utf8');
  const id = bundleId(source);
  let cachedData;
  try {
    const cache = readFileSync(`${bundle}.cache`);
    const header = id === undefined ? undefined : cacheHeader(id);
    if (header && cache.subarray(0, header.length).equals(header)) cachedData = cache.subarray(header.length);
  } catch {
    // No cache shipped (the .vsix leaves it out): compile as Node would.
  }
  // The same wrapper as Node's CommonJS loader, so the bundle sees require, module and __filename as usual.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapped, cachedData ? { filename: bundle, cachedData } : { filename: bundle });
  return { script, id };
}

function runBundle({ script }) {
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, __dirname);
}

if (require.main === module) runBundle(compileBundle());
else module.exports = { compileBundle, runBundle, cacheHeader };
