/**
 * No file of the extension restates a rule that lives in shared/rules/ (issue 9: `dayMs` was
 * defined in ten files, the pulse texts, window and limits copied by hand). Each check names the
 * rule, what a copy looks like, and where the one definition is.
 */
import { describe, expect, it } from 'vitest';
import { limits } from '../../../shared/rules/limits';
import { pulseQuestions } from '../../../shared/rules/pulse';
import { extensionSources, read, relative } from './source-files';

const digits = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, '[_,]?'); // 20000 → 20[_,]?000

const copies: Array<{ rule: string; copy: RegExp; use: string }> = [
  {
    rule: 'the length of a day',
    copy: /\b(const|let|var)\s+dayMs\b|\b86[_,]?400[_,]?000\b|\b24\s*\*\s*3[_,]?600[_,]?000\b|\b3[_,]?600[_,]?000\s*\*\s*24\b|\b24\s*\*\s*60\s*\*\s*60\s*\*\s*1000\b/,
    use: 'dayMs (shared/rules/days.ts)',
  },
  { rule: 'the pulse window', copy: /\bpulseWindowMs\b|\b14\s*\*\s*(24|dayMs)\b/, use: 'pulseWindow / pulseIsDue (shared/rules/pulse.ts)' },
  { rule: 'the fiscal quarter', copy: /%\s*3\)\s*\+\s*3\)\s*%\s*3/, use: 'fiscalQuarterOf (shared/rules/calendar.ts)' },
  { rule: 'a rotation’s length', copy: /\bmin:\s*7,\s*max:\s*42\b/, use: 'rotationDays (shared/rules/engagement.ts)' },
  // (every length limit is 100 or more; shorter comparisons are ordinary code)
  { rule: 'a field’s length limit', copy: /maxLength=\{\s*\d|\.length\s*>=?\s*\d{3}/, use: 'limits (shared/rules/limits.ts)' },
  { rule: 'the note length', copy: new RegExp(`\\b${digits(limits.noteChars)}\\b`), use: 'limits.noteChars' },
  { rule: 'the batch size', copy: /\bops:\s*100\b/, use: 'limits.batchOps' },
  ...pulseQuestions.map((q) => ({
    rule: `the pulse question “${q.id}”`,
    copy: new RegExp(q.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
    use: 'pulseQuestions (shared/rules/pulse.ts)',
  })),
];

describe('rules are defined once, in shared/rules/', () => {
  const files = extensionSources().map((file) => ({ file: relative(file), text: read(file) }));

  it('reads the whole extension', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.map((f) => f.file)).toContain('extension/lib/queue.ts');
  });

  for (const { rule, copy, use } of copies) {
    it(`no extension file restates ${rule}: it uses ${use}`, () => {
      const found = files.filter(({ text }) => copy.test(text)).map(({ file, text }) => `${file}: ${text.match(copy)![0]}`);

      expect(found).toEqual([]);
    });
  }

  it('each check catches the copy it is written for', () => {
    const samples = [
      'const dayMs = 24 * 3600_000;',
      'now - 14 * 24 * 3600_000',
      'const offset = (((month - start) % 3) + 3) % 3;',
      '{ min: 7, max: 42 }',
      '<textarea maxLength={20000} />',
      'if (body.length > 20_000)',
      'const batchLimits = { ops: 100 };',
      ...pulseQuestions.map((q) => `<p>${q.text}</p>`),
    ];

    expect(copies.map(({ copy }) => samples.some((sample) => copy.test(sample)))).toEqual(copies.map(() => true));
  });
});
