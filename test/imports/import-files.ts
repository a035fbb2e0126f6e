import ExcelJS from 'exceljs';
import type { AttachedFile } from '../../src/commands/family.ts';

/** Test files for `/import leads`: CSV text as UTF-8 (BOM optional), a workbook built with exceljs. */
export const csv = (rows: string[][], bom = true): string => `${bom ? '\uFEFF' : ''}${rows.map((r) => r.map((c) => (/[",\n]/u.test(c) ? `"${c.replace(/"/gu, '""')}"` : c)).join(',')).join('\r\n')}\r\n`;

export const fileOf = (name: string, content: string | Uint8Array): AttachedFile => {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return { name, size: bytes.byteLength, bytes };
};

export async function xlsx(rows: (string | number | ExcelJS.CellValue)[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('企查查导出');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The header a 企查查 export has, with our contact and industry-position columns added (the lead form requires them). */
export const QCC_HEADER = ['企业名称', '统一社会信用代码', '法定代表人', '联系人', '电话', '邮箱', '人员规模', '行业地位', '区域', '所属行业', '注册地址'];

/** A row of QCC_HEADER. */
export const qccRow = (company: string, o: { code?: string; contact?: string; phone?: string; email?: string; size?: string; position?: string; region?: string } = {}): string[] => [
  company,
  o.code ?? '',
  '法人甲',
  o.contact ?? '王经理',
  o.phone ?? '',
  o.email ?? '',
  o.size ?? '100-499人',
  o.position ?? '区域龙头',
  o.region ?? '',
  '制造业',
  '上海市浦东新区',
];
