import { useEffect, useState } from 'react';
import { Badge, Tooltip } from '@mantine/core';
import { IconClock, IconClockExclamation, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';

const HOUR = 3_600_000;

/** Re-renders every 30 s so the time left and the colour follow the clock. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(id);
  }, [everyMs]);
  return now;
}

export function windowIsClosed(windowExpiresAt: string | null | undefined, now = Date.now()): boolean {
  return !!windowExpiresAt && new Date(windowExpiresAt).getTime() <= now;
}

/**
 * The 24 h customer-service window of a WhatsApp conversation (CHAN-2): time left, amber in
 * its last hour, red once closed (then only templates go).
 */
export function WindowIndicator({ windowExpiresAt, closed }: { windowExpiresAt: string | null; closed?: boolean }) {
  const { t } = useTranslation();
  const now = useNow();
  if (!windowExpiresAt && !closed) {
    return (
      <Badge variant="light" color="gray" tt="none" leftSection={<IconClock size={12} />} data-testid="window-indicator" data-state="none">
        {t('whatsapp.window.notStarted')}
      </Badge>
    );
  }
  const left = windowExpiresAt ? new Date(windowExpiresAt).getTime() - now : 0;
  if (closed || left <= 0) {
    return (
      <Badge variant="light" color="red" tt="none" leftSection={<IconLock size={12} />} data-testid="window-indicator" data-state="closed">
        {t('whatsapp.window.closed')}
      </Badge>
    );
  }
  const minutes = Math.max(1, Math.ceil(left / 60_000));
  const text = minutes >= 60 ? t('whatsapp.window.hours', { h: Math.floor(minutes / 60), m: minutes % 60 }) : t('whatsapp.window.minutes', { m: minutes });
  const closing = left < HOUR;
  return (
    <Tooltip label={t('whatsapp.window.openHint', { at: formatDateTime(windowExpiresAt!) })} multiline w={260}>
      <Badge
        variant="light"
        color={closing ? 'orange' : 'teal'}
        tt="none"
        leftSection={closing ? <IconClockExclamation size={12} /> : <IconClock size={12} />}
        data-testid="window-indicator"
        data-state={closing ? 'closing' : 'open'}
      >
        {closing ? t('whatsapp.window.closing', { left: text }) : t('whatsapp.window.open', { left: text })}
      </Badge>
    </Tooltip>
  );
}
