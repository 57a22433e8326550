import { fstatSync, writeSync } from 'node:fs';

/** What the CLI needs from its process: injected so tests can run it in-process. */
export interface CliIO {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colour in the text format). */
  stdoutIsTTY: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The part of a Node stream the CLI writes through when it cannot write to the descriptor itself. */
export interface FallbackStream {
  write(chunk: string | Uint8Array): unknown;
  isTTY?: boolean;
}

/** The process's own IO: CliIO, and whether everything written has left the process. */
export interface ProcessIO extends CliIO {
  /** True when every write went straight to its descriptor: nothing waits in a Node stream to be flushed. */
  written(): boolean;
}

/**
 * The process's own streams, written through their file descriptors. `process.stdout` is built on first use,
 * and for a pipe — where a CLI's output usually goes — that loads Node's stream and net modules, ~10 ms of a
 * one-file `check`; writing to the descriptor writes the same bytes in the same order, synchronously, as
 * Node writes to pipes and files on POSIX.
 */
export function processIO(): ProcessIO {
  let stdoutIsTTY: boolean | undefined;
  const stdout = fdWriter(1, () => process.stdout);
  const stderr = fdWriter(2, () => process.stderr);
  return {
    cwd: process.cwd(),
    env: process.env,
    get stdoutIsTTY() {
      return (stdoutIsTTY ??= isTerminal(1, () => process.stdout));
    },
    stdout,
    stderr,
    written: () => stdout.direct() && stderr.direct(),
  };
}

/** A writer to a descriptor; `direct()` is false once it has handed text to the stream. */
export interface FdWriter {
  (text: string): void;
  direct(): boolean;
}

/**
 * Writes to descriptor `fd` until a write fails — a non-blocking pipe that is full (EAGAIN), a reader that went
 * away (EPIPE) — and from then on, from the first byte not written, through `stream()`, which handles those
 * as it always has (waits, or reports the error).
 */
export function fdWriter(fd: number, stream: () => FallbackStream): FdWriter {
  let direct = true;
  let checked = false;
  const write = (text: string): void => {
    // A terminal gets the stream: on Windows only the console API (which Node's TTY stream uses) shows UTF-8 text
    // as written, and a person reading a terminal does not wait on a module load.
    if (!checked) {
      checked = true;
      direct = !isCharacterDevice(fd);
    }
    if (direct) {
      const bytes = Buffer.from(text, 'utf8');
      let written = 0;
      try {
        while (written < bytes.length) written += writeSync(fd, bytes, written);
        return;
      } catch {
        direct = false;
        if (written > 0) {
          stream().write(bytes.subarray(written));
          return;
        }
      }
    }
    stream().write(text);
  };
  return Object.assign(write, { direct: () => direct });
}

/** Whether `fd` is a terminal: only a character device can be one, so a pipe or a file needs no TTY module. */
export function isTerminal(fd: number, stream: () => FallbackStream): boolean {
  return isCharacterDevice(fd) && stream().isTTY === true;
}

/** A character device (a terminal, /dev/null), or a descriptor that cannot be asked (then the stream decides, as before). */
function isCharacterDevice(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return true;
  }
}
