// The Start Exercise picker and the file it opens (client/src/exercise-labels.ts, no editor API).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mainModuleFile, packDescription } from '../../client/src/exercise-labels.js';
import { listPacks } from '../../server/src/engine/exercise/exercise-folder.js';

const PACKS = join(import.meta.dirname, '..', '..', 'test-fixtures', 'exercises');

describe('the pack picker', () => {
  it('names each pack once, with its difficulty (when it is not the name) and problem count', () => {
    expect(packDescription({ name: 'junior', difficulty: 'junior', problems: 9 })).toBe('9 problems');
    expect(packDescription({ name: 'payments', difficulty: 'mid', problems: 10 })).toBe('mid · 10 problems');
    expect(packDescription({ name: 'x', problems: 3 })).toBe('3 problems');
    for (const pack of listPacks(PACKS)) {
      const line = `${pack.name} ${packDescription(pack)}`;
      expect(line.split(/\s+/).filter((w) => w === pack.name).length, line).toBe(1);
      expect(line).toContain(`${pack.problems} problems`);
    }
  });
});

describe('the module’s main file', () => {
  const files = (pack: string) => readdirSync(join(PACKS, pack)).filter((n) => n.endsWith('.tf')).map((name) => ({ name, text: readFileSync(join(PACKS, pack, name), 'utf8') }));

  it('is main.tf when there is one', () => {
    expect(mainModuleFile([{ name: 'variables.tf', text: '' }, { name: 'main.tf', text: '' }, { name: 'a.tf', text: 'resource "x" "y" {}\n' }])).toBe('main.tf');
  });

  it('else the file with the most resources and module calls, not the first name in the alphabet', () => {
    expect(mainModuleFile(files('mid'))).toBe('function.tf');
    expect(mainModuleFile(files('lead'))).toBe('database.tf');
    expect(mainModuleFile(files('junior'))).toBe('storage.tf');
    expect(mainModuleFile([{ name: 'alarms.tf', text: 'module "a" {}\n' }, { name: 'variables.tf', text: 'variable "v" {}\n' }])).toBe('alarms.tf');
    expect(mainModuleFile([{ name: 'README.md', text: '' }])).toBeUndefined();
  });
});
