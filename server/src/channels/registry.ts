import type { ChannelType } from '@contracts/serving';
import type { ChannelAdapter } from './channel-adapter';
import { webchatAdapter } from './webchat/webchat.adapter';
import { whatsappAdapter } from './whatsapp/whatsapp.adapter';

/** One adapter per channel type; a type listed here is a type Atende can serve. */
const adapters = new Map<ChannelType, ChannelAdapter>([
  [webchatAdapter.type, webchatAdapter],
  [whatsappAdapter.type, whatsappAdapter],
]);

export function adapterFor(type: ChannelType): ChannelAdapter {
  const adapter = adapters.get(type);
  if (!adapter) throw new Error(`no channel adapter for "${type}" yet`);
  return adapter;
}

export const hasAdapter = (type: ChannelType) => adapters.has(type);
