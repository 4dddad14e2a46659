import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';

/**
 * Development only: open lesson pages subscribe to /dev/reload (Server-Sent Events) and reload
 * themselves when the watcher reports that their lesson was recompiled.
 */
export function devReload() {
  const listeners = new Set<(keys: string[]) => void>();
  return {
    notify(keys: string[]) {
      for (const listener of listeners) listener(keys);
    },
    handler(c: Context) {
      return streamSSE(c, async (stream) => {
        const send = (keys: string[]) => void stream.writeSSE({ event: 'changed', data: JSON.stringify(keys) });
        listeners.add(send);
        stream.onAbort(() => {
          listeners.delete(send);
        });
        while (!stream.aborted) {
          await stream.writeSSE({ event: 'ping', data: '' });
          await stream.sleep(25_000);
        }
        listeners.delete(send);
      });
    },
  };
}
export type DevReload = ReturnType<typeof devReload>;
