import {
  AlignmentType, BorderStyle, Document, Footer, Header, HeadingLevel, Packer, PageNumber, Paragraph, ShadingType,
  Table as DocxTable, TableCell, TableLayoutType, TableRow, TabStopType, TextRun, WidthType, type IBorderOptions,
} from 'docx';
import { columnNeeds, fitColumns } from './column-widths.js';
import {
  actionsTable, apologiesText, attendanceTable, banners, carriedOverTable, CONFIDENTIALITY_NOTICE, itemFacts,
  itemHeading, meetingFacts, minutesTitle, runningHead, type Fields, type Table,
} from './minutes-content.js';
import type { ItemModel, MinutesModel } from './minutes-model.js';
import { textMeasure } from './text-measure.js';
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
const TWIPS_PER_POINT = 20;
/** Body text, in points. */
const BODY_SIZE = 10;
/** The narrowest label column of labelled fields, and the gap between a label and its value (twips). */
const LABEL_WIDTH = 2300;
const LABEL_GAP = 160;
/** Table text, in points (docx sizes are half-points). */
const CELL_SIZE = 9;
const CELL_MARGIN = 80;
// Beyond the cell margins: Word and LibreOffice lay text out in whole twips with their own hinting.
const CELL_SLACK = 2;

/** Runs for a text with line breaks kept. */
function runs(text: string, style: { bold?: boolean; color?: string; size?: number } = {}): TextRun[] {
  return text.split(/\r?\n/).map((line, i) => new TextRun({ text: line, ...style, ...(i > 0 && { break: 1 }) }));
}

/**
 * The label column of every labelled field in the document: as wide as the widest label
 * ("Person using violence"), which a tab follows and so cannot wrap, up to a third of the page.
 */
function labelWidth(groups: readonly Fields[]): number {
  const measure = textMeasure(BODY_SIZE);
  const widest = Math.max(0, ...groups.flat().map(([label]) => measure(label, true)));
  return Math.min(Math.round(CONTENT_WIDTH / 3), Math.max(LABEL_WIDTH, Math.ceil(widest * TWIPS_PER_POINT) + LABEL_GAP));
}

function fields(rows: Fields, width: number): Paragraph[] {
  return rows.map(([label, value]) => new Paragraph({
    tabStops: [{ type: TabStopType.LEFT, position: width }],
    indent: { left: width, hanging: width },
    spacing: { after: 40 },
    children: [new TextRun({ text: label, bold: true, color: '5B5B66' }), new TextRun({ text: '\t' }), ...runs(value)],
  }));
}

const rule: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: RULE };
// The confidentiality notice's frame, a few points clear of its text.
const box: IBorderOptions = { ...rule, color: ACCENT, space: 4 };

/**
 * Column widths in twips that fit every table given (all with the same columns). They are set on
 * the grid and every cell of a fixed-layout table, so neither Word nor LibreOffice re-flows them.
 */
function columnWidths(tables: readonly Table[]): number[] {
  const needs = columnNeeds(tables, textMeasure(CELL_SIZE), (2 * CELL_MARGIN) / TWIPS_PER_POINT + CELL_SLACK);
  return fitColumns(needs, CONTENT_WIDTH / TWIPS_PER_POINT).map((points) => Math.floor(points * TWIPS_PER_POINT));
}

export function table(table: Table, widths: readonly number[] = columnWidths([table])): DocxTable {
  const row = (cells: readonly string[], header: boolean) => new TableRow({
    tableHeader: header,
    cantSplit: true,
    children: cells.map((text, i) => new TableCell({
      width: { size: widths[i] ?? 0, type: WidthType.DXA },
      margins: { top: 40, bottom: 40, left: CELL_MARGIN, right: CELL_MARGIN },
      ...(header && { shading: { type: ShadingType.CLEAR, color: 'auto', fill: FILL } }),
      children: [new Paragraph({ children: runs(text, { size: 2 * CELL_SIZE, ...(header && { bold: true, color: ACCENT }) }) })],
    })),
  });
  return new DocxTable({
    width: { size: widths.reduce((sum, w) => sum + w, 0), type: WidthType.DXA },
    columnWidths: [...widths],
    layout: TableLayoutType.FIXED,
    borders: { top: rule, bottom: rule, left: rule, right: rule, insideHorizontal: rule, insideVertical: rule },
    rows: [row(table.columns.map((c) => c.header), true), ...table.rows.map((r) => row(r, false))],
  });
}

export const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_1) =>
  new Paragraph({ heading: level, children: [new TextRun(text)] });
export const plain = (text: string, muted = false) => new Paragraph({ spacing: { after: 120 }, children: runs(text, muted ? { color: '5B5B66' } : {}) });
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

/** The house style's Word document around `body`: A4, the running head and its mark, the copy's stamp, page numbers. */
export async function packDocx({ title, running, mark, stamp, body }: {
  title: string; running: string; mark: string; stamp: Stamp; body: (Paragraph | DocxTable)[];
}): Promise<Buffer> {
  const doc = new Document({
    title,
    creator: 'SAM Room',
    styles: {
      default: {
        document: { run: { font: FONT, size: 2 * BODY_SIZE } },
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
                new TextRun({ text: running, size: 16, color: '5B5B66' }),
                new TextRun({ text: `\t${mark}`, size: 16, bold: true, color: ALERT }),
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
  const zip = await Packer.toBuffer(doc, false, [{ path: 'docProps/core.xml', data: coreProperties(title, stamp.at) }]);
  return fixZipTimestamps(zip, stamp.at);
}

export async function minutesDocx(model: MinutesModel, stamp: Stamp): Promise<Buffer> {
  const { title, subtitle } = minutesTitle(model);
  const facts = meetingFacts(model);
  const itemFields = new Map(model.items.map((item) => [item, itemFacts(item)]));
  const labels = labelWidth([facts, ...itemFields.values()]);
  const body: (Paragraph | DocxTable)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }),
    plain(subtitle, true),
    ...banners(model).map((b) => new Paragraph({
      shading: { type: ShadingType.CLEAR, color: 'auto', fill: b.alert ? ALERT : ACCENT },
      spacing: { after: 120 },
      children: [new TextRun({ text: b.text, bold: true, color: 'FFFFFF' })],
    })),
    ...fields(facts, labels),
    new Paragraph({
      border: { top: box, bottom: box, left: box, right: box },
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
  const actionTables = new Map<ItemModel, Table>();
  for (const item of model.items) if (item.detail === 'full' && item.actions.length) actionTables.set(item, actionsTable(item.actions));
  // One set of widths for every item's actions, so the columns line up from family to family.
  const actionWidths = columnWidths([...actionTables.values()]);
  for (const item of model.items) {
    const head = itemHeading(item);
    body.push(heading(`${head.title} — ${head.right}`, HeadingLevel.HEADING_2), ...fields(itemFields.get(item) ?? [], labels));
    if (item.detail === 'reduced') continue;
    const actions = actionTables.get(item);
    if (actions) body.push(gap(), table(actions, actionWidths), gap());
    else body.push(plain('No actions.', true));
  }
  body.push(heading('Carried-over actions'));
  body.push(model.carriedOver.length ? table(carriedOverTable(model.carriedOver)) : plain('None outstanding from earlier meetings.', true));

  return packDocx({ title: `${title} – ${subtitle}`, running: runningHead(model, 'Minutes'), mark: model.draft ? 'RESTRICTED · DRAFT' : 'RESTRICTED', stamp, body });
}
