import { AppError } from '../errors.js';
import type { Channel } from './channel.js';

/** The channels this process can receive from and send through, by name. */
export class ChannelRegistry {
  private readonly channels = new Map<string, Channel>();

  constructor(channels: readonly Channel[]) {
    for (const channel of channels) this.channels.set(channel.name, channel);
  }

  get(name: string): Channel {
    const channel = this.channels.get(name);
    if (!channel) throw new AppError('UNKNOWN_CHANNEL', `no channel named '${name}' is configured`, { name });
    return channel;
  }

  find(name: string): Channel | undefined {
    return this.channels.get(name);
  }

  all(): Channel[] {
    return [...this.channels.values()];
  }
}
