import PDFDocument from 'pdfkit';
import { columnNeeds, fitColumns } from './column-widths.js';
import { pdfFonts } from './fonts.js';
import type { Table } from './minutes-content.js';
import { textMeasure } from './text-measure.js';

// The page layout both PDF exports share: headings, labelled fields, wrapped tables that repeat
// their header on a new page, and page furniture (header, footer, watermark, page numbers)
// drawn once every page exists. Everything is measured and placed in one pass, so rendering
// time grows linearly with the content.

export interface PdfSetup {
  title: string;
  subject: string;
  /** Left of every page's header. */
  running: string;
  /** Bottom of every page: who the copy is for and when, or the record copy's line. */
  stamp: string;
  draft: boolean;
  /** pdfkit's CreationDate, which also seeds the file ID: fixed for a reproducible file. */
  createdAt: Date;
  landscape?: boolean;
}

const INK = '#1d1d1f';
const MUTED = '#5b5b66';
const ACCENT = '#1f3a5f';
const RULE = '#c9ccd3';
const FILL = '#eef1f6';
const ALERT = '#b00020';
const BODY = 'Body';
const BOLD = 'Bold';
const BODY_SIZE = 9.5;
const CELL_SIZE = 8.5;
const PAD = 3;
// Beyond the padding, so that rounding in pdfkit's line wrapper never pushes a word that just fits onto two lines.
const CELL_SLACK = 0.5;

export class PdfWriter {
  private readonly doc: PDFKit.PDFDocument;
  // Same fonts and size as the cells are drawn in (text-measure.ts measures with the embedded DejaVu).
  private readonly measureCell = textMeasure(CELL_SIZE);

  constructor(private readonly setup: PdfSetup) {
    this.doc = new PDFDocument({
      size: 'A4',
      layout: setup.landscape ? 'landscape' : 'portrait',
      margins: { top: 58, bottom: 54, left: 48, right: 48 },
      bufferPages: true,
      lang: 'en-NZ',
      displayTitle: true,
      info: {
        Title: setup.title, Subject: setup.subject, Author: 'SAM Room', Creator: 'SAM Room',
        Producer: 'SAM Room', CreationDate: setup.createdAt,
      },
    });
    const fonts = pdfFonts();
    this.doc.registerFont(BODY, fonts.regular);
    this.doc.registerFont(BOLD, fonts.bold);
    this.doc.font(BODY).fontSize(BODY_SIZE).fillColor(INK);
  }

  private get left(): number {
    return this.doc.page.margins.left;
  }

  private get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Whether `text` fits on one line of `width` in the current font (a cheap, cached measurement). */
  private fitsLine(text: string, width: number): boolean {
    return !text.includes('\n') && this.doc.widthOfString(text) <= width;
  }

  /** The height `text` takes at `width` in the current font. */
  private textHeight(text: string, width: number, lineGap = 0): number {
    if (this.fitsLine(text, width)) return this.doc.currentLineHeight(true) + lineGap;
    return this.doc.heightOfString(text || ' ', { width, lineGap });
  }

  /**
   * Draws `text` at (x, y) wrapped to `width`. Most values (dates, names, labels) fit on one
   * line, and those skip pdfkit's line wrapper, the bulk of the cost of a long document.
   */
  private put(text: string, x: number, y: number, width: number, lineGap = 0): void {
    if (this.fitsLine(text, width)) this.doc.text(text, x, y, { lineBreak: false, lineGap });
    else this.doc.text(text, x, y, { width, lineGap });
  }

  /** Starts a new page unless `height` more points fit on this one. */
  private ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  title(text: string, subtitle: string): void {
    const { doc } = this;
    doc.font(BOLD).fontSize(17).fillColor(ACCENT).text(text, this.left, doc.y, { width: this.width });
    doc.font(BODY).fontSize(10.5).fillColor(MUTED).text(subtitle, { width: this.width });
    doc.moveDown(0.6);
  }

  /** A prominent banner: red for an alert (DRAFT), blue for information. */
  banner(text: string, alert: boolean): void {
    const { doc } = this;
    doc.font(BOLD).fontSize(BODY_SIZE);
    const height = doc.heightOfString(text, { width: this.width - 16 }) + 10;
    this.ensure(height + 6);
    const y = doc.y;
    doc.rect(this.left, y, this.width, height).fill(alert ? ALERT : ACCENT);
    doc.fillColor('#ffffff').text(text, this.left + 8, y + 5, { width: this.width - 16 });
    doc.y = y + height + 8;
    doc.font(BODY).fillColor(INK);
  }

  heading(text: string): void {
    const { doc } = this;
    doc.font(BOLD).fontSize(12.5);
    this.ensure(doc.currentLineHeight(true) * 3);
    doc.moveDown(0.4);
    doc.fillColor(ACCENT).text(text, this.left, doc.y, { width: this.width });
    const y = doc.y + 1;
    doc.moveTo(this.left, y).lineTo(this.left + this.width, y).lineWidth(0.6).strokeColor(ACCENT).stroke();
    doc.y = y + 5;
    doc.font(BODY).fontSize(BODY_SIZE).fillColor(INK);
  }

  /** A shaded bar that opens one agenda item or one agency's group; kept with what follows it. */
  bar(text: string, right = ''): void {
    const { doc } = this;
    doc.font(BOLD).fontSize(10.5);
    const height = doc.currentLineHeight(true) + 8;
    this.ensure(height + 60);
    const y = doc.y + 4;
    doc.rect(this.left, y, this.width, height).fill(FILL);
    doc.fillColor(ACCENT).text(text, this.left + 6, y + 4, { width: this.width - 12, lineBreak: false });
    if (right) doc.text(right, this.left + 6, y + 4, { width: this.width - 12, align: 'right', lineBreak: false });
    doc.y = y + height + 5;
    doc.font(BODY).fontSize(BODY_SIZE).fillColor(INK);
  }

  paragraph(text: string, options: { muted?: boolean; size?: number } = {}): void {
    const { doc } = this;
    doc.font(BODY).fontSize(options.size ?? BODY_SIZE).fillColor(options.muted ? MUTED : INK);
    // One line must fit here; a longer paragraph flows on to the next page by itself.
    this.ensure(doc.currentLineHeight(true) * 2);
    doc.text(text, this.left, doc.y, { width: this.width, lineGap: 1 });
    doc.moveDown(0.35);
    doc.fontSize(BODY_SIZE).fillColor(INK);
  }

  /** Label and value side by side, e.g. "Pathway   Lead agency response". */
  fields(rows: readonly (readonly [string, string])[], labelWidth = 118): void {
    const { doc } = this;
    const valueWidth = this.width - labelWidth;
    for (const [label, value] of rows) {
      doc.font(BOLD).fontSize(BODY_SIZE);
      const labelHeight = this.textHeight(label, labelWidth - 8);
      // The label and the value's first line must share a page; a long value then flows on by itself.
      this.ensure(Math.max(labelHeight, doc.currentLineHeight(true)));
      const y = doc.y;
      doc.fillColor(MUTED);
      this.put(label, this.left, y, labelWidth - 8);
      doc.font(BODY).fillColor(INK);
      const page = doc.page;
      this.put(value, this.left + labelWidth, y, valueWidth, 1);
      const end = doc.page === page ? Math.max(doc.y, y + labelHeight) : doc.y;
      doc.y = end + 2.5;
    }
    doc.moveDown(0.2);
  }

  /** Column widths that fit every table given (all with the same columns), so they line up on the page. */
  columnWidths(tables: readonly Table[]): number[] {
    return fitColumns(columnNeeds(tables, this.measureCell, 2 * PAD + CELL_SLACK), this.width);
  }

  /** A wrapped table; a row never splits across pages and the header repeats on each page. */
  table(table: Table, widths: readonly number[] = this.columnWidths([table])): void {
    const { doc } = this;
    const { rows } = table;
    const headers = table.columns.map((c) => c.header);
    const measure = (cells: readonly string[], font: string) => {
      doc.font(font).fontSize(CELL_SIZE);
      return Math.max(...cells.map((text, i) => this.textHeight(text, (widths[i] ?? 0) - 2 * PAD))) + 2 * PAD;
    };
    const headerHeight = measure(headers, BOLD);
    const drawRow = (cells: readonly string[], height: number, header: boolean) => {
      const y = doc.y;
      if (header) doc.rect(this.left, y, this.width, height).fill(FILL);
      doc.font(header ? BOLD : BODY).fontSize(CELL_SIZE).fillColor(header ? ACCENT : INK);
      let x = this.left;
      cells.forEach((text, i) => {
        const w = widths[i] ?? 0;
        this.put(text, x + PAD, y + PAD, w - 2 * PAD);
        x += w;
      });
      doc.moveTo(this.left, y + height).lineTo(this.left + this.width, y + height).lineWidth(0.4).strokeColor(RULE).stroke();
      doc.y = y + height;
    };

    const firstHeight = rows[0] ? measure(rows[0], BODY) : 0;
    this.ensure(headerHeight + firstHeight);
    doc.x = this.left;
    drawRow(headers, headerHeight, true);
    for (const row of rows) {
      const height = measure(row, BODY);
      if (doc.y + height > this.bottom) {
        doc.addPage();
        drawRow(headers, headerHeight, true);
      }
      drawRow(row, height, false);
    }
    doc.y += 6;
    doc.font(BODY).fontSize(BODY_SIZE).fillColor(INK);
  }

  /** A boxed notice, e.g. the confidentiality statement. */
  notice(title: string, text: string): void {
    const { doc } = this;
    const inner = this.width - 20;
    doc.font(BODY).fontSize(BODY_SIZE - 0.5);
    const bodyHeight = doc.heightOfString(text, { width: inner, lineGap: 1 });
    doc.font(BOLD).fontSize(BODY_SIZE);
    const titleHeight = doc.currentLineHeight(true) + 3;
    const height = bodyHeight + titleHeight + 16;
    this.ensure(height + 8);
    const y = doc.y + 2;
    doc.rect(this.left, y, this.width, height).lineWidth(0.8).strokeColor(ACCENT).stroke();
    doc.fillColor(ACCENT).text(title, this.left + 10, y + 8, { width: inner });
    doc.font(BODY).fontSize(BODY_SIZE - 0.5).fillColor(INK).text(text, this.left + 10, y + 8 + titleHeight, { width: inner, lineGap: 1 });
    doc.y = y + height + 8;
    doc.fontSize(BODY_SIZE);
  }

  /** Draws the furniture on every page and returns the file. */
  async finish(): Promise<Buffer> {
    const { doc, setup } = this;
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise<void>((resolve, reject) => {
      doc.on('end', resolve);
      doc.on('error', reject);
    });
    const { start, count } = doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      doc.switchToPage(i);
      const { page } = doc;
      const width = page.width - page.margins.left - page.margins.right;
      const left = page.margins.left;
      // Text in the margins must not trigger pdfkit's automatic page break.
      const bottomMargin = page.margins.bottom;
      page.margins.bottom = 0;
      if (setup.draft) {
        doc.save();
        doc.rotate(-32, { origin: [page.width / 2, page.height / 2] });
        doc.font(BOLD).fontSize(110).fillColor(ALERT).fillOpacity(0.07)
          .text('DRAFT', 0, page.height / 2 - 60, { width: page.width, align: 'center', lineBreak: false });
        doc.restore();
      }
      doc.font(BODY).fontSize(7.5).fillColor(MUTED).fillOpacity(1);
      doc.text(setup.running, left, 26, { width, lineBreak: false });
      doc.font(BOLD).fillColor(ALERT)
        .text(setup.draft ? 'RESTRICTED · DRAFT' : 'RESTRICTED', left, 26, { width, align: 'right', lineBreak: false });
      doc.moveTo(left, 38).lineTo(left + width, 38).lineWidth(0.4).strokeColor(RULE).stroke();
      const footerY = page.height - 38;
      doc.moveTo(left, footerY - 6).lineTo(left + width, footerY - 6).lineWidth(0.4).strokeColor(RULE).stroke();
      doc.font(BODY).fontSize(7.5).fillColor(MUTED).text(setup.stamp, left, footerY, { width: width - 70, lineBreak: false });
      doc.text(`Page ${i - start + 1} of ${count}`, left, footerY, { width, align: 'right', lineBreak: false });
      page.margins.bottom = bottomMargin;
    }
    doc.end();
    await ended;
    return Buffer.concat(chunks);
  }
}
