import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// PDF's standard 14 fonts are WinAnsi-only and cannot draw ā ē ī ō ū, so every PDF embeds DejaVu
// (subset by pdfkit to the glyphs used). Read once per process: the files are ~700 KB each.

const require = createRequire(import.meta.url);
const ttfDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export interface FontSet {
  regular: Buffer;
  bold: Buffer;
}

let cached: FontSet | undefined;

export function pdfFonts(): FontSet {
  cached ??= {
    regular: readFileSync(path.join(ttfDir, 'DejaVuSans.ttf')),
    bold: readFileSync(path.join(ttfDir, 'DejaVuSans-Bold.ttf')),
  };
  return cached;
}
