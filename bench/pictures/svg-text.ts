/**
 * Text laid out for the README's pictures: escaped for SVG and wrapped to a
 * width by an estimate of each character's advance (a hanzi or a full-width
 * sign is one em, a Latin letter or digit a little over half), close enough
 * for a preview; the charts themselves are laid out by ECharts.
 */
/**
 * Chat apps draw these as colour emoji; the shipped font has none, so the
 * previews draw a sign of the font that reads the same instead of a box.
 */
const STAND_INS: Record<string, string> = { '✅': '✓', '❌': '×', '▾': '▼', '⚠️': '⚠', '⛔': '×' };

export const escapeXml = (text: string): string =>
  text
    .replace(/✅|❌|▾|⚠️|⛔/g, (emoji) => STAND_INS[emoji] ?? emoji)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

const advance = (ch: string, size: number): number => (/[\u2E80-\uFFEF■□•]/.test(ch) ? size : /[A-Z@%#]/.test(ch) ? size * 0.65 : size * 0.55);

export function wrap(text: string, width: number, size: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    for (const ch of paragraph) {
      const w = advance(ch, size);
      if (used + w > width && line) {
        lines.push(line);
        line = '';
        used = 0;
      }
      line += ch;
      used += w;
    }
    lines.push(line);
  }
  return lines;
}

export interface TextLine {
  text: string;
  size: number;
  color: string;
  weight?: 'bold';
  /** Drawn in a monospace box (a Slack code block). */
  code?: boolean;
}

/** Lines as SVG <text> from `y` on; answers the SVG and the y below the last line. */
export function textLines(lines: TextLine[], x: number, y: number, family: string): { svg: string; y: number } {
  let svg = '';
  for (const line of lines) {
    y += line.size * 1.45;
    svg += `<text x="${x}" y="${y}" font-family="${family}" font-size="${line.size}" fill="${line.color}"${line.weight ? ` font-weight="${line.weight}"` : ''} xml:space="preserve">${escapeXml(line.text)}</text>`;
  }
  return { svg, y };
}

/**
 * A table for the previews: headings in bold on grey, then a row a line,
 * the columns sharing the width in proportion to their longest cell; a cell
 * longer than its column is cut with an ellipsis, as both apps cut it.
 */
export function tableSvg(headings: string[], rows: string[][], x: number, y: number, width: number, font: string): { svg: string; y: number } {
  const size = 13;
  const rowHeight = 26;
  const textWidth = (text: string) => [...text].reduce((w, ch) => w + advance(ch, size), 0);
  const wants = headings.map((h, c) => Math.max(textWidth(h), ...rows.map((r) => textWidth(r[c] ?? ''))) + 16);
  const total = wants.reduce((a, b) => a + b, 0);
  const widths = wants.map((w) => (total > width ? (w * width) / total : w));
  const fit = (text: string, room: number) => {
    if (textWidth(text) <= room + 0.01) return text;
    let out = '';
    for (const ch of text) {
      if (textWidth(`${out}${ch}…`) > room) break;
      out += ch;
    }
    return `${out}…`;
  };
  let svg = `<rect x="${x}" y="${y}" width="${widths.reduce((a, b) => a + b, 0)}" height="${rowHeight}" fill="#f5f6f7"/>`;
  [headings, ...rows].forEach((cells, r) => {
    let cx = x;
    const top = y + r * rowHeight;
    cells.forEach((cell, c) => {
      const w = widths[c] ?? 0;
      svg += `<text x="${cx + 8}" y="${top + 18}" font-family="${font}" font-size="${size}"${r === 0 ? ' font-weight="bold"' : ''} fill="#1f2329">${escapeXml(fit(cell, w - 16))}</text>`;
      cx += w;
    });
    svg += `<line x1="${x}" y1="${top + rowHeight}" x2="${cx}" y2="${top + rowHeight}" stroke="#dee0e3"/>`;
  });
  return { svg, y: y + (rows.length + 1) * rowHeight + 8 };
}
