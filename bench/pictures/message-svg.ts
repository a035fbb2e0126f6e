import { CHART_FONT_FAMILY } from '../../adapters/slack/chart-png.ts';
import { escapeXml, tableSvg, textLines, wrap, type TextLine } from './svg-text.ts';

type Json = Record<string, any>;

const WIDTH = 760;
const LEFT = 72;

/** mrkdwn as the reader sees it: *bold* marks and code marks gone, entities back to their characters. */
const plain = (mrkdwn: string): string => mrkdwn.replace(/```/g, '\n').replace(/`/g, '').replace(/\*([^*\n]+)\*/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim();

/**
 * A preview of a Slack message (the Block Kit the bot sends) and the
 * pictures shared after it, as SVG, drawn by our own code for the README,
 * not by Slack: the bot's name, headers, sections, context, buttons, then
 * each picture under its title as Slack shows a shared image.
 */
export function messageSvg(botName: string, blocks: Json[], pictures: { title: string; png: Buffer; width: number; height: number }[]): string {
  const inner = WIDTH - LEFT - 20;
  let body = `<rect x="16" y="16" width="40" height="40" rx="6" fill="#1d4ed8"/><text x="36" y="43" text-anchor="middle" font-family="${CHART_FONT_FAMILY}" font-size="18" fill="#ffffff">P</text>`;
  body += `<text x="${LEFT}" y="32" font-family="${CHART_FONT_FAMILY}" font-size="15" font-weight="bold" fill="#1d1c1d">${escapeXml(botName)}</text><text x="${LEFT + botName.length * 10 + 12}" y="32" font-family="${CHART_FONT_FAMILY}" font-size="12" fill="#616061">APP</text>`;
  let y = 40;
  for (const b of blocks) {
    let lines: TextLine[] = [];
    if (b.type === 'header') lines = wrap(b.text.text, inner, 18).map((text) => ({ text, size: 18, color: '#1d1c1d', weight: 'bold' as const }));
    else if (b.type === 'section' && b.text) lines = wrap(plain(b.text.text), inner, 15).map((text) => ({ text, size: 15, color: '#1d1c1d' }));
    else if (b.type === 'section' && b.fields) lines = b.fields.flatMap((f: Json) => wrap(plain(f.text), inner, 15).map((text) => ({ text, size: 15, color: '#1d1c1d' })));
    else if (b.type === 'context') lines = b.elements.flatMap((e: Json) => wrap(plain(e.text), inner, 13).map((text) => ({ text, size: 13, color: '#616061' })));
    else if (b.type === 'table') {
      const [headings = [], ...rows] = (b.rows as Json[][]).map((row) => row.map((cell) => String(cell.text ?? '')));
      const drawn = tableSvg(headings, rows, LEFT, y + 4, inner, CHART_FONT_FAMILY);
      body += drawn.svg;
      y = drawn.y;
      continue;
    } else if (b.type === 'actions') {
      let x = LEFT;
      for (const e of b.elements) {
        const w = e.text.text.length * 15 + 28;
        const primary = e.style === 'primary';
        body += `<rect x="${x}" y="${y + 6}" width="${w}" height="32" rx="4" fill="${primary ? '#007a5a' : '#ffffff'}" stroke="${primary ? '#007a5a' : '#bbbbbb'}"/><text x="${x + w / 2}" y="${y + 27}" text-anchor="middle" font-family="${CHART_FONT_FAMILY}" font-size="14" font-weight="bold" fill="${primary ? '#ffffff' : '#1d1c1d'}">${escapeXml(e.text.text)}</text>`;
        x += w + 8;
      }
      y += 46;
      continue;
    }
    const drawn = textLines(lines, LEFT, y, CHART_FONT_FAMILY);
    body += drawn.svg;
    y = drawn.y + 8;
  }
  for (const p of pictures) {
    const drawn = textLines([{ text: `${p.title} ▾`, size: 13, color: '#616061' }], LEFT, y, CHART_FONT_FAMILY);
    body += drawn.svg;
    const height = Math.round((inner * p.height) / p.width);
    body += `<rect x="${LEFT - 1}" y="${drawn.y + 7}" width="${inner + 2}" height="${height + 2}" rx="6" fill="none" stroke="#dddddd"/><image x="${LEFT}" y="${drawn.y + 8}" width="${inner}" height="${height}" href="data:image/png;base64,${p.png.toString('base64')}"/>`;
    y = drawn.y + height + 20;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${y + 16}"><rect width="100%" height="100%" fill="#ffffff"/>${body}</svg>`;
}
