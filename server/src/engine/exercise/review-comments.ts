import type { Comment, SourceFile } from '../parse/ast.js';
import { commentOnlyLines } from './block-locator.js';

/** A candidate's answer: a `# REVIEW: …` (or `// REVIEW: …`, `/* REVIEW: … *\/`) comment. */
export interface ReviewComment {
  file: SourceFile;
  /** 1-based line of the REVIEW marker. */
  line: number;
  /** 1-based last line (block comments and continuation lines). */
  endLine: number;
  /** What the candidate wrote after `REVIEW:`, continuation lines joined with a space. */
  text: string;
}

const MARKER = /^(?:#|\/\/|\/\*)\s*REVIEW\s*:\s*/i;

/**
 * The REVIEW comments of a file. A line comment's answer continues on the
 * whole-line comments of the same style directly below it that are not
 * answers of their own.
 */
export function reviewComments(file: SourceFile): ReviewComment[] {
  const out: ReviewComment[] = [];
  const wholeLine = commentOnlyLines(file);
  const comments = file.comments;
  for (let i = 0; i < comments.length; i++) {
    const comment = comments[i]!;
    const marker = MARKER.exec(comment.text);
    if (!marker) continue;
    if (comment.style === 'block') {
      const text = comment.text.slice(marker[0].length).replace(/\*\/$/, '');
      out.push({ file, line: comment.range.start.line, endLine: comment.range.end.line, text: tidy(text) });
      continue;
    }
    const parts = [comment.text.slice(marker[0].length)];
    let endLine = comment.range.end.line;
    for (let j = i + 1; j < comments.length; j++) {
      const next = comments[j]!;
      if (!isContinuation(next, comment, endLine, wholeLine)) break;
      parts.push(stripLineMarker(next));
      endLine = next.range.end.line;
      i = j;
    }
    out.push({ file, line: comment.range.start.line, endLine, text: tidy(parts.join(' ')) });
  }
  return out;
}

function isContinuation(next: Comment, first: Comment, endLine: number, wholeLine: Set<number>): boolean {
  return (
    next.style === first.style &&
    next.range.start.line === endLine + 1 &&
    wholeLine.has(next.range.start.line) &&
    !MARKER.test(next.text) &&
    stripLineMarker(next).trim() !== ''
  );
}

function stripLineMarker(comment: Comment): string {
  return comment.text.replace(/^(#|\/\/)/, '');
}

function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
