import { nodeCrypto } from '../../engine/lazy-builtins.js';
import { pathToFileURL } from 'node:url';
import type { Finding } from '../../engine/finding.js';
import type { RuleMeta } from '../../engine/rules/rule.js';
import type { Severity } from '../../engine/severity.js';
import { TOOL_NAME, TOOL_VERSION } from '../tool-info.js';
import { jsonText } from './json-text.js';
import { displayPath, sortFindings, type CheckFormatter } from './report.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
/** Categories whose findings are security problems: GitHub ranks them by `security-severity`. */
const SECURITY_CATEGORIES = new Set(['iam', 'secrets', 'network', 'encryption']);
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };
const SRCROOT = '%SRCROOT%';

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: every rule with its help,
 * results with locations relative to %SRCROOT% (the working directory),
 * stable partial fingerprints, and suppressed findings kept with an in-source
 * suppression and its justification.
 */
export const formatSarif: CheckFormatter = (report, { cwd, rules }) => {
  const catalog = [...rules];
  const index = new Map(catalog.map((r, i) => [r.id, i]));
  for (const f of report.findings) {
    if (!index.has(f.ruleId)) {
      index.set(f.ruleId, catalog.length);
      catalog.push(placeholderMeta(f));
    }
  }
  const fingerprints = new Map<string, number>();

  const results = sortFindings(report.findings).map((f) => {
    const uri = displayPath(cwd, f.file);
    const base = nodeCrypto().createHash('sha256').update(`${f.ruleId}\u0000${uri}\u0000${f.address ?? ''}\u0000${f.message}`).digest('hex').slice(0, 32);
    const occurrence = fingerprints.get(base) ?? 0;
    fingerprints.set(base, occurrence + 1);
    return {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId)!,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeUri(uri), uriBaseId: SRCROOT },
            region: region(f),
          },
          ...(f.address ? { logicalLocations: [{ fullyQualifiedName: f.address, kind: 'resource' }] } : {}),
        },
      ],
      partialFingerprints: { 'iacReview/v1': `${base}:${occurrence}` },
      ...(f.related?.length
        ? {
            relatedLocations: f.related.map((r, id) => ({
              id,
              message: { text: r.message },
              physicalLocation: {
                artifactLocation: { uri: encodeUri(displayPath(cwd, r.file)), uriBaseId: SRCROOT },
                region: region(r),
              },
            })),
          }
        : {}),
      ...(f.suppression
        ? { suppressions: [{ kind: 'inSource', status: 'accepted', justification: f.suppression.reason }] }
        : {}),
    };
  });

  const errorNotifications = report.errors.map((e) => ({
    level: 'error',
    message: { text: e.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeUri(displayPath(cwd, e.file)), uriBaseId: SRCROOT },
          ...(e.range ? { region: region({ range: e.range }) } : {}),
        },
      },
    ],
  }));

  // Plan notes (SPEC §10) as notifications GitHub lists with the run, and as a run property for tools that read them.
  const planNotes = (report.planNotes ?? []).map((text) => ({ level: 'note', message: { text }, descriptor: { id: 'plan-note' } }));
  const notifications = [...errorNotifications, ...planNotes];
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            rules: catalog.map(sarifRule),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd.endsWith('/') ? cwd : cwd + '/').href } },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results,
        columnKind: 'utf16CodeUnits',
        ...(report.planNotes ? { properties: { planNotes: [...report.planNotes] } } : {}),
      },
    ],
  };
  return jsonText(sarif);
};

function region(located: Pick<Finding, 'range'>) {
  const { start, end } = located.range;
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
}

/** encodeUri's answers: a report names the same files for thousands of results. */
const encodedUris = new Map<string, string>();
const MAX_ENCODED_URIS = 10_000;

/** A relative URI reference: path segments percent-encoded, `/` kept. */
function encodeUri(path: string): string {
  let uri = encodedUris.get(path);
  if (uri === undefined) {
    uri = path.split('/').map(encodeURIComponent).join('/');
    if (encodedUris.size >= MAX_ENCODED_URIS) encodedUris.clear();
    encodedUris.set(path, uri);
  }
  return uri;
}

function sarifRule(meta: RuleMeta) {
  const tags = [meta.category, 'terraform', 'iac'];
  if (SECURITY_CATEGORIES.has(meta.category)) tags.push('security');
  return {
    id: meta.id,
    name: ruleName(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.rationale },
    help: { text: helpText(meta), markdown: helpMarkdown(meta) },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: {
      tags,
      ...(SECURITY_CATEGORIES.has(meta.category) ? { 'security-severity': SECURITY_SEVERITY[meta.severity] } : {}),
    },
  };
}

/** `iam/wildcard-action` → `IamWildcardAction` (SARIF's `name` is an identifier-like label). */
function ruleName(id: string): string {
  return id
    .split(/[/-]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function helpText(meta: RuleMeta): string {
  const text = `${meta.title}\n\nWhy: ${meta.rationale}\n\nHow to fix: ${meta.remediation}`;
  // A policy (SPEC §11) may come without examples.
  if (!meta.examples.failing && !meta.examples.passing) return text;
  return `${text}\n\nFailing example:\n${meta.examples.failing}\n\nPassing example:\n${meta.examples.passing}`;
}

function helpMarkdown(meta: RuleMeta): string {
  return [
    `**${meta.title}**`,
    '',
    `**Why:** ${meta.rationale}`,
    '',
    `**How to fix:** ${meta.remediation}`,
    '',
    ...(meta.examples.failing || meta.examples.passing
      ? ['Failing example:', '```hcl', meta.examples.failing, '```', '', 'Passing example:', '```hcl', meta.examples.passing, '```', '']
      : []),
    `Suppress with a reason: \`# iac-review:ignore ${meta.id} -- <why this is accepted>\``,
  ].join('\n');
}

function placeholderMeta(f: Finding): RuleMeta {
  return {
    id: f.ruleId,
    title: f.ruleId,
    problem: f.ruleId,
    category: f.category,
    severity: f.severity,
    rationale: f.ruleId,
    remediation: '',
    equivalents: {},
    examples: { failing: '', passing: '' },
  };
}
