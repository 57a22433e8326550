// Module roles in `check` output (SPEC §2a, §6): JSON lists each module's role, the text summary counts them.
import { describe, expect, it } from 'vitest';
import { formatJson } from '../../server/src/cli/format/json.js';
import { formatText } from '../../server/src/cli/format/text.js';
import { CONTEXT, CWD, REPORT } from './sample-report.js';

const WITH_ROLES = {
  ...REPORT,
  modules: [`${CWD}`, `${CWD}/examples/a`, `${CWD}/examples/b`, `${CWD}/tests/fixtures/x`],
  moduleRoles: [
    { dir: CWD, role: 'module' as const, why: 'called by examples/a through source = "../.."' },
    { dir: `${CWD}/examples/a`, role: 'example' as const, why: 'under examples/' },
    { dir: `${CWD}/examples/b`, role: 'example' as const, why: 'under examples/' },
    { dir: `${CWD}/tests/fixtures/x`, role: 'test' as const, why: 'under tests/fixtures/' },
  ],
};

describe('module roles in check output', () => {
  it('json: "modules" lists each module directory (relative) with its role', () => {
    expect(JSON.parse(formatJson(WITH_ROLES, CONTEXT)).modules).toEqual([
      { dir: '.', role: 'module' },
      { dir: 'examples/a', role: 'example' },
      { dir: 'examples/b', role: 'example' },
      { dir: 'tests/fixtures/x', role: 'test' },
    ]);
    expect(JSON.parse(formatJson(REPORT, CONTEXT)).modules).toEqual([]);
  });

  it('text: the summary counts modules per role', () => {
    const summary = formatText(WITH_ROLES, CONTEXT).trimEnd().split('\n').at(-1);
    expect(summary).toMatch(/in \d+ files? in 4 modules \(1 module, 2 examples, 1 test\)/);
  });
});
