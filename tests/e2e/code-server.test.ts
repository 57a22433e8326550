// The extension in a real VS Code: code-server 1.100.3 (VS Code for the
// browser, installed by scripts/ensure-e2e-tools.sh) driven through Debian's
// Chromium with playwright-core. Needs `npm run package` first (npm run test:e2e does it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExpectations } from '../support/expectations.js';
import { REPO_ROOT, outputChannelLog, startCodeServer } from './support/code-server.js';
import { openWorkbench, useCodeServerSession } from './support/session.js';
import { eventually, launchBrowser } from './support/workbench.js';

const session = useCodeServerSession();

/** A Problems row of ours reads "<message> iac-review <rule-id> [Ln 5, Col 1]". */
function findingOf(row: string): { ruleId: string; line: number } {
  const m = / iac-review (\S+) \[Ln (\d+), Col \d+\]$/.exec(row);
  if (!m) throw new Error(`unreadable Problems row: ${row}`);
  return { ruleId: m[1]!, line: Number(m[2]) };
}

function ruleIdsOf(rows: string[]): string[] {
  return rows.map((r) => findingOf(r).ruleId).sort();
}

describe('IaC Review in code-server', () => {
  it('shows the findings in Problems, applies a quick fix, suppresses with a reason, hovers, shows rule docs', async () => {
    const { sandbox } = session;
    const { wb, page } = await openWorkbench(session, { fileName: 'main.tf' });

    const mainTf = join(sandbox.workspace, 'main.tf');
    const expected = parseExpectations(mainTf, readFileSync(mainTf, 'utf8'));
    const expectedIds = expected.map((e) => e.ruleId).sort();

    // Findings: exactly the planted ones, from the installed extension's server.
    await wb.openFile('main.tf');
    await wb.openProblems();
    const rows = await eventually(() => wb.problemRows(), (r) => r.length >= expected.length, 'the iac-review rows in Problems', 60_000);
    expect(rows.map((r) => `${findingOf(r).line}:${findingOf(r).ruleId}`).sort()).toEqual(expected.map((e) => `${e.line}:${e.ruleId}`).sort());
    await page.locator('.statusbar-item', { hasText: `IaC Review: ${expected.length}` }).waitFor();

    // Quick fix: add lifecycle { prevent_destroy = true } to the bucket, save.
    const bucket = expected.find((e) => e.ruleId === 'lifecycle/prevent-destroy')!;
    await wb.goTo(bucket.line, 10);
    await wb.runQuickFix(/prevent_destroy/);
    await page.keyboard.press('Control+S');
    const afterFix = await eventually(
      () => wb.problemRows(),
      (r) => !r.some((x) => x.includes('lifecycle/prevent-destroy')) && r.length === expected.length - 1,
      'the prevent-destroy finding to go',
    );
    expect(ruleIdsOf(afterFix)).toEqual(expectedIds.filter((id) => id !== 'lifecycle/prevent-destroy'));
    await eventually(async () => readFileSync(mainTf, 'utf8'), (t) => /lifecycle \{\n\s+prevent_destroy = true\n\s+\}/.test(t), 'the fix saved to disk');
    const fixed = readFileSync(mainTf, 'utf8');
    expect(fixed).toMatch(/resource "aws_s3_bucket" "invoices" \{[^]*?\n  lifecycle \{\n    prevent_destroy = true\n  \}\n\}/);

    // Suppress with reason…: the prompt's answer becomes the comment's reason.
    const logGroupLine = fixed.split('\n').findIndex((l) => l.startsWith('resource "aws_cloudwatch_log_group" "jobs"')) + 1;
    await wb.goTo(logGroupLine, 10);
    await wb.runQuickFix(/^Suppress observability\/log-retention with reason…/);
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('log group retired in BILL-812, approved by the platform team');
    await page.keyboard.press('Enter');
    await eventually(
      () => wb.problemRows(),
      (r) => !r.some((x) => x.includes('observability/log-retention')) && r.length === expected.length - 2,
      'the log-retention finding to be suppressed',
    );
    await page.keyboard.press('Control+S');
    const suppression =
      '# iac-review:ignore observability/log-retention -- log group retired in BILL-812, approved by the platform team\nresource "aws_cloudwatch_log_group" "jobs"';
    await eventually(async () => readFileSync(mainTf, 'utf8'), (t) => t.includes(suppression), 'the suppression comment saved to disk');
    await page.locator('.statusbar-item', { hasText: `IaC Review: ${expected.length - 2}` }).waitFor();

    // Hover on a resource: effective tags, the provider's default_tags included.
    const bucketLine = readFileSync(mainTf, 'utf8').split('\n').findIndex((l) => l.startsWith('resource "aws_s3_bucket" "invoices"')) + 1;
    await wb.goTo(bucketLine, 12);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'CostCenter' });
    await hover.waitFor({ timeout: 30_000 });
    const hoverText = await hover.innerText();
    for (const text of ['Owner', 'billing-team', 'Environment', 'CostCenter', 'cc-4021', 'Service']) expect(hoverText).toContain(text);
    await page.keyboard.press('Escape');

    // Show Rule Documentation: picked from the server's catalog, rendered on the extension's own page.
    await wb.runCommand('IaC Review: Show Rule Documentation');
    const pick = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-widget', { hasText: 'IaC Review: Show Rule Documentation' }).waitFor();
    await page.locator('.quick-input-list .monaco-list-row', { hasText: /[a-z]+\/[a-z0-9-]+/ }).first().waitFor();
    await pick.fill('lifecycle/prevent-destroy');
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'lifecycle/prevent-destroy' }).waitFor();
    await page.keyboard.press('Enter');
    // Rendered, not shown as source: a heading, bold text, an HCL code block.
    const preview = await wb.webviewWith('h1', 'lifecycle/prevent-destroy');
    expect(await preview.locator('strong', { hasText: 'Why.' }).count()).toBe(1);
    expect(await preview.locator('pre code', { hasText: 'prevent_destroy = true' }).count()).toBeGreaterThan(0);
    expect(await preview.locator('body').innerText()).not.toContain('**Why.**');

    const log = outputChannelLog(sandbox);
    console.log(log.split('\n').filter((l) => /Activated in|Server ready/.test(l)).join('\n'));
  });

  it("runs the extension's mocha suite in code-server's extension host", { timeout: 480_000 }, async () => {
    const { sandbox } = session;
    const server = (session.server = await startCodeServer(sandbox));
    const browser = (session.browser = await launchBrowser());
    // The suite's Copy Checklist test reads the clipboard back through VS Code, which uses the browser's.
    const page = (session.page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, permissions: ['clipboard-read', 'clipboard-write'] }));
    const log: string[] = [];
    let exit: (code: number) => void = () => {};
    const exited = new Promise<number>((resolve) => (exit = resolve));
    await page.exposeFunction('codeAutomationLog', (level: string, message: string) => log.push(`[${level}] ${message}`));
    await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));

    // code-server's CLI refuses --extensionDevelopmentPath; the web workbench takes it in `payload`.
    const remote = (path: string) => `vscode-remote://127.0.0.1:${server.port}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(REPO_ROOT)],
      ['extensionTestsPath', remote(join(REPO_ROOT, 'client/out/test/suite/index.cjs'))],
    ];
    await page.goto(`${server.origin}/?folder=${encodeURIComponent(sandbox.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the suite did not finish in 420 s; log:\n${log.join('\n')}`)), 420_000);
    });
    const code = await Promise.race([exited, timedOut]).finally(() => clearTimeout(timer));
    console.log(log.join('\n'));
    expect(code, log.join('\n')).toBe(0);
    // The suite's own report: every test passed, none skipped.
    const report = log.join('\n');
    expect(report).toMatch(/\b\d+ passing\b/);
    expect(report).not.toMatch(/\b\d+ (failing|pending)\b/);
  });
});
