/**
 * IAM wildcards (`*` any run of characters, `?` exactly one), matched without
 * regular expressions: a policy is input from the reviewed repository, and a
 * backtracking engine takes exponential time on `ec2:********Z`.
 *
 * A pattern is kept in a canonical form: in every run of wildcards the `?`
 * come first and the `*` collapse to one (`*?*?` → `??*`), which means the
 * same. Split at its stars it is a head (anchored at the start), middle
 * segments and a tail (anchored at the end); a segment holds literal
 * characters and `?`. Matching places the head and the tail, then each middle
 * segment at its leftmost position after the previous one — leftmost is
 * always safe because a star follows. That costs O(text × pattern) at worst,
 * with no backtracking stack, and a length check rejects most texts at once.
 */
export interface Wildcard {
  /** The canonical pattern (lower-cased when case-insensitive). */
  readonly canonical: string;
  readonly caseInsensitive: boolean;
  readonly hasStar: boolean;
  /** The fewest characters a matching text has: the pattern's characters other than `*`. */
  readonly minLength: number;
  /** Star-separated parts; one part when there is no star. */
  readonly parts: readonly string[];
}

export interface WildcardOptions {
  /** IAM compares actions case-insensitively (the default), ARNs exactly. */
  caseInsensitive?: boolean;
}

/** True when a string holds an IAM wildcard. */
export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/** Parses a pattern into its canonical form: O(pattern length). */
export function parseWildcard(pattern: string, { caseInsensitive = true }: WildcardOptions = {}): Wildcard {
  const source = caseInsensitive ? pattern.toLowerCase() : pattern;
  let canonical = '';
  let minLength = 0;
  let hasStar = false;
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c !== '*' && c !== '?') {
      // Copy the literal run in one slice.
      let j = i + 1;
      while (j < source.length && source[j] !== '*' && source[j] !== '?') j++;
      canonical += source.slice(i, j);
      minLength += j - i;
      i = j;
      continue;
    }
    let questions = 0;
    let star = false;
    while (i < source.length && (source[i] === '*' || source[i] === '?')) {
      if (source[i] === '?') questions++;
      else star = true;
      i++;
    }
    canonical += '?'.repeat(questions) + (star ? '*' : '');
    minLength += questions;
    hasStar ||= star;
  }
  return { canonical, caseInsensitive, hasStar, minLength, parts: canonical.split('*') };
}

/** Compiles a pattern into a matcher: `*` any run, `?` one character; case-insensitive unless told otherwise. */
export function compileWildcard(pattern: string, options: WildcardOptions = {}): (text: string) => boolean {
  const wildcard = parseWildcard(pattern, options);
  return (text) => matchesWildcard(wildcard, text);
}

/** True when the IAM wildcard pattern matches the text (case-insensitive unless told otherwise). */
export function wildcardMatches(pattern: string, text: string, options: WildcardOptions = {}): boolean {
  return matchesWildcard(parseWildcard(pattern, options), text);
}

/** Matches a parsed pattern against a text: O(text × pattern) at worst, no backtracking. */
export function matchesWildcard(wildcard: Wildcard, text: string): boolean {
  const subject = wildcard.caseInsensitive ? text.toLowerCase() : text;
  return matchesFolded(wildcard, subject);
}

/** As matchesWildcard, for a text already lower-cased when the pattern is case-insensitive (the action index keeps its names so). */
export function matchesFolded(wildcard: Wildcard, text: string): boolean {
  if (text.length < wildcard.minLength) return false;
  return placeParts(wildcard, text, segmentAt);
}

/** Whether a segment (literal characters and `?`, never `*`) matches the subject at a position. */
type SegmentTest = (segment: string, subject: string, at: number) => boolean;

/**
 * The one placement both matchers share: the head at the start, the tail at
 * the end, each middle segment at its leftmost fit after the previous one
 * (leftmost is always safe between stars, so there is nothing to undo).
 */
function placeParts(wildcard: Wildcard, subject: string, fits: SegmentTest): boolean {
  const { parts } = wildcard;
  if (!wildcard.hasStar) return subject.length === parts[0]!.length && fits(parts[0]!, subject, 0);
  const head = parts[0]!;
  const tail = parts[parts.length - 1]!;
  const limit = subject.length - tail.length;
  if (limit < head.length) return false;
  if (!fits(head, subject, 0) || !fits(tail, subject, limit)) return false;
  let pos = head.length;
  for (let p = 1; p < parts.length - 1; p++) {
    const segment = parts[p]!;
    const at = findSegment(segment, subject, pos, limit, fits);
    if (at < 0) return false;
    pos = at + segment.length;
  }
  return true;
}

/** True when `segment` (literal characters and `?`) matches `text` at `at`. */
function segmentAt(segment: string, text: string, at: number): boolean {
  if (at < 0 || at + segment.length > text.length) return false;
  for (let i = 0; i < segment.length; i++) {
    const s = segment.charCodeAt(i);
    if (s !== QUESTION && s !== text.charCodeAt(at + i)) return false;
  }
  return true;
}

/**
 * The leftmost position ≥ from where `segment` fits and ends by `limit`, or -1.
 * A segment without `?` is found by indexOf: it holds no `*` either, so an
 * exact occurrence is a fit for both matchers.
 */
function findSegment(segment: string, subject: string, from: number, limit: number, fits: SegmentTest): number {
  const last = limit - segment.length;
  if (!segment.includes('?')) {
    const at = subject.indexOf(segment, from);
    return at >= 0 && at <= last ? at : -1;
  }
  for (let at = from; at <= last; at++) if (fits(segment, subject, at)) return at;
  return -1;
}

const QUESTION = '?'.charCodeAt(0);
const STAR = '*'.charCodeAt(0);

/**
 * Longest pattern compared with another: IAM policies are at most 10,240
 * characters, and so is any real action or ARN pattern. Longer ones are
 * compared only for equality (never "covered" otherwise), which keeps the
 * quadratic worst case bounded.
 */
export const MAX_COMPARED_PATTERN = 4096;

/**
 * True when every text `specific` matches is matched by `general` too
 * (`s3:Get*` covers `s3:GetObj?ct` and `s3:GetObject`; `s3:GetObj?ct` does not
 * cover `s3:GetObj*ct`). Sound — true only when the inclusion holds — and
 * polynomial: the general pattern is matched against the specific one read as
 * symbols, where a `?` of the general pattern takes one symbol other than `*`,
 * a literal only the same literal, and a `*` any run of symbols. Both are
 * canonical first, so equivalent spellings (`*?` and `?*`) compare equal.
 * Not complete: where a star of the specific pattern stands against fixed
 * characters of the general one (`?*` does cover `*a`), the answer is "not
 * covered". Deciding those exactly means a case analysis over how each star
 * expands, exponential in the number of stars; erring this way means the
 * checklist asks about a possible widening rather than hiding one.
 */
export function wildcardCovers(general: string, specific: string, options: WildcardOptions = {}): boolean {
  const g = parseWildcard(general, options);
  const s = parseWildcard(specific, options);
  if (g.canonical === s.canonical) return true;
  if (g.canonical.length > MAX_COMPARED_PATTERN || s.canonical.length > MAX_COMPARED_PATTERN) return false;
  // A star-free pattern matches texts of one length only.
  if (!g.hasStar && s.hasStar) return false;
  if (s.minLength < g.minLength) return false;
  return placeParts(g, s.canonical, symbolSegmentAt);
}

/** A segment of the general pattern against the specific pattern's symbols: a `*` there is matched by nothing in a segment. */
function symbolSegmentAt(segment: string, symbols: string, at: number): boolean {
  if (at < 0 || at + segment.length > symbols.length) return false;
  for (let i = 0; i < segment.length; i++) {
    const g = segment.charCodeAt(i);
    const s = symbols.charCodeAt(at + i);
    if (s === STAR) return false;
    if (g === QUESTION) continue;
    if (g !== s) return false;
  }
  return true;
}
