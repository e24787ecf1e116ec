import { describe, expectTypeOf, it } from 'vitest';
import type { Ack, BulkItemResult, CommandResult, FinalizeResult } from '../../shared/control.js';
import type { SendCommand } from '../../client/src/room/sync/useControlPlane.js';
import type { Handler, Handlers } from './command-context.js';

// Compile-time checks (the type check of `npm test` runs them): a command's payload and result are
// declared together in shared/control.ts, a handler must return its command's result, and the
// client's `send` resolves to that result's ack.

describe('command payloads and results, typed together', () => {
  it('a handler returns its own command’s result', () => {
    expectTypeOf<ReturnType<Handlers['item:finalize']>>().toEqualTypeOf<Promise<FinalizeResult>>();
    expectTypeOf<ReturnType<Handlers['items:finalize']>>().toEqualTypeOf<Promise<{ results: BulkItemResult[] }>>();
    expectTypeOf<Parameters<Handlers['lobby:admit']>[0]>().toEqualTypeOf<{ participantId: string }>();
    // A defaulted field is always there for the handler.
    expectTypeOf<Parameters<Handlers['item:defer']>[0]>().toEqualTypeOf<{ itemId: string; reason: string }>();

    // @ts-expect-error a finalize handler must answer with a whole FinalizeResult
    const partial: Handler<'item:finalize'> = async () => ({ itemId: 'x', version: 1 });
    // @ts-expect-error nor with another command's result
    const other: Handler<'meeting:close'> = async () => ({ carriedOver: 0 });
    void partial;
    void other;
  });

  it('the client’s send resolves to the command’s ack', () => {
    const send = null as unknown as SendCommand;
    expectTypeOf(send<'item:finalize'>).returns.resolves.toEqualTypeOf<Ack<FinalizeResult>>();
    expectTypeOf(send<'meeting:close'>).returns.resolves.toEqualTypeOf<Ack<CommandResult<'meeting:close'>>>();
    expectTypeOf<CommandResult<'meeting:close'>>().toEqualTypeOf<{ minutesSha256: string | null }>();
    // @ts-expect-error a payload of another command is refused
    void (() => send('item:finalize', { participantId: 'p' }));
  });
});
