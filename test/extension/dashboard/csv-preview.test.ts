import { describe, expect, it } from 'vitest';
import { parseCsvRows, preview } from '../../../extension/dashboard/csv-preview';

describe('the import preview', () => {
  it('reads quoted fields, doubled quotes, CRLF and a spreadsheet BOM', () => {
    const csv = '\uFEFFdisplayName,email\r\n"Okafor, Amara",amara@x.org\r\n"Ada ""the count""",ada@x.org';

    expect(parseCsvRows(csv)).toEqual([
      ['displayName', 'email'],
      ['Okafor, Amara', 'amara@x.org'],
      ['Ada "the count"', 'ada@x.org'],
    ]);
  });

  it('numbers rows as the API does: header 1, blank lines skipped', () => {
    const p = preview('displayName,email\n\nAda,ada@x.org\nBo,nope\n', [{ row: 3, field: 'email', message: 'Invalid email address' }]);

    expect(p.rows.map((r) => [r.row, r.cells[0], r.errors])).toEqual([
      [2, 'Ada', []],
      [3, 'Bo', [{ field: 'email', message: 'Invalid email address' }]],
    ]);
    expect(p.errorCount).toBe(1);
  });

  it('keeps errors about the file or its header apart from the rows', () => {
    const p = preview('name,email\nAda,ada@x.org\n', [
      { row: 1, field: 'name', message: 'Unknown column "name" (column 1)' },
      { row: 0, message: 'The file is empty' },
    ]);

    expect(p.fileErrors).toEqual(['Row 1: Unknown column "name" (column 1)', 'The file is empty']);
    expect(p.rows[0]?.errors).toEqual([]);
  });
});
