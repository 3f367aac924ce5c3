/**
 * WhatsApp's customer-service window: free-form messages reach a person until 24 hours after their last message;
 * after that only an approved template does.
 */
export const WINDOW_MS = 24 * 60 * 60 * 1000;

export function inWindow(lastInboundAt: number, now: number): boolean {
  return lastInboundAt > 0 && now - lastInboundAt < WINDOW_MS;
}

/** The channels with such a window (the simulator has none). */
const WINDOWED_CHANNELS: ReadonlySet<string> = new Set(['whatsapp']);

export function hasWindow(channel: string): boolean {
  return WINDOWED_CHANNELS.has(channel);
}
