import { createHmac, hkdfSync } from 'node:crypto';

/**
 * Stable pseudonyms for the de-identified extract: a keyed hash of an id, so the same person or
 * family has the same pseudonym in every extract, and nobody without the key can go back from it
 * or test a guess. The key is derived from the audit key, which never changes and never enters the
 * database, under a label of its own so the two uses cannot be confused.
 */
export class Pseudonyms {
  private readonly key: Buffer;

  constructor(auditKey: string) {
    this.key = Buffer.from(hkdfSync('sha256', auditKey, 'sam-room', 'report pseudonyms', 32));
  }

  /** e.g. `P-3f9a0c1b7e2d`: a prefix for what it stands for, and 48 bits of the hash. */
  of(kind: 'E' | 'F' | 'P', id: string): string {
    return `${kind}-${createHmac('sha256', this.key).update(`${kind}:${id}`).digest('hex').slice(0, 12)}`;
  }
}
