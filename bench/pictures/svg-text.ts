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
