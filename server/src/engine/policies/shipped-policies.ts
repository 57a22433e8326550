import { compileUserPattern, type UserPattern } from '../config/user-pattern.js';

/*
 * The rules of the catalog written as policies (`rules/<category>/<name>.policy.json`,
 * SPEC §11: the `recommended` pack): the registry generator reads each file with
 * the engine's reader (policy-file.ts) and the registry holds the policy it read,
 * made a rule by policyRule, so no start of the program parses the pack again; a
 * broken file stops the generation, and a test checks that the registry is the
 * reader's current output.
 */

/**
 * A `matches` pattern of a shipped policy, compiled when first used (the reader accepted it at generation):
 * compiling a pattern runs RE2's compiler, cold code that cost ~5 ms of every start for one pattern.
 */
export function shippedPattern(source: string): UserPattern {
  let compiled: UserPattern | undefined;
  const pattern = (): UserPattern => {
    if (!compiled) {
      const result = compileUserPattern(source);
      if (!result.ok) throw new Error(`a shipped policy's pattern ${source} does not compile: ${result.error}`);
      compiled = result.pattern;
    }
    return compiled;
  };
  return { source, test: (text) => pattern().test(text), testWhole: (text) => pattern().testWhole(text) };
}
