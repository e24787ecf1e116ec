import type { Response } from 'express';

/** A downloaded file of confidential content: an attachment, never kept by the browser or a proxy. */
export function sendFile(res: Response, contentType: string, fileName: string, body: Buffer): void {
  res.status(200).set({
    'Content-Type': contentType,
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'Cache-Control': 'no-store',
  }).send(body);
}
