/**
 * The time one rule may spend on one module. JavaScript cannot interrupt
 * synchronous code, so the budget is cooperative: the paths every rule goes
 * through (its context's evaluate/attributeValue/report/undecided, the
 * evaluator's recursion, the IAM matchers' loops) call tickRuleBudget(),
 * which reads the clock every 64th call and throws RuleBudgetExceeded once
 * the deadline has passed. runRules
 * turns that into one `internal` error naming the rule and the module.
 *
 * The state is module-level because a rule runs synchronously from start to
 * end: nothing else runs on this thread meanwhile, and the deadline is reset
 * (to the enclosing one, if any) when the rule returns or throws.
 */
import { nowMs } from './clock.js';

/** Default budget per rule and module (SPEC §5 `ruleTimeBudget`, in seconds, overrides it). */
export const DEFAULT_RULE_TIME_BUDGET_MS = 10_000;

/** Thrown by checkRuleBudget when the running rule has used up its time. */
export class RuleBudgetExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`exceeded its time budget of ${formatBudget(budgetMs)}`);
    this.name = 'RuleBudgetExceeded';
  }
}

interface ActiveBudget {
  deadline: number;
  budgetMs: number;
  /** Once expired, every later check throws too: a rule that catches the first throw cannot run on. */
  expired: boolean;
}

let active: ActiveBudget | undefined;

/** Throws RuleBudgetExceeded when a rule is running and its deadline has passed; otherwise does nothing. */
export function checkRuleBudget(): void {
  const budget = active;
  if (!budget) return;
  if (budget.expired || nowMs() > budget.deadline) {
    budget.expired = true;
    throw new RuleBudgetExceeded(budget.budgetMs);
  }
}

let ticks = 0;

/**
 * checkRuleBudget for the hottest paths (the evaluator's recursion, matcher
 * loops): reads the clock on every 64th call only, each call between being
 * a small step of work.
 */
export function tickRuleBudget(): void {
  if (active && (++ticks & 63) === 0) checkRuleBudget();
}

/** The outcome of running a function within a budget. */
export type BudgetedRun<T> = { exceeded: false; value: T } | { exceeded: true; budgetMs: number };

/**
 * Runs `fn` with a deadline `budgetMs` from now (never later than an
 * enclosing budget's). A RuleBudgetExceeded thrown inside — or swallowed
 * inside while the deadline passed — is reported as `exceeded`; any other
 * error propagates.
 */
export function runWithinBudget<T>(budgetMs: number, fn: () => T): BudgetedRun<T> {
  const outer = active;
  const deadline = Math.min(nowMs() + budgetMs, outer?.deadline ?? Infinity);
  const budget: ActiveBudget = { deadline, budgetMs, expired: false };
  active = budget;
  try {
    const value = fn();
    if (budget.expired) return { exceeded: true, budgetMs };
    return { exceeded: false, value };
  } catch (e) {
    if (e instanceof RuleBudgetExceeded || budget.expired) return { exceeded: true, budgetMs };
    throw e;
  } finally {
    active = outer;
    // An enclosing budget that expired meanwhile stays expired.
    if (outer && budget.expired && budget.deadline >= outer.deadline) outer.expired = true;
  }
}

/** `10 s`, `0.25 s`. */
export function formatBudget(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
