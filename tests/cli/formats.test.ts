import { describe, expect, it } from 'vitest';
import { formatJson } from '../../server/src/cli/format/json.js';
import { formatSarif } from '../../server/src/cli/format/sarif.js';
import { escapeData, escapeProperty, formatGithub } from '../../server/src/cli/format/github.js';
import { formatMarkdown } from '../../server/src/cli/format/markdown.js';
import { formatText } from '../../server/src/cli/format/text.js';
import { formatCatalogJson, formatCatalogMarkdown, formatCatalogText } from '../../server/src/cli/format/rule-catalog.js';
import { TOOL_VERSION } from '../../server/src/cli/tool-info.js';
import packageJson from '../../package.json' with { type: 'json' };
import { CONTEXT, CWD, REPORT, RULE_METAS, TAGS, WILDCARD } from './sample-report.js';

describe('json format (SPEC §6, version 1)', () => {
  const out = JSON.parse(formatJson(REPORT, CONTEXT));

  it('has exactly the top-level fields of the spec', () => {
    expect(Object.keys(out)).toEqual(['version', 'tool', 'findings', 'errors', 'modules', 'summary']);
    expect(out.version).toBe(1);
    expect(out.tool).toEqual({ name: 'iac-review', version: packageJson.version });
  });

  it('writes each finding field by field, paths relative to cwd, 1-based positions', () => {
    expect(out.findings).toHaveLength(3);
    const wildcard = out.findings.find((f: { ruleId: string }) => f.ruleId === 'iam/wildcard-action');
    expect(wildcard).toEqual({
      ruleId: 'iam/wildcard-action',
      severity: 'error',
      category: 'iam',
      message: WILDCARD.message,
      file: 'modules/app/iam.tf',
      range: { start: { line: 12, column: 5 }, end: { line: 12, column: 23 } },
      address: 'aws_iam_policy.admin',
      suppressed: false,
      fixable: false,
    });
    expect(Object.keys(wildcard)).toEqual(['ruleId', 'severity', 'category', 'message', 'file', 'range', 'address', 'suppressed', 'fixable']);
    expect(out.findings.find((f: { ruleId: string }) => f.ruleId === 'tagging/required-tags').fixable).toBe(true);
  });

  it('keeps suppressed findings, marked, with reason and until', () => {
    const region = out.findings.find((f: { ruleId: string }) => f.ruleId === 'hardcoded/region');
    expect(region.suppressed).toBe(true);
    expect(region.suppression).toEqual({ reason: 'single-region service, ADR-7', until: '2027-03-31' });
    expect(region).not.toHaveProperty('address');
  });

  it('sorts findings by file and position', () => {
    expect(out.findings.map((f: { file: string; range: { start: { line: number } } }) => `${f.file}:${f.range.start.line}`)).toEqual([
      'main.tf:3',
      'main.tf:8',
      'modules/app/iam.tf:12',
    ]);
  });

  it('errors and summary', () => {
    expect(out.errors).toEqual([
      { file: 'broken.tf', message: 'expected "}" to close the block', range: { start: { line: 4, column: 1 }, end: { line: 4, column: 2 } }, kind: 'syntax' },
    ]);
    expect(out.summary).toEqual({ files: 3, modules: 2, findings: 2, suppressed: 1 });
  });

  it('uses / separators and ../ for files outside cwd', () => {
    const outside = JSON.parse(formatJson({ ...REPORT, findings: [{ ...TAGS, file: '/work/other/x.tf' }] }, CONTEXT));
    expect(outside.findings[0].file).toBe('../other/x.tf');
  });
});

/** The parts of SARIF 2.1.0 that the schema requires and GitHub code scanning reads. */
function validateSarif(log: any): string[] {
  const problems: string[] = [];
  const need = (cond: unknown, what: string) => {
    if (!cond) problems.push(what);
  };
  need(log.version === '2.1.0', 'version 2.1.0');
  need(typeof log.$schema === 'string', '$schema');
  need(Array.isArray(log.runs) && log.runs.length === 1, 'one run');
  for (const run of log.runs ?? []) {
    const driver = run.tool?.driver;
    need(typeof driver?.name === 'string' && driver.name.length > 0, 'tool.driver.name');
    need(Array.isArray(driver?.rules), 'tool.driver.rules');
    const ids = new Set<string>();
    for (const rule of driver?.rules ?? []) {
      need(typeof rule.id === 'string', 'rule.id');
      need(!ids.has(rule.id), `unique rule id ${rule.id}`);
      ids.add(rule.id);
      need(typeof rule.shortDescription?.text === 'string', `${rule.id}: shortDescription.text`);
      need(typeof rule.fullDescription?.text === 'string', `${rule.id}: fullDescription.text`);
      need(typeof rule.help?.text === 'string' && typeof rule.help?.markdown === 'string', `${rule.id}: help text+markdown`);
      need(['none', 'note', 'warning', 'error'].includes(rule.defaultConfiguration?.level), `${rule.id}: defaultConfiguration.level`);
      need(Array.isArray(rule.properties?.tags), `${rule.id}: properties.tags`);
    }
    need(Array.isArray(run.results), 'results');
    for (const result of run.results ?? []) {
      need(typeof result.message?.text === 'string', 'result.message.text');
      need(typeof result.ruleId === 'string', 'result.ruleId');
      need(driver.rules[result.ruleIndex]?.id === result.ruleId, `ruleIndex of ${result.ruleId}`);
      need(['none', 'note', 'warning', 'error'].includes(result.level), 'result.level');
      need(Array.isArray(result.locations) && result.locations.length >= 1, 'result.locations');
      for (const loc of result.locations ?? []) {
        const phys = loc.physicalLocation;
        need(typeof phys?.artifactLocation?.uri === 'string' && !phys.artifactLocation.uri.startsWith('/'), 'relative artifactLocation.uri');
        const r = phys?.region;
        need(Number.isInteger(r?.startLine) && r.startLine >= 1, 'region.startLine ≥ 1');
        need(Number.isInteger(r?.startColumn) && r.startColumn >= 1, 'region.startColumn ≥ 1');
        need(r.endLine >= r.startLine, 'region.endLine ≥ startLine');
        need(r.endLine > r.startLine || r.endColumn >= r.startColumn, 'region end after start');
      }
      need(typeof result.partialFingerprints === 'object', 'partialFingerprints');
      for (const s of result.suppressions ?? []) {
        need(['inSource', 'external'].includes(s.kind), 'suppression.kind');
      }
    }
    for (const inv of run.invocations ?? []) need(typeof inv.executionSuccessful === 'boolean', 'invocation.executionSuccessful');
  }
  return problems;
}

describe('sarif format', () => {
  const log = JSON.parse(formatSarif(REPORT, CONTEXT));
  const run = log.runs[0];

  it('is structurally valid SARIF 2.1.0', () => {
    expect(validateSarif(log)).toEqual([]);
  });

  it('describes every rule with help and GitHub properties', () => {
    expect(run.tool.driver).toMatchObject({ name: 'iac-review', version: TOOL_VERSION });
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(RULE_METAS.map((m) => m.id));
    const iam = run.tool.driver.rules[0];
    expect(iam).toMatchObject({
      id: 'iam/wildcard-action',
      shortDescription: { text: 'Title of iam/wildcard-action' },
      fullDescription: { text: 'Why iam/wildcard-action matters.' },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['iam', 'terraform', 'iac', 'security'], 'security-severity': '8.0' },
    });
    expect(iam.help.text).toContain('How to fix iam/wildcard-action.');
    expect(iam.help.markdown).toContain('```hcl');
    expect(run.tool.driver.rules[1].defaultConfiguration.level).toBe('note');
  });

  it('results carry level, location, fingerprints; suppressed ones an inSource suppression', () => {
    expect(run.results).toHaveLength(3);
    const wildcard = run.results.find((r: { ruleId: string }) => r.ruleId === 'iam/wildcard-action');
    expect(wildcard).toMatchObject({
      ruleIndex: 0,
      level: 'error',
      message: { text: WILDCARD.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'modules/app/iam.tf', uriBaseId: '%SRCROOT%' },
            region: { startLine: 12, startColumn: 5, endLine: 12, endColumn: 23 },
          },
        },
      ],
    });
    expect(wildcard.suppressions).toBeUndefined();
    const region = run.results.find((r: { ruleId: string }) => r.ruleId === 'hardcoded/region');
    expect(region.level).toBe('note');
    expect(region.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'single-region service, ADR-7' }]);
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${CWD}/`);
  });

  it('fingerprints are stable across line moves and distinct for identical findings', () => {
    const moved = JSON.parse(formatSarif({ ...REPORT, findings: [{ ...WILDCARD, range: { ...WILDCARD.range, start: { ...WILDCARD.range.start, line: 40 } } }] }, CONTEXT));
    const original = run.results.find((r: { ruleId: string }) => r.ruleId === 'iam/wildcard-action');
    expect(moved.runs[0].results[0].partialFingerprints).toEqual(original.partialFingerprints);
    const twice = JSON.parse(formatSarif({ ...REPORT, findings: [WILDCARD, WILDCARD] }, CONTEXT));
    const [a, b] = twice.runs[0].results.map((r: any) => r.partialFingerprints['iacReview/v1']);
    expect(a).not.toBe(b);
  });

  it('input errors become tool execution notifications', () => {
    expect(run.invocations[0].executionSuccessful).toBe(true);
    expect(run.invocations[0].toolExecutionNotifications).toEqual([
      {
        level: 'error',
        message: { text: 'expected "}" to close the block' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'broken.tf', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: 1, endLine: 4, endColumn: 2 } } }],
      },
    ]);
  });

  it('a finding of a rule missing from the catalog still gets a valid rule entry', () => {
    const odd = JSON.parse(formatSarif({ ...REPORT, findings: [{ ...TAGS, ruleId: 'x/unlisted', category: 'x' }] }, CONTEXT));
    expect(validateSarif(odd)).toEqual([]);
  });
});

describe('github format', () => {
  it('escapes data and properties as GitHub’s toolkit does', () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
    expect(escapeProperty('a:b,c%d\ne')).toBe('a%3Ab%2Cc%25d%0Ae');
  });

  it('emits one workflow command per unsuppressed finding and input error', () => {
    const lines = formatGithub(REPORT, CONTEXT).trimEnd().split('\n');
    expect(lines).toEqual([
      '::warning file=main.tf,line=3,col=1,endLine=3,endColumn=30,title=tagging/required-tags::aws_s3_bucket.logs is missing tags: Owner, CostCenter',
      '::error file=modules/app/iam.tf,line=12,col=5,endLine=12,endColumn=23,title=iam/wildcard-action::Statement grants every action ("*"): list the actions the role needs.',
      '::error file=broken.tf,line=4,col=1,title=iac-review%3A input error::expected "}" to close the block',
      'iac-review: 2 findings (1 error, 1 warning, 0 info), 1 input error',
    ]);
  });

  it('info findings are notices; newlines and % in messages and commas in file names are escaped', () => {
    const out = formatGithub(
      { ...REPORT, errors: [], findings: [{ ...TAGS, severity: 'info', message: '50% of\nkeys', file: `${CWD}/a,b.tf` }] },
      CONTEXT,
    );
    expect(out.split('\n')[0]).toBe('::notice file=a%2Cb.tf,line=3,col=1,endLine=3,endColumn=30,title=tagging/required-tags::50%25 of%0Akeys');
  });
});

describe('markdown format', () => {
  const md = formatMarkdown(REPORT, CONTEXT);

  it('summarises by severity and category', () => {
    expect(md).toContain('## IaC Review');
    expect(md).toContain('❌ **2 findings** (1 error, 1 warning) in 3 files in 2 modules.');
    expect(md).toContain('| iam | 1 | 0 | 0 | 1 |');
    expect(md).toContain('| tagging | 0 | 1 | 0 | 1 |');
    expect(md).toContain('| **Total** | **1** | **1** | **0** | **2** |');
  });

  it('groups findings by file with line links', () => {
    expect(md).toContain('### `modules/app/iam.tf`');
    expect(md).toContain('| [12](modules/app/iam.tf#L12) | 🔴 error | `iam/wildcard-action` |');
    expect(md.indexOf('### `main.tf`')).toBeLessThan(md.indexOf('### `modules/app/iam.tf`'));
  });

  it('lists suppressions with reasons and input errors', () => {
    expect(md).toContain('<details><summary>1 suppressed finding</summary>');
    expect(md).toContain('| [main.tf:8](main.tf#L8) | `hardcoded/region` | single-region service, ADR-7 | 2027-03-31 |');
    expect(md).toContain('### Input errors');
    expect(md).toContain('- [`broken.tf:4`](broken.tf#L4): expected "}" to close the block');
  });

  it('escapes pipes and HTML outside code spans', () => {
    const out = formatMarkdown({ ...REPORT, findings: [{ ...TAGS, message: 'a | b <script> `x | <y>`' }] }, CONTEXT);
    expect(out).toContain('a \\| b \\<script\\> `x \\| <y>`');
  });

  it('says so when there is nothing to report', () => {
    expect(formatMarkdown({ findings: [], errors: [], files: ['/a'], modules: ['/'] }, CONTEXT)).toContain('✅ No problems found in 1 file in 1 module.');
  });
});

describe('text format', () => {
  it('reads like a compiler: aligned lines, then input errors, then a summary', () => {
    expect(formatText(REPORT, CONTEXT)).toBe(
      [
        'main.tf:3:1              warning  tagging/required-tags  aws_s3_bucket.logs is missing tags: Owner, CostCenter',
        'modules/app/iam.tf:12:5  error    iam/wildcard-action    Statement grants every action ("*"): list the actions the role needs.',
        '',
        'broken.tf:4:1  error    input  expected "}" to close the block',
        '',
        '2 problems (1 error, 1 warning, 0 info) in 3 files in 2 modules; 1 suppressed, 1 input error.',
        '',
      ].join('\n'),
    );
  });

  it('colours only when asked', () => {
    expect(formatText(REPORT, CONTEXT)).not.toContain('\x1b[');
    expect(formatText(REPORT, { ...CONTEXT, color: true })).toContain('\x1b[31merror');
  });

  it('clean run', () => {
    expect(formatText({ findings: [], errors: [], files: ['/a', '/b'], modules: ['/'] }, CONTEXT)).toBe('No problems found in 2 files in 1 module.\n');
  });
});

describe('rule catalog formats', () => {
  it('text lists every rule with severity', () => {
    const text = formatCatalogText(RULE_METAS);
    expect(text).toMatch(/^RULE +SEVERITY +FIX +TITLE/);
    expect(text).toMatch(/tagging\/required-tags +warning +yes +Title of tagging\/required-tags/);
    expect(text).toContain('3 rules.');
  });

  it('json carries the metadata', () => {
    const json = JSON.parse(formatCatalogJson(RULE_METAS));
    expect(json.version).toBe(1);
    expect(json.rules.map((r: { id: string }) => r.id)).toEqual(['hardcoded/region', 'iam/wildcard-action', 'tagging/required-tags']);
    expect(json.rules[1]).toMatchObject({ severity: 'error', equivalents: { checkov: ['CKV_AWS_62'] }, rationale: 'Why iam/wildcard-action matters.' });
  });

  it('markdown is a reference: why, how to fix, options, examples, equivalents', () => {
    const md = formatCatalogMarkdown(RULE_METAS);
    expect(md).toContain('| [`iam/wildcard-action`](#iamwildcard-action) | error |');
    expect(md).toContain('### iam/wildcard-action');
    expect(md).toContain('**Why.** Why iam/wildcard-action matters.');
    expect(md).toContain('**How to fix.** How to fix iam/wildcard-action.');
    expect(md).toContain('| `tags` | string[] | `["Owner"]` | Required keys |');
    expect(md).toContain('```hcl\nresource "x" "bad" {}\n```');
    expect(md).toContain('**Equivalents:** checkov: `CKV_AWS_62`');
  });
});
