import type { Location, Range } from './range.js';
import type { Severity } from './severity.js';

export interface TextEdit {
  file: string;
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface RelatedInformation extends Location {
  message: string;
}

export interface Suppression {
  reason: string;
  until?: string;
  /** Where the suppression comment is. */
  location: Location;
  /** The comment form that matched: iac-review, tfsec, trivy, checkov. */
  form: 'iac-review' | 'tfsec' | 'trivy' | 'checkov';
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  category: string;
  message: string;
  /** Absolute path. */
  file: string;
  range: Range;
  /** Terraform address of the block the finding is about, when there is one. */
  address?: string;
  related?: RelatedInformation[];
  fix?: Fix;
  suppression?: Suppression;
}

/**
 * Something a rule could not decide because it depends on an unknown value
 * (certainty principle): listed in the review checklist, never a diagnostic.
 */
export interface UndecidedItem {
  ruleId: string;
  category: string;
  /** What a human must check. */
  text: string;
  /** Why it could not be decided (e.g. "actions come from var.actions"). */
  reason: string;
  file: string;
  range: Range;
  address?: string;
}

/** A problem with the input itself: unreadable file, syntax error, broken config. */
export interface InputError {
  file: string;
  message: string;
  range?: Range;
  /** What went wrong: a syntax error, an unreadable file, a configuration problem, a rule that threw, a named path that does not exist, module calls that call each other (Terraform cannot load them), module calls past the limit a review follows. */
  kind: InputErrorKind;
  /** A configuration file that is not valid JSON (an editor with a JSON service reports these itself). */
  jsonSyntax?: boolean;
  /**
   * A configuration problem the shipped JSON Schema (schemas/iac-review.schema.json)
   * also rejects, so an editor validating with it reports this one itself.
   */
  schemaCovered?: boolean;
}

export type InputErrorKind = 'syntax' | 'unreadable' | 'config' | 'internal' | 'missing' | 'module-cycle' | 'module-limit';
