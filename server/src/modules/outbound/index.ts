import type { TimerRunner } from '../../platform/timers/timers';
import { DELAYED_SEND_TIMER, fireDelayedSends } from './outbound.service';

export { registerOutboundRoutes } from './outbound.routes';
export { sendActive, type ActiveSendInput } from './outbound.service';

/** Active sends held back by the group's delay leave when their timer fires. */
export const registerOutboundTimers = (timers: TimerRunner) => timers.on(DELAYED_SEND_TIMER, fireDelayedSends);
