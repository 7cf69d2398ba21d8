import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { io, type Socket } from 'socket.io-client';

/**
 * The one socket.io connection of the signed-in page (`/realtime`, websocket only, session
 * cookie). Screens subscribe through the hooks below; the connection opens with the first
 * subscriber and closes shortly after the last one leaves (sign-out unmounts them all).
 *
 * Neither server adapter restores missed events, so every (re)connect tells subscribers to
 * refetch what they show: `useRealtimeInvalidate` does it for query keys.
 */

export type RealtimeStatus = 'idle' | 'connecting' | 'connected' | 'disconnected';

let socket: Socket | null = null;
let subscribers = 0;
let status: RealtimeStatus = 'idle';
let closeTimer: ReturnType<typeof setTimeout> | null = null;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let retryDelay = 1000;
const statusListeners = new Set<() => void>();
const connectListeners = new Set<() => void>();

function setStatus(next: RealtimeStatus) {
  if (status === next) return;
  status = next;
  for (const fn of statusListeners) fn();
}

/**
 * socket.io retries dropped transports by itself, but not a refusal by the server's
 * middleware (session not yet valid, database briefly unavailable) nor a server-side
 * disconnect: those are retried here with a growing delay.
 */
function scheduleRetry() {
  if (retryTimer || subscribers === 0) return;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    if (subscribers > 0 && socket && !socket.connected) {
      setStatus('connecting');
      socket.connect();
    }
  }, retryDelay);
  retryDelay = Math.min(retryDelay * 2, 30_000);
}

function ensureSocket(): Socket {
  if (socket) return socket;
  const s = io({
    path: '/realtime',
    transports: ['websocket'],
    withCredentials: true,
    autoConnect: false,
    reconnectionDelay: 1000,
    reconnectionDelayMax: 10_000,
  });
  s.on('connect', () => {
    retryDelay = 1000;
    setStatus('connected');
    for (const fn of connectListeners) fn();
  });
  s.on('disconnect', (reason) => {
    setStatus('disconnected');
    if (reason === 'io server disconnect') scheduleRetry();
  });
  s.on('connect_error', () => {
    setStatus('disconnected');
    if (!s.active) scheduleRetry();
  });
  socket = s;
  return s;
}

function acquire(): Socket {
  subscribers += 1;
  if (closeTimer) {
    clearTimeout(closeTimer);
    closeTimer = null;
  }
  const s = ensureSocket();
  if (!s.connected && !s.active) {
    setStatus('connecting');
    s.connect();
  }
  return s;
}

function release() {
  subscribers = Math.max(0, subscribers - 1);
  if (subscribers > 0 || closeTimer) return;
  // A short grace period: moving between screens (and StrictMode's double mount) releases
  // and re-acquires at once, which should not drop and reopen the connection.
  closeTimer = setTimeout(() => {
    closeTimer = null;
    if (subscribers > 0) return;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    socket?.disconnect();
    setStatus('idle');
  }, 1500);
}

/** Sends an event to the server when connected; realtime hints (typing) are dropped otherwise. */
export function emitRealtime(event: string, payload: unknown) {
  if (socket?.connected) socket.emit(event, payload);
}

/** Keeps the connection open while the calling component is mounted and returns its state. */
export function useRealtimeStatus(): RealtimeStatus {
  useEffect(() => {
    acquire();
    return release;
  }, []);
  return useSyncExternalStore(
    (fn) => {
      statusListeners.add(fn);
      return () => statusListeners.delete(fn);
    },
    () => status,
  );
}

/** Calls `handler` for every `event` the server sends while the component is mounted. */
export function useRealtimeEvent<T>(event: string, handler: (payload: T) => void) {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const s = acquire();
    const listener = (payload: T) => ref.current(payload);
    s.on(event, listener);
    return () => {
      s.off(event, listener);
      release();
    };
  }, [event]);
}

/** Calls `fn` on every (re)connect: whatever happened while disconnected must be refetched. */
export function useRealtimeConnect(fn: () => void) {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    acquire();
    const listener = () => ref.current();
    connectListeners.add(listener);
    return () => {
      connectListeners.delete(listener);
      release();
    };
  }, []);
}

/**
 * Refetches the queries under `keys` whenever one of `events` arrives and after every
 * (re)connect. For screens that show server summaries rather than patch their cache. A burst
 * of events (a busy workspace) makes one refetch at the start of each `throttleMs` window and
 * one at its end, not one per event.
 */
export function useRealtimeInvalidate(events: readonly string[], keys: readonly QueryKey[], throttleMs = 1000) {
  const queryClient = useQueryClient();
  const keysRef = useRef(keys);
  keysRef.current = keys;
  const eventList = events.join(',');
  useEffect(() => {
    const s = acquire();
    let last = 0;
    let trailing: ReturnType<typeof setTimeout> | null = null;
    const run = () => {
      last = Date.now();
      for (const queryKey of keysRef.current) void queryClient.invalidateQueries({ queryKey });
    };
    const invalidate = () => {
      const wait = last + throttleMs - Date.now();
      if (wait <= 0) run();
      else
        trailing ??= setTimeout(() => {
          trailing = null;
          run();
        }, wait);
    };
    const names = eventList.split(',').filter(Boolean);
    for (const name of names) s.on(name, invalidate);
    connectListeners.add(run);
    return () => {
      for (const name of names) s.off(name, invalidate);
      connectListeners.delete(run);
      if (trailing) clearTimeout(trailing);
      release();
    };
  }, [eventList, queryClient, throttleMs]);
}
