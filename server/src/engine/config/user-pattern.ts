import { RE2JS } from 're2js';
import { TextMemo } from '../text-memo.js';

/**
 * Regular expressions written by users (rule options such as the naming
 * `pattern` and tag-value patterns). They come from `.iac-review.json`, which
 * a pull request can change, and run on names and values from the reviewed
 * code, so they run on RE2 (re2js): time linear in the text, never the
 * exponential backtracking of `RegExp` on `^([a-z]+)+$`. RE2's syntax is
 * JavaScript's without lookaround and backreferences, the two features that
 * need backtracking; a pattern using them, or one that does not compile, is a
 * configuration error, never a silent fallback.
 */
export interface UserPattern {
  readonly source: string;
  /** True when the pattern matches somewhere in the text (as `RegExp.test`). */
  test(text: string): boolean;
  /** True when the pattern matches the whole text. */
  testWhole(text: string): boolean;
}

export type UserPatternResult = { ok: true; pattern: UserPattern } | { ok: false; error: string };

/** Longest pattern accepted: the compiled program, and with it each match, grows with the pattern. */
export const MAX_PATTERN_LENGTH = 1000;

/**
 * Longest text a pattern is run on. Matching is linear in the text but its
 * constant grows with the pattern; no name or tag value that a convention
 * describes is this long (AWS tag values stop at 256 characters).
 */
export const MAX_MATCHED_TEXT = 4096;

const cache = new Map<string, UserPatternResult>();
const CACHE_LIMIT = 500;

/** Compiles a user pattern (cached: rules compile their options once per module). */
export function compileUserPattern(source: string): UserPatternResult {
  let result = cache.get(source);
  if (!result) {
    result = compile(source);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(source, result);
  }
  return result;
}

function compile(source: string): UserPatternResult {
  if (source.length > MAX_PATTERN_LENGTH) {
    return { ok: false, error: `the pattern is ${source.length} characters long; at most ${MAX_PATTERN_LENGTH} are accepted` };
  }
  const unsupported = unsupportedFeature(source);
  if (unsupported) return { ok: false, error: unsupported };
  let re: RE2JS;
  try {
    re = RE2JS.compile(source);
  } catch (e) {
    return { ok: false, error: describeCompileError(e) };
  }
  const anywhere = new MatchCache((text) => re.test(text));
  const whole = new MatchCache((text) => re.testExact(text));
  return {
    ok: true,
    pattern: {
      source,
      test: (text) => anywhere.test(text),
      testWhole: (text) => whole.test(text),
    },
  };
}

/** Texts a pattern answered for, kept while few: a workspace repeats its names (`name`, `tags`, `this`) in every module. */
const MATCH_CACHE_LIMIT = 4096;

class MatchCache {
  private readonly answers = new TextMemo<boolean>(MATCH_CACHE_LIMIT);
  constructor(private readonly match: (text: string) => boolean) {}

  test(text: string): boolean {
    // Long texts are rarely repeated: not worth the memory.
    return text.length <= 256 ? this.answers.get(text, this.match) : this.match(text);
  }
}

/**
 * Names the backtracking-only features precisely (RE2 would call a lookbehind
 * an "invalid named capture" and a backreference an "invalid escape").
 */
function unsupportedFeature(source: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(next)) return `\`\\${next}\` is a backreference, which needs a backtracking engine; patterns run on RE2 (linear time), which has none`;
      if (!inClass && next === 'k' && source[i + 2] === '<') return '`\\k<…>` is a backreference, which needs a backtracking engine; patterns run on RE2 (linear time), which has none';
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      // `[]]` and `[^]]`: a `]` first in a class is literal.
      if (source[i + 1] === '^') i++;
      if (source[i + 1] === ']') i++;
      continue;
    }
    if (c === '(' && source[i + 1] === '?') {
      const head = source.slice(i, i + 4);
      const look = ['(?<=', '(?<!'].find((l) => head.startsWith(l)) ?? ['(?=', '(?!'].find((l) => head.startsWith(l));
      if (look) return `\`${look}\` is a lookaround, which needs a backtracking engine; patterns run on RE2 (linear time), which has none`;
    }
  }
  return undefined;
}

function describeCompileError(e: unknown): string {
  const text = ((e as Error)?.message ?? String(e)).replace(/^error parsing regexp: /, '');
  const hint = text.includes('`\\u') ? ' (write `\\x{00e9}` for a code point)' : '';
  return `${text}${hint}`;
}
