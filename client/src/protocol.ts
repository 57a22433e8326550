import { RequestType, RequestType0 } from 'vscode-languageclient/node';

/** The server's custom requests (the server side lives in server/src/lsp). */

export interface RuleSummary {
  id: string;
  title: string;
  category: string;
  severity: string;
}

export interface RuleDocumentation {
  markdown: string;
}

export const listRulesRequest = new RequestType0<RuleSummary[], void>('iacReview/listRules');

/** `null` when the server knows no rule with that id. */
export const ruleDocumentationRequest = new RequestType<{ ruleId: string }, RuleDocumentation | null, void>(
  'iacReview/ruleDocumentation',
);

/** Diagnostics of ours carry this source; the status bar counts only these. */
export const DIAGNOSTIC_SOURCE = 'iac-review';
