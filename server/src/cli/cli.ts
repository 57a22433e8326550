import { analyzeMaybeInParallel, parallelSettings } from './parallel-review.js';
import { reviewChange } from '../engine/change/review-change.js';
import { RULES } from '../engine/rules/registry.generated.js';
import { readPlan } from '../engine/plan/read-plan.js';
import { runCheck, type CheckDependencies } from './commands/check.js';
import { runChecklist } from './commands/checklist.js';
import { runRules } from './commands/rules.js';
import { runLsp } from './commands/lsp.js';
import { runExercise } from './commands/exercise.js';
import { runPolicy } from './commands/policy.js';
import { MAIN_HELP } from './help.js';
import type { CliIO } from './io.js';
import { TOOL_VERSION } from './tool-info.js';
import { EXIT_OK, EXIT_USAGE, reportUsageError, UsageError } from './usage.js';

/** Runs the CLI in-process and returns the exit status (SPEC §6). */
export function main(argv: string[], io: CliIO, deps: Partial<CheckDependencies> & { startLsp?: () => void } = {}): number {
  const dependencies: CheckDependencies = {
    // Large workspaces are reviewed on several threads (parallel-review.ts), with the one-thread output.
    analyze: deps.analyze ?? ((options) => analyzeMaybeInParallel(options, parallelSettings(io.env))),
    reviewChange: deps.reviewChange ?? reviewChange,
    rules: deps.rules ?? RULES.map((r) => r.meta),
    readPlan: deps.readPlan ?? ((file) => readPlan(file)),
  };
  const [command, ...args] = argv;
  try {
    switch (command) {
      case undefined:
        io.stderr(MAIN_HELP);
        return EXIT_USAGE;
      case '-h':
      case '--help':
      case 'help':
        io.stdout(MAIN_HELP);
        return EXIT_OK;
      case '-v':
      case '--version':
      case 'version':
        io.stdout(`${TOOL_VERSION}\n`);
        return EXIT_OK;
      case 'check':
        return runCheck(args, io, dependencies);
      case 'checklist':
        return runChecklist(args, io, dependencies.readPlan);
      case 'rules':
        return runRules(args, io, dependencies.rules);
      case 'lsp':
        return runLsp(args, io, deps.startLsp ?? startStdioServer);
      case 'exercise':
        return runExercise(args, io);
      case 'policy':
        return runPolicy(args, io);
      default:
        throw new UsageError(command.startsWith('-') ? `unknown option "${command}".` : `unknown command "${command}".`);
    }
  } catch (e) {
    if (e instanceof UsageError) return reportUsageError(io, e);
    throw e;
  }
}

/**
 * The language server, loaded only when asked for: its protocol libraries
 * are a fifth of the start-up of every other command.
 */
function startStdioServer(): void {
  void import('../lsp/stdio.js').then((m) => m.runStdioServer());
}
