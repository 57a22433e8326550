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
const { join } = require('node:path');
const { Script } = require('node:vm');

const bundle = join(__dirname, 'cli.cjs');
const ID_MARK = '//# iacReviewBundle=';
/**
 * build.mjs writes the bundle inside the function Node's CommonJS loader wraps a module in (and calls it, so
 * that the file also runs when required): what is compiled here is a slice of the text read — no 1.6 MB copy
 * with a wrapper around it. The parameters are the loader's own.
 */
const BUNDLE_WRAPPER = '(function (exports, require, module, __filename, __dirname) {';
const BUNDLE_WRAPPER_END = '\n})';

/** The content hash build.mjs appended to the bundle, or undefined. */
function bundleId(source) {
  const at = source.lastIndexOf(ID_MARK);
  return at < 0 ? undefined : source.slice(at + ID_MARK.length).trim();
}

/** The cache file's header: the id of the bundle the cache was built for. */
function cacheHeader(id) {
  return Buffer.from(`${id}\n`, 'latin1');
}

/** The function expression to compile: the wrapped bundle as build.mjs wrote it, or a bundle wrapped here. */
function wrappedFunction(source) {
  const end = source.lastIndexOf(`${BUNDLE_WRAPPER_END}.call(`);
  if (source.startsWith(BUNDLE_WRAPPER) && end > 0) return source.slice(0, end + BUNDLE_WRAPPER_END.length);
  return `${BUNDLE_WRAPPER}${source}${BUNDLE_WRAPPER_END}`;
}

/** The bundle as a vm.Script, with the shipped code cache when there is one built for it. */
function compileBundle() {
  // Latin-1: the bundle is ASCII (build.mjs checks), and this reads it with one copy and no UTF-8 decoding.
  const source = readFileSync(bundle, 'latin1');
  const id = bundleId(source);
  let cachedData;
  try {
    const cache = readFileSync(`${bundle}.cache`);
    const header = id === undefined ? undefined : cacheHeader(id);
    if (header && cache.subarray(0, header.length).equals(header)) cachedData = cache.subarray(header.length);
  } catch {
    // No cache shipped (the .vsix leaves it out): compile as Node would.
  }
  const wrapped = wrappedFunction(source);
  const script = new Script(wrapped, cachedData ? { filename: bundle, cachedData } : { filename: bundle });
  return { script, id };
}

function runBundle({ script }) {
  const module = { exports: {} };
  // The bundle's require is this file's: the two sit side by side, so every path resolves the same.
  script.runInThisContext()(module.exports, require, module, bundle, __dirname);
}

if (require.main === module) runBundle(compileBundle());
else module.exports = { compileBundle, runBundle, cacheHeader, BUNDLE_WRAPPER, BUNDLE_WRAPPER_END };
