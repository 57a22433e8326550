// Output that input cannot forge (issue 10, point 6): Terraform strings and file names carrying newlines,
// workflow commands, terminal escapes, bidi overrides and Markdown reach every format as inert text.
import { createRequire } from 'node:module';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectInert, hostileConfigWorkspace, hostileWorkspace, OWN_ANNOTATION, PAYLOADS, run, shown } from './output-support.js';

// markdown-it (CommonMark + GFM tables), as GitHub renders a pasted report (a devDependency).
const MarkdownIt = createRequire(import.meta.url)('markdown-it') as new (options: object) => { render(src: string): string };
const markdown = new MarkdownIt({ html: true, linkify: false });

let ws: { root: string; names: string[] };
let configRoot: string;
beforeAll(() => {
  ws = hostileWorkspace();
  configRoot = hostileConfigWorkspace();
});
afterAll(() => {
  rmSync(ws.root, { recursive: true, force: true });
  rmSync(configRoot, { recursive: true, force: true });
});

const CHECK_FORMATS = ['text', 'json', 'sarif', 'markdown', 'github'] as const;

describe('check: every format keeps hostile values and file names inert', () => {
  for (const format of CHECK_FORMATS) {
    it(`--format ${format}`, () => {
      const r = run(['check', '--format', format, '--fail-on', 'never', '.'], ws.root);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expectInert(r.stdout, { annotations: format === 'github' });
    });
  }

  it('json and sarif carry the exact values (escaping is only the JSON encoding)', () => {
    const json = JSON.parse(run(['check', '--format', 'json', '--fail-on', 'never', '.'], ws.root).stdout);
    const messages: string[] = json.findings.map((f: { message: string }) => f.message);
    for (const p of PAYLOADS) expect(messages.some((m) => m.includes(`s3:Get${p}`)), JSON.stringify(p)).toBe(true);
    const files = new Set<string>(json.findings.map((f: { file: string }) => f.file));
    for (const name of ws.names.slice(0, -1)) expect(files.has(name), JSON.stringify(name)).toBe(true);
    expect(json.errors.map((e: { file: string }) => e.file)).toEqual([ws.names[ws.names.length - 1]]);

    const sarif = JSON.parse(run(['check', '--format', 'sarif', '--fail-on', 'never', '.'], ws.root).stdout);
    const texts: string[] = sarif.runs[0].results.map((r: { message: { text: string } }) => r.message.text);
    for (const p of PAYLOADS) expect(texts.some((m) => m.includes(`s3:Get${p}`)), JSON.stringify(p)).toBe(true);
  });

  it('text: one line per finding, values and names shown escaped', () => {
    const { stdout } = run(['check', '--format', 'text', '--fail-on', 'never', '.'], ws.root);
    const json = JSON.parse(run(['check', '--format', 'json', '--fail-on', 'never', '.'], ws.root).stdout);
    // findings, a blank line, the input error, a blank line, the summary
    expect(stdout.trimEnd().split('\n')).toHaveLength(json.summary.findings + 4);
    for (const p of PAYLOADS) expect(stdout).toContain(shown(`s3:Get${p}`));
    for (const name of ws.names) expect(stdout).toContain(shown(name));
  });

  it('github: one annotation per finding and input error, data and properties percent-encoded per the runner', () => {
    const { stdout } = run(['check', '--format', 'github', '--fail-on', 'never', '.'], ws.root);
    const json = JSON.parse(run(['check', '--format', 'json', '--fail-on', 'never', '.'], ws.root).stdout);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.filter((l) => OWN_ANNOTATION.test(l))).toHaveLength(json.summary.findings + json.errors.length);
    expect(lines.at(-1)).toMatch(/^iac-review: \d+ findings/);
    // A newline in a value is %0A in the data (GitHub shows it as a line break inside the one annotation) …
    expect(stdout).toContain('s3:Getx%0A::error file=evil.tf,line=1::forged by newline');
    expect(stdout).toContain('s3:Getx%0D%0A::warning::forged by CRLF');
    // … a literal "%0A" stays literal (%25), and terminal escapes are shown, not sent.
    expect(stdout).toContain('s3:Getx%250A::error::percent-encoded newline');
    expect(stdout).toContain('\\u001b[31mred');
    // In properties, `:` and `,` are encoded too: a file name cannot add or end a property.
    expect(stdout).toContain(`file=0-x%0A%3A%3Aerror file=evil.tf%2Cline=1%3A%3Aforged by newline.tf,line=1,`);
  });
});

describe('markdown renders file names and messages as inert text', () => {
  const reports = () => ({
    check: run(['check', '--format', 'markdown', '--fail-on', 'never', '.'], ws.root).stdout,
    checklist: run(['checklist', '.'], ws.root).stdout,
  });

  for (const which of ['check', 'checklist'] as const) {
    it(`${which}: no HTML, no links but the tool's own, every name and value shown as written`, () => {
      const source = reports()[which];
      expectInert(source);
      const html = markdown.render(source);
      // No element came from the input: only what the report writes itself.
      const tags = new Set([...html.matchAll(/<([a-z0-9]+)[\s>]/g)].map((m) => m[1]));
      for (const tag of tags) expect(['h2', 'h3', 'p', 'strong', 'code', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'ul', 'li', 'br', 'details', 'summary']).toContain(tag);
      // Links only to the report's own targets: a file in the workspace, at a line.
      for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^[^:]*#L\d+$/);
      // What a reader sees: each hostile name and value, control characters shown as escapes
      // (backticks aside: paired ones in a message are code spans, shown without them).
      const seen = (t: string) => t.replace(/`/g, '');
      const text = seen(decodeEntities(html.replace(/<[^>]*>/g, '')));
      for (const name of ws.names) expect(text, JSON.stringify(name)).toContain(seen(shown(name)));
      for (const p of PAYLOADS) expect(text, JSON.stringify(p)).toContain(seen(shown(`s3:Get${p}`)));
    });
  }

  it('checklist: the --base ref is shown as code', async () => {
    const { formatChecklistMarkdown } = await import('../../server/src/engine/checklist/markdown.js');
    const out = formatChecklistMarkdown({ version: 1, base: 'main`<img src=x onerror=alert(1)>\n::error::x', sections: [] });
    expectInert(out);
    expect(markdown.render(out)).not.toContain('<img');
  });
});

describe('stderr', () => {
  it('--format github: configuration errors are annotations, one per problem, with file and position', () => {
    const r = run(['check', '--format', 'github', '.'], configRoot);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectInert(r.stderr, { annotations: true });
    const lines = r.stderr.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(OWN_ANNOTATION);
    expect(lines.filter((l) => l.startsWith('::error file=.iac-review.json,line='))).toHaveLength(PAYLOADS.length);
    expect(lines.at(-1)).toBe('::error title=iac-review::iac-review check: the configuration has ' + `${PAYLOADS.length} errors; fix it and run again.`);
  });

  it('other formats: configuration errors are compiler-style lines of inert text', () => {
    for (const argv of [['check', '.'], ['checklist', '.']]) {
      const r = run(argv, configRoot);
      expect(r.code).toBe(2);
      expectInert(r.stderr);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(PAYLOADS.length + 1);
      for (const p of PAYLOADS) expect(r.stderr).toContain(shown(p));
    }
  });

  it('--format github: usage errors are annotations, however the format is written', () => {
    const hostile = 'missing\n::error::forged\u001b[31m';
    for (const argv of [
      ['check', '--format', 'github', hostile],
      ['check', '--format=github', hostile],
      ['check', '-f', 'github', hostile],
      ['check', '-fgithub', hostile],
      ['check', '--format', 'github', '--bogus'],
      ['check', '--format', 'github', '--config', hostile],
      ['check', '--format', 'github', '--fail-on', hostile],
    ]) {
      const r = run(argv, ws.root);
      expect(r.code, argv.join(' ')).toBe(2);
      expectInert(r.stderr, { annotations: true });
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines, argv.join(' ')).toHaveLength(1);
      expect(lines[0]).toMatch(/^::error title=iac-review::iac-review check: .*%0ARun `iac-review check --help` for usage\.$/);
    }
  });

  it('--format github: an internal error is one annotation', () => {
    const analyze = () => {
      throw new Error('boom\n::error::forged by an internal error\u001b[31m');
    };
    const r = run(['check', '--format', 'github', '.'], ws.root, { analyze });
    expect(r.code).toBe(2);
    expectInert(r.stderr, { annotations: true });
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^::error title=iac-review%3A internal error::iac-review: internal error: Error: boom\\n::error::forged by an internal error\\u001b\[31m%0A {4}at /);
  });

  it('usage errors quote arguments as inert text', () => {
    for (const argv of [['check', 'missing\n::error::forged\u001b]8;;x\u0007'], ['checklist', '--config', '\u202emissing\n::warning::x'], ['frobnicate\n::error::x']]) {
      const r = run(argv, ws.root);
      expect(r.code).toBe(2);
      expectInert(r.stderr);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(2);
    }
  });

  it('checklist: input errors on stderr are inert lines', () => {
    const r = run(['checklist', '.'], ws.root);
    expect(r.code).toBe(0);
    expectInert(r.stderr);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(2);
    expect(r.stderr).toContain(`${shown(ws.names[ws.names.length - 1]!)}:1:1: error:`);
  });
});

describe('a file name that starts with "::" does not start a command line', () => {
  it('text and stderr lines begin with an escaped colon', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const root = mkdtempSync(join(tmpdir(), 'iac-review-colons-'));
    try {
      writeFileSync(join(root, '::error file=x::forged.tf'), 'resource "aws_s3_bucket" "a" {}\n');
      writeFileSync(join(root, '  ::warning::indented.tf'), 'resource "aws_s3_bucket" "b" {\n');
      const text = run(['check', '--fail-on', 'never', '.'], root);
      expectInert(text.stdout);
      expect(text.stdout).toContain('\\u003a:error file=x::forged.tf:1:1');
      const checklist = run(['checklist', '.'], root);
      expectInert(checklist.stderr);
      expect(checklist.stderr).toContain('  \\u003a:warning::indented.tf:1:1: error:');
      expectInert(checklist.stdout);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

function decodeEntities(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('exercise', () => {
  it('list, and score with --reveal, print pack names, candidate comments, file names and findings as inert text', async () => {
    const { cpSync, mkdtempSync, readdirSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const root = mkdtempSync(join(tmpdir(), 'iac-review-exercise-output-'));
    try {
      const packs = join(root, 'packs');
      const pack = join(packs, 'pack\n::error::forged by a pack name\u001b[31m');
      cpSync(join(import.meta.dirname, '..', '..', 'test-fixtures', 'exercises', 'junior'), pack, { recursive: true });
      writeFileSync(join(pack, 'README.md'), '# Title \u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007 ##[error]forged\n');
      for (const format of ['text', 'json']) {
        const r = run(['exercise', 'list', '--format', format, '--packs', packs], root);
        expect(r.code).toBe(0);
        expectInert(r.stdout);
        expectInert(r.stderr);
      }

      const candidate = join(root, 'candidate');
      cpSync(pack, candidate, { recursive: true, filter: (src) => !src.endsWith('answer-key.json') });
      const hostile = PAYLOADS.filter((p) => !/[\n\r\u2028\u2029]/.test(p)); // a comment is one line
      hostile.forEach((p, i) => {
        const statement = `  statement {\n    actions   = [${JSON.stringify(`s3:Get${i}`)}, "s3:Get${i}${p.replace(/["\\$%]/g, '')}"]\n    resources = ["*"]\n  }\n`;
        writeFileSync(join(candidate, `${i}-${p.replace(/\//g, '_').replace(/\0/g, '0')}.tf`), `# REVIEW: ${p}\ndata "aws_iam_policy_document" "p${i}" {\n${statement}}\n`);
      });
      expect(readdirSync(candidate).length).toBeGreaterThan(hostile.length);
      for (const format of ['markdown', 'json']) {
        const r = run(['exercise', 'score', candidate, '--key', join(pack, 'answer-key.json'), '--reveal', '--format', format], root);
        expect(r.code, r.stderr).toBe(0);
        expectInert(r.stdout);
        if (format === 'markdown') {
          const html = markdown.render(r.stdout);
          expect(html).not.toMatch(/<(img|script)[\s>]/);
          for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).not.toMatch(/^(javascript|https?):/);
        }
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
