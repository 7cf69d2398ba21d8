import type { Deps } from '../../platform/context';

/** socket.io namespace of the widget: visitors never share the agents' namespace or its auth. */
export const WEBCHAT_NAMESPACE = '/webchat';

/** Every tab a visitor has open joins the room of its contact on that channel. */
export const visitorRoom = (workspaceId: string, channelId: string, contactId: string) =>
  `webchat:${workspaceId}:${channelId}:${contactId}`;

/** Emits to a visitor's tabs in every process (through the realtime adapter). */
export function toVisitor(deps: Pick<Deps, 'realtime'>, room: string, event: string, payload: unknown) {
  deps.realtime.io.of(WEBCHAT_NAMESPACE).to(room).emit(event, payload);
}
