import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

// Reading rendered exports back as a person would see them, for the renderers' tests: PDFs
// through poppler's pdftotext, a DOCX through its XML or through LibreOffice's own layout.

const run = promisify(execFile);

async function saved(dir: string, name: string, bytes: Buffer): Promise<string> {
  const file = path.join(dir, `${randomUUID()}-${name}`);
  await writeFile(file, bytes);
  return file;
}

/** pdftotext's text: `layout` keeps each page's columns and line breaks, `raw` the order text was drawn in. */
export async function pdfText(dir: string, pdf: Buffer, mode: 'layout' | 'raw'): Promise<string> {
  const file = await saved(dir, 'document.pdf', pdf);
  return (await run('pdftotext', [`-${mode}`, '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 << 20 })).stdout;
}

/** The text of a DOCX's body from its XML, one paragraph or table cell per line. */
export async function docxText(dir: string, docx: Buffer): Promise<string> {
  const file = await saved(dir, 'document.docx', docx);
  const xml = (await run('unzip', ['-p', file, 'word/document.xml'], { maxBuffer: 64 << 20 })).stdout;
  const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  return xml.replace(/<\/w:p>/g, '\n').replace(/<w:tab\/>|<w:br\/>/g, ' ').replace(/<[^>]+>/g, '')
    .replace(/&(\w+|#\d+);/g, (whole, e: string) => (e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : entities[e] ?? whole));
}

/**
 * A DOCX laid out by LibreOffice and saved as PDF: how a Word user roughly sees it. A profile of
 * its own keeps the conversion clear of any LibreOffice already running on the machine.
 */
export async function docxAsPdf(dir: string, docx: Buffer): Promise<Buffer> {
  const file = await saved(dir, 'document.docx', docx);
  const profile = `file://${path.join(dir, 'libreoffice-profile')}`;
  await run('libreoffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 120_000 });
  return readFile(file.replace(/\.docx$/, '.pdf'));
}
