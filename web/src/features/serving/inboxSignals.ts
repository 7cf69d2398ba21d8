import { useSyncExternalStore } from 'react';

/**
 * Short-lived signals of the workspace that are not server state: which conversations just
 * arrived (highlighted until opened, for a while) and which contacts are typing right now.
 */
const TYPING_MS = 6000;
const NEW_MS = 15_000;

const typingUntil = new Map<string, number>();
const arrivedAt = new Map<string, number>();
const listeners = new Set<() => void>();
let version = 0;

function changed() {
  version += 1;
  for (const fn of listeners) fn();
}

function subscribe(fn: () => void) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function markTyping(conversationId: string) {
  typingUntil.set(conversationId, Date.now() + TYPING_MS);
  changed();
  setTimeout(() => {
    if ((typingUntil.get(conversationId) ?? 0) <= Date.now()) {
      typingUntil.delete(conversationId);
      changed();
    }
  }, TYPING_MS + 50);
}

/** A message from the contact ends their typing at once. */
export function clearTyping(conversationId: string) {
  if (typingUntil.delete(conversationId)) changed();
}

export function markArrived(conversationId: string) {
  arrivedAt.set(conversationId, Date.now());
  changed();
  setTimeout(() => {
    if (arrivedAt.has(conversationId) && Date.now() - (arrivedAt.get(conversationId) ?? 0) >= NEW_MS) {
      arrivedAt.delete(conversationId);
      changed();
    }
  }, NEW_MS + 50);
}

export function clearArrived(conversationId: string) {
  if (arrivedAt.delete(conversationId)) changed();
}

export function useIsTyping(conversationId: string | undefined): boolean {
  useSyncExternalStore(subscribe, () => version);
  return !!conversationId && (typingUntil.get(conversationId) ?? 0) > Date.now();
}

export function useIsNew(conversationId: string): boolean {
  useSyncExternalStore(subscribe, () => version);
  return arrivedAt.has(conversationId);
}

export function useArrivedCount(): number {
  useSyncExternalStore(subscribe, () => version);
  return arrivedAt.size;
}

/**
 * Conversations this agent is transferring or closing right now: their `conversation.removed`
 * is the expected echo of the agent's own action, not news to announce.
 */
const ownRemovals = new Set<string>();

export function expectRemoval(conversationId: string) {
  ownRemovals.add(conversationId);
  setTimeout(() => ownRemovals.delete(conversationId), 30_000);
}

export function isOwnRemoval(conversationId: string): boolean {
  return ownRemovals.has(conversationId);
}
