/** The answer key of an interview exercise (SPEC §8): where each planted problem is and what a strong answer says. */
export interface AnswerKey {
  version: 1;
  /** Generated exercises: the seed that produced them. */
  seed?: number;
  difficulty?: Difficulty;
  /** Pack name or a generated exercise's name. */
  name?: string;
  problems: KeyProblem[];
}

export type Difficulty = 'junior' | 'mid' | 'lead';
export const DIFFICULTIES: readonly Difficulty[] = ['junior', 'mid', 'lead'];

export interface KeyProblem {
  id: string;
  /** The engine rule that finds it, when there is one. */
  ruleId?: string;
  /** The rule category (the part of a rule id before `/`); derived from `ruleId` when absent. */
  category: string;
  /** Path relative to the exercise folder, `/` separators. */
  file: string;
  /** Terraform address of the block that holds the problem (`aws_iam_policy.deploy`, `var.db_password`, `terraform`). */
  address: string;
  /** 1-based first and last line of that block in the unedited exercise. */
  lines: [number, number];
  explanation: string;
  /** The refactor a strong candidate would propose. */
  refactor: string;
  weight: number;
  /**
   * Words that tell this problem apart from others in its block (a service,
   * action, port, argument or resource name); derived from the rule id,
   * address and explanation when absent (see subjects.ts).
   */
  subjects?: string[];
}

/** The largest weight of one problem: weights rank problems against each other, and a sum of them stays finite. */
export const MAX_WEIGHT = 1000;
/** Seeds are 32-bit (`exercise new --seed`). */
export const MAX_SEED = 0xffffffff;

/** A key that cannot be used: the message says what is wrong and where. */
export class AnswerKeyError extends Error {}

/** Reads an answer key from its JSON text; throws AnswerKeyError naming the first problem found. */
export function parseAnswerKey(text: string, source = 'answer-key.json'): AnswerKey {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new AnswerKeyError(`${source} is not valid JSON: ${(e as Error).message}`);
  }
  const fail = (what: string): never => {
    throw new AnswerKeyError(`${source}: ${what}`);
  };
  if (!isObject(data)) return fail('expected an object with "version" and "problems".');
  if (data.version !== 1) fail(`"version" must be 1 (got ${JSON.stringify(data.version)}).`);
  if (!Array.isArray(data.problems)) fail('"problems" must be an array.');
  const ids = new Set<string>();
  const problems = (data.problems as unknown[]).map((p, i): KeyProblem => {
    const at = `problems[${i}]`;
    if (!isObject(p)) return fail(`${at} must be an object.`);
    const str = (name: string, optional = false): string | undefined => {
      const v = p[name];
      if (v === undefined && optional) return undefined;
      if (typeof v !== 'string' || v.trim() === '') return fail(`${at}.${name} must be a non-empty string.`);
      return v;
    };
    const id = str('id')!;
    if (ids.has(id)) fail(`${at}.id "${id}" is used twice.`);
    ids.add(id);
    const ruleId = str('ruleId', true);
    const category = str('category', true) ?? ruleId?.split('/')[0];
    if (!category) fail(`${at} needs a "ruleId" or a "category".`);
    if (ruleId && category !== ruleId.split('/')[0]) fail(`${at}.category "${category}" does not match ruleId "${ruleId}".`);
    const lines = p.lines;
    if (!Array.isArray(lines) || lines.length !== 2 || !lines.every((n) => Number.isSafeInteger(n) && n >= 1) || lines[0] > lines[1]) {
      fail(`${at}.lines must be [start, end], 1-based line numbers with start <= end.`);
    }
    const weight = p.weight ?? 1;
    // JSON reads 1e400 as Infinity: the score (found weight over total) would be NaN.
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0 || weight > MAX_WEIGHT) {
      fail(`${at}.weight must be a number greater than 0 and at most ${MAX_WEIGHT} (got ${describeJson(weight)}).`);
    }
    const problem: KeyProblem = {
      id,
      category: category!,
      file: str('file')!.replace(/\\/g, '/'),
      address: str('address')!,
      lines: [(lines as number[])[0]!, (lines as number[])[1]!],
      explanation: str('explanation')!,
      refactor: str('refactor')!,
      weight: weight as number,
    };
    if (ruleId) problem.ruleId = ruleId;
    if (p.subjects !== undefined) {
      const subjects = p.subjects;
      if (!Array.isArray(subjects) || subjects.some((w) => typeof w !== 'string' || w.trim() === '' || w.length > 100)) {
        fail(`${at}.subjects must be an array of non-empty strings (at most 100 characters each).`);
      }
      problem.subjects = subjects as string[];
    }
    return problem;
  });
  const key: AnswerKey = { version: 1, problems };
  if (data.seed !== undefined) {
    if (typeof data.seed !== 'number' || !Number.isInteger(data.seed) || data.seed < 0 || data.seed > MAX_SEED) {
      fail(`"seed" must be an integer from 0 to ${MAX_SEED} (got ${describeJson(data.seed)}).`);
    }
    key.seed = data.seed as number;
  }
  if (typeof data.difficulty === 'string') {
    if (!(DIFFICULTIES as readonly string[]).includes(data.difficulty)) fail(`"difficulty" must be one of ${DIFFICULTIES.join(', ')}.`);
    key.difficulty = data.difficulty as Difficulty;
  }
  if (typeof data.name === 'string') key.name = data.name;
  return key;
}

/** The key as written to `answer-key.json`: fixed field order, two-space indent, trailing newline. */
export function serializeAnswerKey(key: AnswerKey): string {
  const ordered = {
    version: key.version,
    ...(key.name !== undefined ? { name: key.name } : {}),
    ...(key.seed !== undefined ? { seed: key.seed } : {}),
    ...(key.difficulty !== undefined ? { difficulty: key.difficulty } : {}),
    problems: key.problems.map((p) => ({
      id: p.id,
      ...(p.ruleId !== undefined ? { ruleId: p.ruleId } : {}),
      category: p.category,
      file: p.file,
      address: p.address,
      lines: p.lines,
      explanation: p.explanation,
      refactor: p.refactor,
      weight: p.weight,
      ...(p.subjects !== undefined ? { subjects: p.subjects } : {}),
    })),
  };
  return JSON.stringify(ordered, null, 2).replace(/\[\n\s+(\d+),\n\s+(\d+)\n\s+\]/g, '[$1, $2]') + '\n';
}

/** A value for an error message, short (a key's text is the interviewer's, but may be long). */
function describeJson(v: unknown): string {
  const text = typeof v === 'number' && !Number.isFinite(v) ? String(v) : (JSON.stringify(v) ?? String(v));
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
