import { inertText } from '../engine/inert-text.js';
import type { InputError } from '../engine/finding.js';
import { annotation } from './format/github.js';
import { describeInputError, displayPath } from './format/report.js';
import type { CliIO } from './io.js';

/**
 * Where the CLI says what went wrong (stderr), in the shape its reader takes:
 * compiler-style lines for a terminal, or — with `check --format github` —
 * GitHub workflow commands, since a CI runner shows annotations where the
 * reviewer looks and reads every line for commands anyway. Either way one
 * problem is one line of inert text, whatever the file names and messages
 * it quotes hold.
 */
export interface StderrChannel {
  /** Problems of an input file (a configuration error), each with its file and position. */
  inputErrors(errors: readonly InputError[]): void;
  /** A sentence about the run (`iac-review check: …`), and what to do about it on a line of its own. */
  message(text: string, hint?: string): void;
  /** A bug of ours: the error and where it was thrown, to be reported. */
  internalError(error: unknown): void;
  /** Something the run could not use but went on without (a plan note, SPEC §10): not an error. */
  note(text: string): void;
}

const REPORT_IT = 'Please report this with the input that caused it.';

/**
 * `iac-review: internal error: <message>` on one line (the message may quote
 * the input), then the stack's frames, which are ours.
 */
function internalErrorLines(error: unknown): [head: string, frames: string] {
  if (!(error instanceof Error)) return [`iac-review: internal error: ${inertText(String(error))}`, ''];
  const head = `${error.name}: ${error.message}`;
  const stack = error.stack ?? '';
  const frames = stack.startsWith(head) ? stack.slice(head.length) : '';
  return [`iac-review: internal error: ${inertText(head)}`, inertText(frames.replace(/^\n/, ''), '\n')];
}

export function plainStderr(io: CliIO): StderrChannel {
  return {
    inputErrors: (errors) => {
      if (errors.length) io.stderr(errors.map((e) => describeInputError(io.cwd, e)).join('\n') + '\n');
    },
    message: (text, hint) => io.stderr(inertText(text) + '\n' + (hint === undefined ? '' : inertText(hint) + '\n')),
    note: (text) => io.stderr(inertText(text) + '\n'),
    internalError: (error) => {
      const [head, frames] = internalErrorLines(error);
      io.stderr(`${head}\n${frames ? `${frames}\n` : ''}${REPORT_IT}\n`);
    },
  };
}

export function annotatedStderr(io: CliIO, title: string): StderrChannel {
  return {
    inputErrors: (errors) => {
      const lines = errors.map((e) => {
        const kind = e.kind === 'config' ? 'configuration error' : 'input error';
        return annotation('error', e.message, { file: displayPath(io.cwd, e.file), line: e.range?.start.line, col: e.range?.start.column, title: `${title}: ${kind}` });
      });
      if (lines.length) io.stderr(lines.join('\n') + '\n');
    },
    message: (text, hint) => io.stderr(annotation('error', hint === undefined ? text : `${text}\n${hint}`, { title }) + '\n'),
    note: (text) => io.stderr(annotation('notice', text, { title }) + '\n'),
    internalError: (error) => {
      const [head, frames] = internalErrorLines(error);
      io.stderr(annotation('error', `${head}\n${frames ? `${frames}\n` : ''}${REPORT_IT}`, { title: `${title}: internal error` }) + '\n');
    },
  };
}
