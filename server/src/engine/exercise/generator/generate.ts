import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseSource } from '../../parse/parse-file.js';
import { ANSWER_KEY_FILE } from '../exercise-folder.js';
import { serializeAnswerKey, type AnswerKey, type Difficulty, type KeyProblem } from '../answer-key.js';
import { locateBlock } from '../block-locator.js';
import { BASE_MODULE } from './base-module.js';
import { MUTATION_SITES, type MutationSite, type Planted } from './mutations.js';
import { SeededRandom } from './prng.js';
import { MutationError, type ModuleTexts } from './text-edits.js';

const LEVELS: Record<Difficulty, number> = { junior: 0, mid: 1, lead: 2 };

/** How many problems each difficulty plants, and how many of them must be of that difficulty's own level. */
const PLAN: Record<Difficulty, { min: number; max: number; ownLevel: number }> = {
  junior: { min: 8, max: 8, ownLevel: 8 },
  mid: { min: 10, max: 12, ownLevel: 4 },
  lead: { min: 12, max: 15, ownLevel: 4 },
};

export interface GenerateOptions {
  seed: number;
  difficulty: Difficulty;
}

export interface GeneratedExercise {
  /** Folder-relative path → text, the module, README.md and answer-key.json. */
  files: ReadonlyMap<string, string>;
  key: AnswerKey;
}

const README = `# Orders service — review exercise

This folder is the Terraform root module of the "orders" service: its network,
instance, database, bucket, IAM role and monitoring. A colleague has opened a
pull request with it. Review it as you would that pull request.

Mark each problem you find with a comment inside the block it concerns (or on
the lines directly above the block), saying what is wrong and why:

    # REVIEW: <what is wrong, and what you would do instead>

\`//\` comments work too. Do not fix the code; comment on it.
`;

/** Generates an exercise: the clean base module with problems planted by operators the seed chooses. Deterministic per seed and difficulty. */
export function generateExercise(options: GenerateOptions): GeneratedExercise {
  const { seed, difficulty } = options;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError('the seed must be an integer from 0 to 4294967295');
  const rng = new SeededRandom(seed ^ (LEVELS[difficulty] * 0x9e3779b1));
  const sites = chooseSites(rng, difficulty);

  const texts: ModuleTexts = new Map(Object.entries(BASE_MODULE));
  const planted: Planted[] = sites.map((site) => site.apply(texts, rng));

  const parsed = new Map([...texts].map(([path, text]) => [path, parseSource(`/${path}`, text)]));
  const problems = planted
    .map((p) => {
      const file = parsed.get(p.file);
      const location = file && locateBlock([file], p.address);
      if (!location) throw new MutationError(`planted problem ${p.ruleId} lost its block ${p.address}`);
      return { p, lines: [location.startLine, location.endLine] as [number, number] };
    })
    .sort((a, b) => (a.p.file < b.p.file ? -1 : a.p.file > b.p.file ? 1 : a.lines[0] - b.lines[0] || (a.p.ruleId < b.p.ruleId ? -1 : a.p.ruleId > b.p.ruleId ? 1 : 0)))
    .map(({ p, lines }, i): KeyProblem => ({
      id: `p${i + 1}`,
      ruleId: p.ruleId,
      category: p.ruleId.split('/')[0]!,
      file: p.file,
      address: p.address,
      lines,
      explanation: p.explanation,
      refactor: p.refactor,
      weight: p.weight,
      subjects: p.subjects,
    }));

  const key: AnswerKey = { version: 1, name: `orders-${difficulty}-${seed}`, seed, difficulty, problems };
  const files = new Map<string, string>();
  for (const path of [...texts.keys(), 'README.md', ANSWER_KEY_FILE].sort()) {
    files.set(path, path === 'README.md' ? README : path === ANSWER_KEY_FILE ? serializeAnswerKey(key) : texts.get(path)!);
  }
  return { files, key };
}

/** Writes a generated exercise into a folder (created if needed). */
export function writeExercise(exercise: GeneratedExercise, dir: string): string[] {
  const written: string[] = [];
  for (const [path, text] of exercise.files) {
    const abs = join(dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    written.push(path);
  }
  return written;
}

/**
 * Picks the sites: first ones of the difficulty's own level, then any the
 * difficulty allows; within each pass one site per operator before a second,
 * and never two sites of one group.
 */
function chooseSites(rng: SeededRandom, difficulty: Difficulty): MutationSite[] {
  const plan = PLAN[difficulty];
  const count = rng.int(plan.min, plan.max);
  const allowed = MUTATION_SITES.filter((s) => LEVELS[s.level] <= LEVELS[difficulty]);
  const shuffled = rng.shuffle(allowed);
  const chosen: MutationSite[] = [];
  const groups = new Set<string>();
  const operators = new Set<string>();
  const take = (limit: number, eligible: (s: MutationSite) => boolean, distinctOperators: boolean) => {
    for (const site of shuffled) {
      if (chosen.length >= limit) return;
      if (chosen.includes(site) || !eligible(site) || site.groups.some((g) => groups.has(g))) continue;
      if (distinctOperators && operators.has(site.operator)) continue;
      chosen.push(site);
      site.groups.forEach((g) => groups.add(g));
      operators.add(site.operator);
    }
  };
  const ownLevel = Math.min(plan.ownLevel, count);
  const isOwn = (s: MutationSite) => s.level === difficulty;
  take(ownLevel, isOwn, true);
  take(ownLevel, isOwn, false);
  take(count, () => true, true);
  take(count, () => true, false);
  if (chosen.length < count) throw new MutationError(`only ${chosen.length} compatible sites for ${count} ${difficulty} problems`);
  // Apply in a fixed order (the list's), so an edit never depends on which site the shuffle put first.
  return chosen.sort((a, b) => MUTATION_SITES.indexOf(a) - MUTATION_SITES.indexOf(b));
}
