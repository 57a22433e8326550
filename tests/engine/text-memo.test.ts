import { describe, expect, it } from 'vitest';
import { TextMemo } from '../../server/src/engine/text-memo.js';

describe('TextMemo', () => {
  it('computes an answer once while it is kept, undefined answers included', () => {
    const memo = new TextMemo<string | undefined>(10);
    let calls = 0;
    const compute = (key: string) => (calls++, key === 'none' ? undefined : key.toUpperCase());
    expect(memo.get('abc', compute)).toBe('ABC');
    expect(memo.get('abc', compute)).toBe('ABC');
    expect(memo.get('none', compute)).toBeUndefined();
    expect(memo.get('none', compute)).toBeUndefined();
    expect(calls).toBe(2);
    expect(memo.peek('abc')).toBe('ABC');
    expect(memo.peek('other')).toBeUndefined();
  });

  it('is emptied when full: a repository cannot grow it without bound', () => {
    const memo = new TextMemo<number>(3);
    let calls = 0;
    const compute = (key: string) => (calls++, key.length);
    for (const key of ['a', 'bb', 'ccc']) memo.get(key, compute);
    memo.get('dddd', compute); // full: emptied, then kept
    expect(memo.peek('a')).toBeUndefined();
    expect(memo.peek('dddd')).toBe(4);
    memo.get('a', compute);
    expect(calls).toBe(5);
  });
});
