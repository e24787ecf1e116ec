/** Transaction origins the server itself uses; a client's edits carry its Connection as origin. */
export const LOAD_ORIGIN = { kind: 'load' } as const;
export const BUS_ORIGIN = { kind: 'bus' } as const;

/** An edit the server makes (import, repair, finalize), recorded with a reason. */
export class ServerOrigin {
  readonly kind = 'server';
  constructor(readonly reason: string) {}
}
