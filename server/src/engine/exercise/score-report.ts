import { relative, sep } from 'node:path';
import type { Finding } from '../finding.js';
import { SCORE_FORMULA, type ExerciseScore, type ProblemResult } from './score.js';
import { formatDuration, type ExerciseTiming } from './exercise-state.js';
import { inlineMarkdown as inline } from '../markdown-text.js';

const displayPath = (dir: string, file: string) => relative(dir, file).split(sep).join('/');

/** What the score formats print: the score, and with `--reveal` the engine's findings on the folder. */
export interface ScoreReport {
  score: ExerciseScore;
  exercise?: string;
  /** `--reveal`: the engine's findings (interviewer view). */
  findings?: readonly Finding[];
  /** Folder the paths are relative to. */
  dir: string;
  /** Start, deadline and submission, when the interviewer's state is known. */
  timing?: ExerciseTiming;
}

/** SPEC §8 JSON (the version 1 fields, extended): misses carry their explanation and refactor, found problems their comment, false alarms their text; the weights, the formula and the timing. */
export function formatScoreJson(report: ScoreReport): string {
  const { score } = report;
  const out: Record<string, unknown> = {
    version: 1,
    ...(report.exercise ? { exercise: report.exercise } : {}),
    score: score.score,
    found: score.found,
    missed: score.missed,
    falseAlarms: score.falseAlarms,
    byCategory: score.byCategory,
    foundWeight: score.foundWeight,
    totalWeight: score.totalWeight,
    formula: SCORE_FORMULA,
    ...(report.timing ? { timing: report.timing } : {}),
    problems: score.problems.map((p) => ({
      id: p.id,
      ...(p.ruleId ? { ruleId: p.ruleId } : {}),
      category: p.category,
      address: p.address,
      weight: p.weight,
      found: p.found,
      comment: p.comment,
      ...(p.at ? { at: p.at } : {}),
      ...(p.found ? {} : { explanation: p.explanation, refactor: p.refactor }),
    })),
    falseAlarmComments: score.falseAlarmComments,
    duplicateComments: score.duplicateComments,
  };
  if (report.findings) {
    out.engineFindings = report.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      file: displayPath(report.dir, f.file),
      line: f.range.start.line,
      ...(f.address ? { address: f.address } : {}),
      message: f.message,
    }));
  }
  return JSON.stringify(out, null, 2) + '\n';
}

/** A report for the interviewer to read (and share with the candidate afterwards). */
export function formatScoreMarkdown(report: ScoreReport): string {
  const { score } = report;
  const lines: string[] = [];
  lines.push(`# Exercise score${report.exercise ? `: ${inline(report.exercise)}` : ''}`, '');
  lines.push(`**Score: ${score.score} / 100** — found ${score.found} of ${score.found + score.missed} problems, ${plural(score.falseAlarms, 'false alarm')}.`, '');
  lines.push(`Score formula: ${SCORE_FORMULA} — here ${round(score.foundWeight)} of ${round(score.totalWeight)}.`, '');
  if (report.timing) lines.push(...timingLines(report.timing));
  lines.push('| Category | Found | Missed |', '| --- | ---: | ---: |');
  for (const [category, tally] of Object.entries(score.byCategory)) lines.push(`| ${category} | ${tally.found} | ${tally.missed} |`);
  lines.push('');

  const found = score.problems.filter((p) => p.found);
  const missed = score.problems.filter((p) => !p.found);
  if (found.length) {
    lines.push('## Found', '');
    // The candidate's comments, file names and the engine's messages are written as inert text; the answer key is the interviewer's own Markdown.
    for (const p of found) lines.push(`- **${p.id}** ${problemLabel(p)} — "${inline(p.comment ?? '')}" (${inline(p.at!.file)}:${p.at!.line})`);
    lines.push('');
  }
  if (missed.length) {
    lines.push('## Missed', '');
    for (const p of missed) {
      lines.push(`### ${p.id} ${problemLabel(p)}`, '');
      lines.push(`${p.explanation}`, '');
      lines.push(`**Expected refactor:** ${p.refactor}`, '');
    }
  }
  if (score.falseAlarmComments.length) {
    lines.push('## False alarms', '', 'REVIEW comments that name no planted problem where they stand:', '');
    for (const c of score.falseAlarmComments) lines.push(`- ${inline(c.file)}:${c.line} — "${inline(c.text)}"`);
    lines.push('');
  }
  if (score.duplicateComments.length) {
    lines.push('## Repeated answers', '', 'Comments naming a problem already found (not counted twice):', '');
    for (const c of score.duplicateComments) lines.push(`- ${inline(c.file)}:${c.line} — "${inline(c.text)}"`);
    lines.push('');
  }
  if (report.findings) {
    lines.push('## Engine findings (interviewer view)', '');
    if (report.findings.length === 0) lines.push('The engine finds nothing in this folder.');
    for (const f of report.findings) {
      lines.push(`- \`${f.ruleId}\` ${inline(displayPath(report.dir, f.file))}:${f.range.start.line}${f.address ? ` ${inline(f.address)}` : ''} — ${inline(f.message)}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

function timingLines(t: ExerciseTiming): string[] {
  const lines = ['## Time', ''];
  lines.push(`- Started ${t.startedAt}, time limit ${t.durationMinutes} minutes, deadline ${t.deadline}.`);
  if (t.submittedAt === null) {
    lines.push(`- **Not submitted** (${formatDuration(t.timeUsedSeconds)} since the start).`);
  } else {
    const status = t.status === 'late' ? `**late by ${formatDuration(t.lateBySeconds)}**` : 'on time';
    lines.push(`- Submitted ${t.submittedAt}: ${status}; time used ${formatDuration(t.timeUsedSeconds)}.`);
    if (t.submissionRecordedIn === 'folder') lines.push("- The submission time comes from the receipt in the candidate's folder (the state file has none).");
    if (t.changedSinceSubmission) lines.push('- **The files changed after the submission**: this score is of the folder as it is now.');
  }
  lines.push('');
  return lines;
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function problemLabel(p: ProblemResult): string {
  return `\`${p.ruleId ?? p.category}\` in \`${p.address}\` (${p.block ? `${inline(p.block.file)}:${p.block.lines[0]}` : p.file}, weight ${p.weight})`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
