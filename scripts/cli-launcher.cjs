#!/usr/bin/env node
// The `iac-review` binary (copied to dist/cli.js by scripts/build.mjs). It runs the CommonJS bundle beside it,
// dist/cli.cjs, compiled with the V8 code cache built at package time (dist/cli.cjs.cache, from
// scripts/build-code-cache.cjs): the bundle's functions are then read back, not compiled again at every start.
// A cache that does not match this Node (another V8 version, other V8 flags) is rejected by V8 itself. V8
// checks only the source's length, so the cache also names the bundle it was built for (the content hash
// build.mjs writes at the bundle's end): a cache of another build is not used. Without a usable cache the
// bundle is compiled as without one: slower, never wrong. Nothing is ever written here: a run leaves no cache.
'use strict';
const { closeSync, fstatSync, openSync, readSync } = require('node:fs');
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

/**
 * The cache file's header: the id of the bundle the cache was built for, padded in front with spaces to a
 * multiple of 8 bytes. The cache after it then starts pointer-aligned in the buffer it is read into, and V8 reads
 * it in place: V8 copies cached data that is not aligned (1.4 MB, ~350 page faults of every start).
 */
function cacheHeader(id) {
  const line = `${id}\n`;
  return Buffer.from(line.padStart(Math.ceil(line.length / 8) * 8, ' '), 'latin1');
}

/** The function expression to compile: the wrapped bundle as build.mjs wrote it, or a bundle wrapped here. */
function wrappedFunction(source) {
  const end = source.lastIndexOf(`${BUNDLE_WRAPPER_END}.call(`);
  if (source.startsWith(BUNDLE_WRAPPER) && end > 0) return source.slice(0, end + BUNDLE_WRAPPER_END.length);
  return `${BUNDLE_WRAPPER}${source}${BUNDLE_WRAPPER_END}`;
}

/**
 * The bundle's text and, when there is one, its cache file's bytes, read through one buffer: the text is
 * copied out of it into a string, then the cache is read into the same memory (a megabyte and a half of pages
 * the process need not touch twice). The bundle is ASCII (build.mjs checks), so it is read as Latin-1: one
 * copy, no UTF-8 decoding.
 */
function readBundle() {
  const sourceFd = openSync(bundle, 'r');
  let cacheFd;
  try {
    cacheFd = openSync(`${bundle}.cache`, 'r');
  } catch {
    // No cache shipped (the .vsix leaves it out): compile as Node would.
  }
  try {
    const sourceSize = fstatSync(sourceFd).size;
    const cacheSize = cacheFd === undefined ? 0 : fstatSync(cacheFd).size;
    const buffer = Buffer.allocUnsafeSlow(Math.max(sourceSize, cacheSize));
    const source = buffer.latin1Slice(0, readAll(sourceFd, buffer, sourceSize));
    const cache = cacheFd === undefined ? undefined : buffer.subarray(0, readAll(cacheFd, buffer, cacheSize));
    return { source, cache };
  } finally {
    closeSync(sourceFd);
    if (cacheFd !== undefined) closeSync(cacheFd);
  }
}

/** Reads up to `size` bytes of `fd` into the start of `buffer`; the number read. */
function readAll(fd, buffer, size) {
  let read = 0;
  for (let n; read < size && (n = readSync(fd, buffer, read, size - read, read)) > 0; ) read += n;
  return read;
}

/** The bundle as a vm.Script, with the shipped code cache when there is one built for it. */
function compileBundle() {
  const { source, cache } = readBundle();
  const id = bundleId(source);
  const header = id === undefined ? undefined : cacheHeader(id);
  const cachedData = cache && header && cache.subarray(0, header.length).equals(header) ? cache.subarray(header.length) : undefined;
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
