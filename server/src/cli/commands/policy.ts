import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { runPolicyTest, type PolicyTestResult } from '../../engine/policies/policy-test.js';
import { inertText } from '../../engine/inert-text.js';
import { POLICY_HELP } from '../help.js';
import type { CliIO } from '../io.js';
import { displayPath } from '../format/report.js';
import { plainStderr } from '../stderr-channel.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, parseCommandArgs, UsageError } from '../usage.js';
import { reportConfigErrors } from './check.js';

/** `iac-review policy test [DIR]` (SPEC §11). */
export function runPolicy(args: string[], io: CliIO): number {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '-h' || sub === '--help' || sub === 'help') {
    io.stdout(POLICY_HELP);
    return sub === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (sub !== 'test') throw new UsageError(`unknown subcommand "${sub}"; expected "test".`, 'policy');
  const { values, positionals } = parseCommandArgs('policy test', rest, {
    config: { type: 'string', short: 'c' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(POLICY_HELP);
    return EXIT_OK;
  }
  if (positionals.length > 1) throw new UsageError(`expected at most one DIR, got ${positionals.length}.`, 'policy test');
  const dir = resolve(io.cwd, positionals[0] ?? '.');
  if (!existsSync(dir)) throw new UsageError(`directory not found: ${positionals[0]}`, 'policy test');
  const configFile = values.config === undefined ? undefined : resolve(io.cwd, values.config);
  if (configFile !== undefined && !existsSync(configFile)) throw new UsageError(`configuration file not found: ${values.config}`, 'policy test');

  const result = runPolicyTest({ dir, ...(configFile ? { configFile } : {}) });
  if (result.configErrors.length) return reportConfigErrors('policy test', plainStderr(io), result.configErrors);
  io.stdout(formatPolicyTest(result, io.cwd));
  return result.missing.length || result.unexpected.length || result.inputProblems.length ? EXIT_FINDINGS : EXIT_OK;
}

/**
 * The outcome as a diff: `- file:line policy` for an expectation nobody
 * met, `+ file:line policy message` for a finding nobody expected, then a
 * summary line.
 */
export function formatPolicyTest(result: PolicyTestResult, cwd: string): string {
  const lines: string[] = [];
  const where = (file: string, line: number) => `${displayPath(cwd, file)}:${line}`;
  for (const p of result.inputProblems) lines.push(`! ${inertText(p)}`);
  for (const m of result.missing) {
    const got = m.got ? ` (reported as ${m.got.severity}, expected ${m.severity})` : ' (expected, not reported)';
    lines.push(`- ${where(m.file, m.line)} ${m.ruleId}${got}`);
  }
  for (const f of result.unexpected) lines.push(`+ ${where(f.file, f.range.start.line)} ${f.ruleId} (reported, not expected): ${inertText(f.message)}`);
  const ok = lines.length === 0;
  const summary =
    `${ok ? 'ok' : 'FAILED'}: ${result.policies.length} ${result.policies.length === 1 ? 'policy' : 'policies'}, ` +
    `${result.met.length} of ${result.met.length + result.missing.length} expected findings reported, ` +
    `${result.unexpected.length} unexpected, in ${result.files.length} ${result.files.length === 1 ? 'file' : 'files'}`;
  return `${lines.join('\n')}${lines.length ? '\n\n' : ''}${summary}\n`;
}
