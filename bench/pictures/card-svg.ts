import { CHART_FONT_FAMILY } from '../../adapters/slack/chart-png.ts';
import { escapeXml, tableSvg, textLines, wrap, type TextLine } from './svg-text.ts';

type Json = Record<string, any>;

const TEMPLATE_COLOURS: Record<string, string> = { blue: '#3370ff', green: '#34c724', orange: '#ff8800', red: '#f54a45' };
const WIDTH = 720;
const PAD = 20;

/**
 * A preview of a Feishu card (the JSON the bot sends) as SVG, drawn by our
 * own code for the README, not by Feishu: the header in its template colour,
 * texts, tables, buttons, and each chart component as the picture `chartPicture`
 * gives for it (Feishu draws the VChart spec itself, in its own style).
 */
export function cardSvg(card: Json, chartPicture: (element: Json) => { png: Buffer; width: number; height: number }): string {
  const inner = WIDTH - 2 * PAD;
  let body = '';
  let y = 0;
  const title = card.header?.title?.content as string | undefined;
  if (title) {
    const colour = TEMPLATE_COLOURS[card.header.template] ?? TEMPLATE_COLOURS.blue;
    const lines = wrap(title, inner, 20).map((text): TextLine => ({ text, size: 20, color: '#ffffff', weight: 'bold' }));
    const drawn = textLines(lines, PAD, 8, CHART_FONT_FAMILY);
    body += `<rect x="0" y="0" width="${WIDTH}" height="${drawn.y + 18}" rx="8" fill="${colour}"/><rect x="0" y="${drawn.y + 8}" width="${WIDTH}" height="10" fill="${colour}"/>${drawn.svg}`;
    y = drawn.y + 18;
  }
  y += 8;
  let buttonsX = PAD;
  for (const e of card.body?.elements ?? []) {
    if (e.tag !== 'button' && buttonsX > PAD) {
      y += 44;
      buttonsX = PAD;
    }
    if (e.tag === 'div' && e.text?.content) {
      const grey = e.text.text_color === 'grey';
      const size = grey ? 13 : 15;
      const drawn = textLines(wrap(e.text.content, inner, size).map((text) => ({ text, size, color: grey ? '#8f959e' : '#1f2329' })), PAD, y, CHART_FONT_FAMILY);
      body += drawn.svg;
      y = drawn.y + 8;
    } else if (e.tag === 'chart') {
      const picture = chartPicture(e);
      const height = Math.round((inner * picture.height) / picture.width);
      body += `<image x="${PAD}" y="${y + 4}" width="${inner}" height="${height}" href="data:image/png;base64,${picture.png.toString('base64')}"/>`;
      y += height + 12;
    } else if (e.tag === 'table') {
      const columns = (e.columns ?? []) as Json[];
      const rows = ((e.rows ?? []) as Json[]).slice(0, e.page_size ?? 10).map((row) => columns.map((c) => String(row[c.name] ?? '')));
      const drawn = tableSvg(columns.map((c) => String(c.display_name ?? c.name)), rows, PAD, y + 4, inner, CHART_FONT_FAMILY);
      body += drawn.svg;
      y = drawn.y;
    } else if (e.tag === 'button') {
      const label = e.text?.content ?? '';
      const w = wrap(label, 1000, 14)[0]!.length * 15 + 28;
      const primary = e.type === 'primary';
      body += `<rect x="${buttonsX}" y="${y + 4}" width="${w}" height="32" rx="6" fill="${primary ? '#3370ff' : '#ffffff'}" stroke="${primary ? '#3370ff' : '#d0d3d6'}"/>`;
      body += `<text x="${buttonsX + w / 2}" y="${y + 25}" text-anchor="middle" font-family="${CHART_FONT_FAMILY}" font-size="14" fill="${primary ? '#ffffff' : '#1f2329'}">${escapeXml(label)}</text>`;
      buttonsX += w + 10;
    }
  }
  if (buttonsX > PAD) y += 44;
  const height = y + PAD;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH + 40}" height="${height + 40}"><rect width="100%" height="100%" fill="#f2f3f5"/><g transform="translate(20 20)"><rect width="${WIDTH}" height="${height}" rx="8" fill="#ffffff" stroke="#dee0e3"/>${body}</g></svg>`;
}
