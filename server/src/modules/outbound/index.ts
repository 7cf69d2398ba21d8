export { registerOutboundRoutes } from './outbound.routes';
export { sendActive, type ActiveSendInput } from './outbound.service';
