import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CliIO } from './io.js';
import { plainStderr, type StderrChannel } from './stderr-channel.js';

/** A command-line mistake: printed on stderr with a hint, exit status 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** The message (which may quote an argument, a path, a git ref: escaped by the channel), then where to read the usage. */
export function reportUsageError(io: CliIO, error: UsageError, stderr: StderrChannel = plainStderr(io)): number {
  const hint = error.command ? `iac-review ${error.command} --help` : 'iac-review --help';
  stderr.message(`iac-review${error.command ? ` ${error.command}` : ''}: ${error.message}`, `Run \`${hint}\` for usage.`);
  return EXIT_USAGE;
}

/** node:util parseArgs, with its errors turned into usage errors. */
export function parseCommandArgs<T extends ParseArgsConfig['options']>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, '.'), command);
  }
}

export function oneOf<T extends string>(command: string, option: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${option} must be one of ${allowed.join(', ')}; got "${value}".`, command);
}
