import PDFDocument from 'pdfkit';
import { pdfFonts } from './fonts.js';

// Text widths for laying out tables and labels, in the DejaVu Sans the PDFs embed. A DOCX names Calibri
// but is measured with DejaVu too: DejaVu is wider than Calibri and than the fonts LibreOffice
// falls back to without it (DejaVu itself on a typical Linux machine), so a column wide enough
// here is wide enough wherever the document is opened.

/** The width of a text in points, in the regular or the bold face. */
export type MeasureText = (text: string, bold: boolean) => number;

const REGULAR = 'Regular';
const BOLD = 'Bold';

let measuring: PDFKit.PDFDocument | undefined;

/** A page-less document kept only for its fonts' metrics; measuring is synchronous, so renders can share it. */
function measuringDoc(): PDFKit.PDFDocument {
  if (!measuring) {
    const fonts = pdfFonts();
    measuring = new PDFDocument({ autoFirstPage: false });
    measuring.registerFont(REGULAR, fonts.regular);
    measuring.registerFont(BOLD, fonts.bold);
  }
  return measuring;
}

/** Measures at `size` points, remembering each string for this render (a table repeats most of its words). */
export function textMeasure(size: number): MeasureText {
  const doc = measuringDoc();
  const widths = new Map<string, number>();
  return (text, bold) => {
    const key = `${bold ? BOLD : REGULAR}\u0000${text}`;
    let width = widths.get(key);
    if (width === undefined) {
      width = doc.font(bold ? BOLD : REGULAR).fontSize(size).widthOfString(text);
      widths.set(key, width);
    }
    return width;
  };
}
