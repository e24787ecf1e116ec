import type { CommandName, CommandResult, ParsedPayload } from '../../shared/control.js';
import type { AppContext } from '../app-context.js';
import type { MeetingControl } from './meeting-control.js';
import type { SocketData } from './socket-types.js';

/** The app context without the control plane, which is built from it. */
export type ControlContext = Omit<AppContext, 'control'>;

/** What a command handler has: the app, the meeting's control plane, and who sent the command. */
export interface CommandContext {
  ctx: ControlContext;
  control: MeetingControl;
  data: SocketData;
}

/** A command's handler: its parsed payload in, its declared result out (shared/control.ts). */
export type Handler<C extends CommandName> = (payload: ParsedPayload<C>, c: CommandContext) => Promise<CommandResult<C>>;

export type Handlers = { [C in CommandName]: Handler<C> };
