export { registerCannedResponseRoutes } from './canned-response.routes';
