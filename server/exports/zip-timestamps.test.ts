import { Document, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { fixZipTimestamps } from './zip-timestamps.js';

describe('fixZipTimestamps', () => {
  it('sets every local and central entry to the same NZ wall-clock time', async () => {
    const zip = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Kia ora')] }] }));
    // 2025-06-03 14:02:30 in New Zealand (NZST, +12).
    fixZipTimestamps(zip, new Date('2025-06-03T02:02:30.000Z'));
    const time = (14 << 11) | (2 << 5) | 15;
    const date = ((2025 - 1980) << 9) | (6 << 5) | 3;
    let seen = 0;
    for (let p = 0; p < zip.length - 4; p++) {
      const sig = zip.readUInt32LE(p);
      if (sig === 0x04034b50) {
        expect([zip.readUInt16LE(p + 10), zip.readUInt16LE(p + 12)]).toEqual([time, date]);
        seen++;
      } else if (sig === 0x02014b50) {
        expect([zip.readUInt16LE(p + 12), zip.readUInt16LE(p + 14)]).toEqual([time, date]);
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(10);
  });

  it('refuses what is not a ZIP archive', () => {
    expect(() => fixZipTimestamps(Buffer.from('not a zip at all, just some text'), new Date())).toThrow(/not a ZIP/);
  });
});
