import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '../../src/commands/imports/import-limits.ts';
import { headerKey, mapColumns } from '../../src/commands/imports/read-columns.ts';
import { parseDelimited } from '../../src/commands/imports/read-csv.ts';
import { readImportFile } from '../../src/commands/imports/read-import-file.ts';
import { csvCell, csvFile } from '../../src/views/csv-file.ts';
import { csv, fileOf, QCC_HEADER, qccRow } from './import-files.ts';

/** Reading an import file before any rule: encodings, columns, the limits at their edges. */

const rowsOf = (n: number) => Array.from({ length: n }, (_, i) => qccRow(`边界测试${i}有限公司`, { phone: `138${String(i).padStart(8, '0')}` }));

describe('reading an import file', () => {
  it('takes MAX_IMPORT_ROWS rows and refuses one more, naming the limit, before reading any row', async () => {
    const full = await readImportFile(fileOf('full.csv', csv([QCC_HEADER, ...rowsOf(MAX_IMPORT_ROWS)])));
    expect(full.ok && full.table.rows.length).toBe(MAX_IMPORT_ROWS);
    const over = await readImportFile(fileOf('over.csv', csv([QCC_HEADER, ...rowsOf(MAX_IMPORT_ROWS + 1)])));
    expect(over).toEqual({ ok: false, problem: 'too_many_rows', max: MAX_IMPORT_ROWS, rows: MAX_IMPORT_ROWS + 1 });
  });

  it('takes a file of MAX_IMPORT_BYTES and refuses one byte more, or a file the platform said is larger and was not fetched', async () => {
    const head = csv([QCC_HEADER, qccRow('字节边界有限公司', { phone: '13812345678' })]);
    const padded = (size: number) => {
      const bytes = new Uint8Array(size).fill(0x20);
      bytes.set(new TextEncoder().encode(head));
      bytes[size - 1] = 0x0a;
      return bytes;
    };
    const atLimit = await readImportFile(fileOf('edge.csv', padded(MAX_IMPORT_BYTES)));
    expect(atLimit.ok && atLimit.table.rows.length).toBe(1);
    expect(await readImportFile(fileOf('edge.csv', padded(MAX_IMPORT_BYTES + 1)))).toMatchObject({ ok: false, problem: 'file_too_large', max: MAX_IMPORT_BYTES });
    expect(await readImportFile({ name: 'big.xlsx', size: 5_000_000, bytes: null })).toMatchObject({ ok: false, problem: 'file_too_large', size: 5_000_000 });
  });

  it('reads UTF-8 without a BOM, UTF-16 with one (tab separated), and GBK as Excel on a Chinese Windows saves it', async () => {
    const plain = await readImportFile(fileOf('plain.csv', csv([QCC_HEADER, qccRow('无BOM有限公司', { phone: '13812345678' })], false)));
    expect(plain.ok && plain.table.rows[0]?.lead.company).toBe('无BOM有限公司');

    const tsv = `${['企业名称', '联系人', '电话', '人员规模', '行业地位'].join('\t')}\r\n${['双字节有限公司', '王工', '13812345678', '50人', '一般'].join('\t')}\r\n`;
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(tsv, 'utf16le'))]);
    const wide = await readImportFile(fileOf('unicode.txt', utf16));
    expect(wide.ok && wide.table.rows[0]?.lead).toMatchObject({ company: '双字节有限公司', contactName: '王工', phone: '+8613812345678' });

    // 企业名称,电话,联系人,人员规模,行业地位 / 企业,13812345678,王,50,一般 in GBK.
    const gbk = Buffer.concat([
      Buffer.from('c6f3d2b5c3fbb3c62cb5e7bbb02cc1aacfb5c8cb2cc8cbd4b1b9e6c4a32cd0d0d2b5b5d8cebb0d0a', 'hex'),
      Buffer.from('c6f3d2b52c31333831323334353637382cc3fb2c35302cd2bbb0e30d0a', 'hex'),
    ]);
    const chinese = await readImportFile(fileOf('gbk.csv', new Uint8Array(gbk)));
    expect(chinese.ok && chinese.table.rows[0]?.lead).toMatchObject({ company: '企业', phone: '+8613812345678', size: '50' });
  });

  it('refuses bytes that are no text, a file of another type, a workbook that is no workbook, a file without a company column, a header alone', async () => {
    expect(await readImportFile(fileOf('x.csv', new Uint8Array([0x80, 0xff, 0xfe, 0x00, 0x41])))).toEqual({ ok: false, problem: 'encoding_unreadable' });
    expect(await readImportFile(fileOf('x.pdf', '%PDF-1.4'))).toEqual({ ok: false, problem: 'file_type', name: 'x.pdf' });
    expect(await readImportFile(fileOf('x.xlsx', 'not a zip'))).toEqual({ ok: false, problem: 'xlsx_unreadable' });
    expect(await readImportFile(fileOf('x.csv', csv([['电话', '邮箱'], ['138', 'a@b.c']])))).toEqual({ ok: false, problem: 'no_company_column', columns: '电话, 邮箱' });
    expect(await readImportFile(fileOf('x.csv', csv([QCC_HEADER])))).toEqual({ ok: false, problem: 'no_rows' });
  });

  it('maps the columns these sites export in any order, Chinese or English, and never takes the legal representative as the contact', () => {
    expect(headerKey('人员规模（人）')).toBe('人员规模');
    expect(headerKey('Company Name*')).toBe('companyname');
    const map = mapColumns(['法定代表人', '参保人数', 'Email', '企业名称', '人员规模', 'Tel']);
    expect(Object.fromEntries(map ?? [])).toEqual({ company: [3], email: [2], phone: [5], size: [4, 1] });
  });

  it('tells a file with a legal representative and no contact, and says which columns it read', async () => {
    const read = await readImportFile(fileOf('qcc.csv', csv([['企业名称', '法定代表人', '电话'], ['法人测试有限公司', '张法人', '13812345678']])));
    expect(read.ok && read.table.legalRepresentativeOnly).toBe(true);
    expect(read.ok && read.table.invalid[0]?.issues.map((i) => i.field)).toEqual(['contact', 'size', 'position']);
    expect(read.ok && read.table.used).toEqual([{ header: '企业名称', field: 'company' }, { header: '电话', field: 'phone' }]);
  });

  it('parses quoted cells with commas, quotes and line breaks, keeping each row\'s line', () => {
    expect(parseDelimited('a,b\r\n"x, ""y""","1\n2"\n\nz,3\n', ',')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, "y"', '1\n2'] },
      { line: 5, cells: ['z', '3'] },
    ]);
  });

  it('writes CSV cells a spreadsheet cannot run as formulas', () => {
    expect(['=1+1', '+86138', '-2', '@SUM(A1)', '\tx', 'ok'].map(csvCell)).toEqual(['"\'=1+1"', '"\'+86138"', '"\'-2"', '"\'@SUM(A1)"', '"\'\tx"', '"ok"']);
    expect(csvFile([['a', 'b"c']])).toBe('\uFEFF"a","b""c"\r\n');
  });
});
