import { Text, Tooltip } from '@mantine/core';
import { formatDateTime, formatRelative } from '../lib/format';

/**
 * A table cell's "how long ago", with the exact time (in the workspace's zone) on hover.
 * Without a time it shows `fallback` dimmed ("never logged in", "never used").
 */
export function RelativeTime({ value, timeZone, fallback }: { value: string | null; timeZone: string; fallback?: string }) {
  if (!value) {
    return (
      <Text size="sm" c="dimmed">
        {fallback}
      </Text>
    );
  }
  return (
    <Tooltip label={formatDateTime(value, timeZone)}>
      <Text size="sm">{formatRelative(value)}</Text>
    </Tooltip>
  );
}
