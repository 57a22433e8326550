import { TOOL_NAME, TOOL_VERSION } from './tool-info.js';

export const MAIN_HELP = `${TOOL_NAME} ${TOOL_VERSION} — review Terraform and OpenTofu code against infrastructure standards.

Usage:
  iac-review check [PATH...] [--format text|json|sarif|markdown|github]
                   [--config FILE] [--base GIT_REF] [--plan FILE]
                   [--fail-on error|warning|info|never]
  iac-review checklist [PATH...] [--base GIT_REF] [--plan FILE]
                       [--format markdown|json] [--config FILE]
  iac-review rules [--format text|json|markdown]
  iac-review exercise list | new | start | submit | score
  iac-review policy test [DIR] [--config FILE]
  iac-review lsp --stdio

Options:
  -h, --help     Show help (also \`iac-review <command> --help\`)
  -v, --version  Show the version

Exit status: 0 no findings at or above --fail-on, 1 findings at or above it,
2 usage or configuration error (or a --plan file that is not a usable plan).
`;

export const POLICY_HELP = `Usage: iac-review policy test [DIR] [options]

Runs the policies of DIR (default: .) — its *.policy.json files and those
its .iac-review.json brings (inline "policies", packs in "extends") — over
the Terraform under DIR, reviewed as a workspace, and compares the findings
with the \`# expect: <policy-id>\` comments in the fixture files, both ways:
an expected finding not reported (-) and a finding not expected (+).

Options:
  -c, --config FILE     Configuration file (default: .iac-review.json in DIR
                        or the nearest parent)
  -h, --help            Show this help

Exit status: 0 every expectation met and nothing else reported, 1 a
mismatch, 2 usage error or a problem in a policy file or the configuration
(each with its file, line and column).
`;

export const CHECK_HELP = `Usage: iac-review check [PATH...] [options]

Reviews the Terraform/OpenTofu modules under each PATH (default: .).
Directories are searched recursively, honouring include/exclude from
.iac-review.json and skipping .terraform/.

Options:
  -f, --format FORMAT   text (default), json, sarif, markdown or github
  -c, --config FILE     Configuration file (default: .iac-review.json in the
                        analysed directory or the nearest parent)
      --fail-on LEVEL   error (default), warning, info or never: exit 1 when a
                        finding (or an input error) is at or above LEVEL
      --base GIT_REF    Diff mode: compare the working tree with
                        \`git merge-base HEAD GIT_REF\` and report only the
                        findings the change introduces (on added or modified
                        lines, in created blocks, or new since the base)
      --plan FILE       Plan-aware review: the JSON of \`terraform show -json
                        PLANFILE\` (or \`tofu show -json\`). Values unknown in
                        the code but known in the plan are facts; findings
                        stay placed in the code. A file that is not a plan
                        is an error (exit 2); parts of the plan the review
                        could not use are noted (stderr for text and github,
                        planNotes in json, sarif and markdown)
  -h, --help            Show this help
`;

export const CHECKLIST_HELP = `Usage: iac-review checklist [PATH...] [options]

Builds the review checklist for a pull request: one section per category
with the findings, the items that could not be decided statically (each with
why), and — with --base — the questions this change raises for its reviewer
(stateful resources changed or removed, IAM widened, network rules changed,
versions bumped, backend changed, resources removed without moved/removed
blocks) or, with --plan, that the plan raises. Item ids are stable while
the code they are about does not change.

Options:
  -f, --format FORMAT   markdown (default; GitHub task list, ready to paste
                        into a pull request) or json
  -c, --config FILE     Configuration file (default: .iac-review.json in the
                        analysed directory or the nearest parent)
      --base GIT_REF    Diff mode: compare the working tree with
                        \`git merge-base HEAD GIT_REF\`; list the findings the
                        change introduced, those already in blocks it
                        modified, and the change's questions
      --plan FILE       Plan-aware review: the JSON of \`terraform show -json
                        PLANFILE\` (or \`tofu show -json\`). The change's
                        questions come from its before/after: counts per
                        action first, stateful resources replaced or
                        destroyed, drift on them, IAM widened, ingress
                        opened, versions moved. A file that is not a plan is
                        an error (exit 2); parts of the plan the review could
                        not use are noted in the output
  -h, --help            Show this help

Exit status: 0, or 2 for a usage or configuration error (or a base git
cannot resolve, or a --plan file that is not a usable plan).
`;

export const RULES_HELP = `Usage: iac-review rules [--format text|json|markdown]

Prints the rule catalog: ids, default severities, and (markdown) the full
reference with rationale, remediation, options and examples.
`;

export const LSP_HELP = `Usage: iac-review lsp --stdio

Runs the language server (the Language Server Protocol over standard input
and output), for VS Code and for other editors (Neovim, Helix, Emacs).
Settings come from the client (iacReview.enable, iacReview.configFile,
iacReview.run, iacReview.plan) or from initializationOptions:
  { "enable": true, "configFile": "", "run": "onType" | "onSave", "debounceMs": 150,
    "plan": "" }
"plan" names the JSON of \`terraform show -json PLANFILE\` inside the workspace
folder; the iacReview/setPlan request picks one anywhere ({ "path": null } clears).

Options:
      --stdio   Talk over stdin/stdout (the only transport)
  -h, --help    Show this help
`;

export const EXERCISE_HELP = `Usage:
  iac-review exercise list [--format text|json] [--packs DIR]
  iac-review exercise new --seed N [--difficulty junior|mid|lead] --out DIR
  iac-review exercise start PACK_OR_DIR --out DIR --state FILE [--duration MINUTES] [--packs DIR]
  iac-review exercise submit DIR [--state FILE]
  iac-review exercise score DIR [--key FILE] [--state FILE] [--format markdown|json] [--reveal]

Interview review exercises: a Terraform module with planted problems that a
candidate reviews, marking each with a "# REVIEW: what and why" comment.

  list    The packs shipped in test-fixtures/exercises (or --packs DIR).
  new     Generates an exercise from a clean base module, planting problems
          chosen by the seed (same seed and difficulty: same exercise), with
          its answer-key.json. Default difficulty: mid.
  start   Copies a pack (by name) or an exercise folder into the candidate's
          folder without its answer key. The folder gets only a marker saying
          it is an exercise (an opaque id: no path, no times, no counts); check,
          checklist and the editor stay silent there. The start time, time
          limit (default 40 minutes; fractions allowed, 0.5 = 30 s) and the
          key's fingerprint go to the interviewer's --state FILE, outside the
          candidate's folder.
  submit  The candidate hands in: records the time and a hash of the files
          (a receipt in DIR; with --state, in the interviewer's state too).
          Shows nothing about the key or the score.
  score   The interviewer's report: matches the REVIEW comments in DIR to the
          answer key (--key FILE; default DIR/answer-key.json for a generated
          exercise): found (with the comment), missed (explanation and
          expected refactor), false alarms (with their text), the score
          formula. With --state: on time or late (by how much), time used,
          and whether the files changed after the submission. --reveal adds
          the engine's findings.
`;
