import { useEffect } from 'react';

/**
 * "(3) Atendimento · Atende" in the browser tab: an agent working in another window sees that
 * conversations wait for them, without a sound.
 */
export function useTitleBadge(count: number, label: string) {
  useEffect(() => {
    const previous = document.title;
    document.title = count > 0 ? `(${count}) ${label} · Atende` : `${label} · Atende`;
    return () => {
      document.title = previous;
    };
  }, [count, label]);
}
