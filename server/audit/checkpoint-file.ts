import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { checkpointMac } from './chain-hash.js';

/**
 * The audit trail's anchor outside the database: one line per checkpoint, `{seq, headHash, at, mac}`,
 * appended and never rewritten. Someone who can change the database alone can't hide deleting the
 * newest rows or re-signing the chain: the rows no longer match what the file recorded.
 */
const CheckpointLine = z.object({
  seq: z.string().regex(/^\d{1,19}$/),
  headHash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.iso.datetime(),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});

export interface Checkpoint {
  /** Line number in the file, from 1. */
  line: number;
  seq: bigint;
  headHash: string;
  at: string;
}

export interface CheckpointRead {
  checkpoints: Checkpoint[];
  /** The first line that is not a checkpoint signed with this key: the file was edited or forged. */
  bad: { line: number; reason: string } | null;
}

export class CheckpointFile {
  constructor(readonly path: string, private readonly key: string) {}

  /** Records that the chain's head was row `seq` with hash `headHash`. */
  async append(head: { seq: bigint; hash: string }, at = new Date()): Promise<void> {
    const seq = head.seq.toString();
    const iso = at.toISOString();
    const line = JSON.stringify({ seq, headHash: head.hash, at: iso, mac: checkpointMac(this.key, seq, head.hash, iso) });
    await mkdir(path.dirname(this.path), { recursive: true });
    // One small write in append mode: lines from several processes sharing the file don't interleave.
    await appendFile(this.path, `${line}\n`, { mode: 0o600 });
  }

  /** Every checkpoint in the file (none when it does not exist yet), in file order. */
  async read(): Promise<CheckpointRead> {
    const text = await readFile(this.path, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return '';
      throw err;
    });
    const checkpoints: Checkpoint[] = [];
    const lines = text.split('\n');
    for (const [i, raw] of lines.entries()) {
      if (raw === '' && i === lines.length - 1) break;
      const line = i + 1;
      let parsed: z.infer<typeof CheckpointLine>;
      try {
        parsed = CheckpointLine.parse(JSON.parse(raw));
      } catch {
        return { checkpoints, bad: { line, reason: 'not a checkpoint line' } };
      }
      if (checkpointMac(this.key, parsed.seq, parsed.headHash, parsed.at) !== parsed.mac) {
        return { checkpoints, bad: { line, reason: 'not signed with this audit key (edited, forged, or another key)' } };
      }
      checkpoints.push({ line, seq: BigInt(parsed.seq), headHash: parsed.headHash, at: parsed.at });
    }
    return { checkpoints, bad: null };
  }
}
