import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRecord, spreadsheetText } from '../../source/report/csv.js';
import { parseCsv } from '../helpers/csv.js';

describe('csvRecord (RFC 4180)', () => {
  it('quotes a field with a comma, a quote or a line break, and doubles its quotes', () => {
    expect(csvRecord(['Kim, "Minji"', 'plain', 3, null, 'two\nlines'])).toBe('"Kim, ""Minji""",plain,3,,"two\nlines"\r\n');
  });

  it('property: any fields read back as written', () => {
    fc.assert(fc.property(fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 6 }), { maxLength: 5 }), (rows) => {
      // A record of one empty field is an empty line; RFC 4180 cannot tell it from nothing.
      const written = rows.filter((r) => !(r.length === 1 && r[0] === ''));
      expect(parseCsv(written.map((r) => csvRecord(r)).join(''))).toEqual(written);
    }));
  });
});

describe('spreadsheetText', () => {
  it('keeps a formula from running in a spreadsheet (OWASP CSV injection)', () => {
    expect(spreadsheetText('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(spreadsheetText('+1')).toBe("'+1");
    expect(spreadsheetText('-1')).toBe("'-1");
    expect(spreadsheetText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(spreadsheetText('Kim = Minji')).toBe('Kim = Minji');
  });
});
