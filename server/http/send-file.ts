import type { Response } from 'express';

/** A file download of confidential content: an attachment that neither the browser nor a proxy keeps. */
export function sendFile(res: Response, contentType: string, fileName: string, body: Buffer): void {
  res.status(200).set({
    'Content-Type': contentType,
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'Cache-Control': 'no-store',
  }).send(body);
}
