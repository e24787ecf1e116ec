import { ApiError } from '../../../shared/api/errors.js';

/** Progress of an upload or download, 0–1, or null when the size is unknown. */
export type Progress = (fraction: number | null) => void;

export class TransferError extends Error {
  constructor(readonly status: number, message: string, readonly details?: unknown) {
    super(message);
  }
}

function errorFrom(status: number, body: unknown): TransferError {
  const parsed = ApiError.safeParse(body);
  return parsed.success
    ? new TransferError(status, parsed.data.error.message, parsed.data.error.details)
    : new TransferError(status, `The server answered ${status}`);
}

/** POSTs a file with upload progress (fetch cannot report it), answering the parsed JSON. */
export function uploadFile(url: string, file: File, onProgress: Progress): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', file.name.toLowerCase().endsWith('.json') ? 'application/json' : 'text/csv');
    xhr.setRequestHeader('X-Requested-With', 'samroom');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => onProgress(e.lengthComputable ? e.loaded / e.total : null);
    xhr.onload = () => (xhr.status < 300 ? resolve(xhr.response) : reject(errorFrom(xhr.status, xhr.response)));
    xhr.onerror = () => reject(new TransferError(0, 'Can’t reach SAM Room — check your connection and try again.'));
    xhr.send(file);
  });
}

/** Downloads a file with progress and hands it to the browser under the server's file name. */
export async function downloadFile(url: string, onProgress: Progress): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin', headers: { 'X-Requested-With': 'samroom' } });
  if (!res.ok) throw errorFrom(res.status, await res.json().catch(() => null));
  const total = Number(res.headers.get('content-length')) || 0;
  const reader = res.body!.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress(total ? received / total : null);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'download';
  const href = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: res.headers.get('content-type') ?? 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
