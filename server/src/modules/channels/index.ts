export { registerChannelRoutes, embedCodeOf } from './channel.routes';
export { activeChannelsUsingGroup, type ChannelRow } from './channel.repository';
export { getChannel, getChannelById, openCredentials } from './channel.service';
export { whatsappCredentialsSchema, type Channel } from './channel.input';
