import {
  AlignmentType, BorderStyle, Document, Footer, Header, HeadingLevel, Packer, PageNumber, Paragraph, ShadingType,
  Table as DocxTable, TableCell, TableLayoutType, TableRow, TabStopType, TextRun, WidthType, type IBorderOptions,
} from 'docx';
import {
  actionsTable, apologiesText, attendanceTable, banners, carriedOverTable, CONFIDENTIALITY_NOTICE, itemFacts,
  itemHeading, meetingFacts, minutesTitle, runningHead, type Fields, type Table,
} from './minutes-content.js';
import type { MinutesModel } from './minutes-model.js';
import type { Stamp } from './watermark.js';
import { fixZipTimestamps } from './zip-timestamps.js';

// The minutes as a Word document the chair can file or annotate. Text stays Unicode and the
// fonts are ones every Word install has with macrons (Calibri, Arial), so nothing is embedded.

const FONT = 'Calibri';
const ACCENT = '1F3A5F';
const ALERT = 'B00020';
const FILL = 'EEF1F6';
const RULE = 'C9CCD3';
// A4 at 2 cm margins, in twentieths of a point.
const PAGE_WIDTH = 11906;
const MARGIN = 1134;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const LABEL_WIDTH = 2300;

/** Runs for a text with line breaks kept. */
function runs(text: string, style: { bold?: boolean; color?: string; size?: number } = {}): TextRun[] {
  return text.split(/\r?\n/).map((line, i) => new TextRun({ text: line, ...style, ...(i > 0 && { break: 1 }) }));
}

function fields(rows: Fields): Paragraph[] {
  return rows.map(([label, value]) => new Paragraph({
    tabStops: [{ type: TabStopType.LEFT, position: LABEL_WIDTH }],
    indent: { left: LABEL_WIDTH, hanging: LABEL_WIDTH },
    spacing: { after: 40 },
    children: [new TextRun({ text: label, bold: true, color: '5B5B66' }), new TextRun({ text: '\t' }), ...runs(value)],
  }));
}

const rule: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: RULE };

function table({ columns, rows }: Table): DocxTable {
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const widths = columns.map((c) => Math.round((c.width / total) * CONTENT_WIDTH));
  const row = (cells: readonly string[], header: boolean) => new TableRow({
    tableHeader: header,
    cantSplit: true,
    children: cells.map((text, i) => new TableCell({
      width: { size: widths[i] ?? 0, type: WidthType.DXA },
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      ...(header && { shading: { type: ShadingType.CLEAR, color: 'auto', fill: FILL } }),
      children: [new Paragraph({ children: runs(text, { size: 18, ...(header && { bold: true, color: ACCENT }) }) })],
    })),
  });
  return new DocxTable({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: rule, bottom: rule, left: rule, right: rule, insideHorizontal: rule, insideVertical: rule },
    rows: [row(columns.map((c) => c.header), true), ...rows.map((r) => row(r, false))],
  });
}

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_1) =>
  new Paragraph({ heading: level, children: [new TextRun(text)] });
const plain = (text: string, muted = false) => new Paragraph({ spacing: { after: 120 }, children: runs(text, muted ? { color: '5B5B66' } : {}) });
// Space after a table, which Word otherwise butts against the next heading.
const gap = () => new Paragraph({ spacing: { after: 60 }, children: [] });

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * docx stamps its core properties with the time of packing; these fixed ones (the stamp's time)
 * keep a record copy byte-for-byte reproducible.
 */
function coreProperties(title: string, at: Date): string {
  const when = at.toISOString();
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    + 'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    + 'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    + `<dc:title>${escapeXml(title)}</dc:title><dc:creator>SAM Room</dc:creator><cp:lastModifiedBy>SAM Room</cp:lastModifiedBy>`
    + '<cp:revision>1</cp:revision>'
    + `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>`
    + `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`;
}

export async function minutesDocx(model: MinutesModel, stamp: Stamp): Promise<Buffer> {
  const { title, subtitle } = minutesTitle(model);
  const body: (Paragraph | DocxTable)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }),
    plain(subtitle, true),
    ...banners(model).map((b) => new Paragraph({
      shading: { type: ShadingType.CLEAR, color: 'auto', fill: b.alert ? ALERT : ACCENT },
      spacing: { after: 120 },
      children: [new TextRun({ text: b.text, bold: true, color: 'FFFFFF' })],
    })),
    ...fields(meetingFacts(model)),
    new Paragraph({
      border: { top: { ...rule, color: ACCENT }, bottom: { ...rule, color: ACCENT }, left: { ...rule, color: ACCENT }, right: { ...rule, color: ACCENT } },
      spacing: { before: 200, after: 200 },
      children: [new TextRun({ text: 'Confidentiality', bold: true, color: ACCENT }), new TextRun({ text: CONFIDENTIALITY_NOTICE, break: 1 })],
    }),
    heading('Attendance'),
    model.attendance.length ? table(attendanceTable(model)) : plain('No attendance recorded.', true),
    heading('Apologies'),
    plain(apologiesText(model)),
    heading('Families discussed'),
  ];
  if (model.items.length === 0) body.push(plain('No items on the list.', true));
  for (const item of model.items) {
    const head = itemHeading(item);
    body.push(heading(`${head.title} — ${head.right}`, HeadingLevel.HEADING_2), ...fields(itemFacts(item)));
    if (item.detail === 'reduced') continue;
    if (item.actions.length) body.push(gap(), table(actionsTable(item.actions)), gap());
    else body.push(plain('No actions.', true));
  }
  body.push(heading('Carried-over actions'));
  body.push(model.carriedOver.length ? table(carriedOverTable(model.carriedOver)) : plain('None outstanding from earlier meetings.', true));

  const doc = new Document({
    title: `${title} – ${subtitle}`,
    creator: 'SAM Room',
    styles: {
      default: {
        document: { run: { font: FONT, size: 20 } },
        title: { run: { font: FONT, size: 36, bold: true, color: ACCENT } },
        heading1: { run: { font: FONT, size: 26, bold: true, color: ACCENT }, paragraph: { spacing: { before: 280, after: 100 } } },
        heading2: { run: { font: FONT, size: 22, bold: true, color: ACCENT }, paragraph: { spacing: { before: 220, after: 80 }, keepNext: true } },
      },
    },
    sections: [{
      properties: { page: { size: { width: PAGE_WIDTH, height: 16838 }, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
      headers: {
        default: new Header({
          children: [
            new Paragraph({
              tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_WIDTH }],
              children: [
                new TextRun({ text: runningHead(model, 'Minutes'), size: 16, color: '5B5B66' }),
                new TextRun({ text: `\t${model.draft ? 'RESTRICTED · DRAFT' : 'RESTRICTED'}`, size: 16, bold: true, color: ALERT }),
              ],
            }),
            new Paragraph({ children: [new TextRun({ text: stamp.line, size: 16, color: '5B5B66' })] }),
          ],
        }),
      },
      footers: {
        default: new Footer({
          children: [new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 16, color: '5B5B66' })],
          })],
        }),
      },
      children: body,
    }],
  });
  const zip = await Packer.toBuffer(doc, false, [{ path: 'docProps/core.xml', data: coreProperties(`${title} – ${subtitle}`, stamp.at) }]);
  return fixZipTimestamps(zip, stamp.at);
}
