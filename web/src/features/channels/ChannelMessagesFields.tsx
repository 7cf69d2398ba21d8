import { useEffect, useState, type ReactNode } from 'react';
import { Accordion, Alert, Badge, Box, Group, NumberInput, Stack, Text, ThemeIcon } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconClockOff, IconHourglass, IconHourglassLow, IconInfoCircle, IconListNumbers, IconMoodSmile, IconUserOff, type TablerIcon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useServiceGroupOptions } from '../service-groups/serviceGroupsApi';
import type { ChannelFormValues } from './channelFormValues';
import { GreetingFields } from './GreetingFields';
import { MessageTextarea, messageInputProps, token } from './MessageTextarea';

type Item = 'greeting' | 'outOfHours' | 'noAgent' | 'wait' | 'queuePosition' | 'expiration';

/** Which accordion item holds a field, so a save refused for it opens that item. */
const ITEM_OF_PATH: Array<[string, Item]> = [
  ['settings.greeting.', 'greeting'],
  ['settings.outOfHoursMessage', 'outOfHours'],
  ['settings.noAgentMessage', 'noAgent'],
  ['settings.waitMessage', 'wait'],
  ['settings.queuePositionMessage', 'queuePosition'],
  ['settings.expirationWarning', 'expiration'],
];

const minutesOf = (v: number | string) => (v === '' ? 0 : Number(v)) || 0;

function ItemControl(props: { icon: TablerIcon; title: string; on: boolean; summary?: string }) {
  const { t } = useTranslation();
  const Icon = props.icon;
  return (
    <Group gap="sm" wrap="nowrap">
      <ThemeIcon variant="light" size={30} radius="md" color={props.on ? undefined : 'gray'}>
        <Icon size={17} />
      </ThemeIcon>
      <Box style={{ flex: 1, minWidth: 0 }}>
        <Text size="sm" fw={600}>
          {props.title}
        </Text>
        {props.summary && (
          <Text size="xs" c="dimmed" truncate>
            {props.summary}
          </Text>
        )}
      </Box>
      <Badge size="sm" variant={props.on ? 'light' : 'outline'} color={props.on ? 'teal' : 'gray'} tt="none">
        {props.on ? t('automation.on') : t('automation.off')}
      </Badge>
    </Group>
  );
}

function Hint({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

/** CHAN-6 automatic messages, one collapsible item per message with whether it is on. */
export function ChannelMessagesFields({ form }: { form: UseFormReturnType<ChannelFormValues> }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState<string[]>([]);
  const s = form.values.settings;
  // The queue-position rhythm is the group's timer; the channel only has the text.
  const groups = useServiceGroupOptions();
  const group = groups.data?.items.find((g) => g.id === form.values.serviceGroupId);
  const positionEvery = group?.timers.queuePositionMinutes ?? null;
  const positionRhythm = !group
    ? null
    : positionEvery
      ? t('automation.queuePosition.groupEvery', { group: group.name, count: positionEvery })
      : t('automation.queuePosition.groupOnChange', { group: group.name });
  const positionWhen = group && (positionEvery ? t('automation.queuePosition.every', { count: positionEvery }) : t('automation.queuePosition.onChange'));
  const minutesProps = (path: 'settings.waitMessageIntervalMinutes' | 'settings.expirationWarningMinutes') => ({
    suffix: ` ${t('automation.minutesSuffix')}`,
    min: 0,
    max: 1440,
    allowDecimal: false,
    allowNegative: false,
    clampBehavior: 'none' as const,
    maw: 360,
    ...form.getInputProps(path),
  });

  const errorKeys = Object.keys(form.errors).join('|');
  useEffect(() => {
    const withErrors = ITEM_OF_PATH.filter(([prefix]) => errorKeys.split('|').some((k) => k.startsWith(prefix))).map(([, item]) => item);
    if (withErrors.length) setOpened((now) => [...new Set([...now, ...withErrors])]);
  }, [errorKeys]);

  const greetingOn = [s.greeting.text, s.greeting.morning, s.greeting.afternoon, s.greeting.night].some((x) => x.trim());
  const waitMinutes = minutesOf(s.waitMessageIntervalMinutes);
  const expirationMinutes = minutesOf(s.expirationWarningMinutes);
  const expirationOn = Boolean(s.expirationWarningMessage.trim()) && expirationMinutes > 0;

  return (
    <Accordion multiple variant="separated" radius="md" value={opened} onChange={setOpened} chevronPosition="right" data-testid="channel-messages">
      <Accordion.Item value="greeting">
        <Accordion.Control>
          <ItemControl icon={IconMoodSmile} title={t('automation.greeting.title')} on={greetingOn} summary={s.greeting.text.trim() || undefined} />
        </Accordion.Control>
        <Accordion.Panel>
          <Stack gap="md">
            <Hint>{t('automation.greeting.hint')}</Hint>
            <GreetingFields form={form} />
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>

      <Accordion.Item value="outOfHours">
        <Accordion.Control>
          <ItemControl
            icon={IconClockOff}
            title={t('automation.outOfHours.title')}
            on={Boolean(s.outOfHoursMessage.trim() && s.businessHoursId)}
            summary={s.outOfHoursMessage.trim() || undefined}
          />
        </Accordion.Control>
        <Accordion.Panel>
          <Stack gap="md">
            <Hint>{t('automation.outOfHours.hint')}</Hint>
            {!s.businessHoursId && (
              <Alert variant="light" color="yellow" icon={<IconInfoCircle size={18} />} data-testid="out-of-hours-always-open">
                {t('automation.outOfHours.alwaysOpen')}
              </Alert>
            )}
            <MessageTextarea
              label={t('automation.outOfHours.label')}
              placeholder={t('automation.outOfHours.placeholder', { protocol: token('protocol') })}
              variables={['contact.name', 'protocol', 'queue.position']}
              testId="out-of-hours-message"
              {...messageInputProps(form, 'settings.outOfHoursMessage')}
            />
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>

      <Accordion.Item value="noAgent">
        <Accordion.Control>
          <ItemControl icon={IconUserOff} title={t('automation.noAgent.title')} on={Boolean(s.noAgentMessage.trim())} summary={s.noAgentMessage.trim() || undefined} />
        </Accordion.Control>
        <Accordion.Panel>
          <Stack gap="md">
            <Hint>{t('automation.noAgent.hint')}</Hint>
            <MessageTextarea
              label={t('automation.noAgent.label')}
              placeholder={t('automation.noAgent.placeholder', { position: token('queue.position') })}
              variables={['contact.name', 'protocol', 'queue.position']}
              testId="no-agent-message"
              {...messageInputProps(form, 'settings.noAgentMessage')}
            />
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>

      <Accordion.Item value="wait">
        <Accordion.Control>
          <ItemControl
            icon={IconHourglass}
            title={t('automation.wait.title')}
            on={Boolean(s.waitMessage.trim())}
            summary={s.waitMessage.trim() ? `${waitMinutes > 0 ? t('automation.wait.every', { count: waitMinutes }) : t('automation.wait.once')} · ${s.waitMessage.trim()}` : undefined}
          />
        </Accordion.Control>
        <Accordion.Panel>
          <Stack gap="md">
            <Hint>{t('automation.wait.hint')}</Hint>
            <MessageTextarea
              label={t('automation.wait.label')}
              placeholder={t('automation.wait.placeholder', { position: token('queue.position') })}
              variables={['contact.name', 'protocol', 'queue.position']}
              testId="wait-message"
              {...messageInputProps(form, 'settings.waitMessage')}
            />
            <NumberInput
              label={t('automation.wait.interval')}
              description={t('automation.wait.intervalHint')}
              data-testid="wait-interval"
              {...minutesProps('settings.waitMessageIntervalMinutes')}
            />
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>

      <Accordion.Item value="queuePosition">
        <Accordion.Control>
          <ItemControl
            icon={IconListNumbers}
            title={t('automation.queuePosition.title')}
            on={Boolean(s.queuePositionMessage.trim())}
            summary={s.queuePositionMessage.trim() ? [positionWhen, s.queuePositionMessage.trim()].filter(Boolean).join(' · ') : undefined}
          />
        </Accordion.Control>
        <Accordion.Panel>
          <Stack gap="md">
            <Hint>{t('automation.queuePosition.hint', { position: token('queue.position') })}</Hint>
            <Text size="sm" c={group ? 'teal.8' : 'dimmed'} data-testid="queue-position-rhythm">
              {positionRhythm ?? t('automation.queuePosition.noGroup')}
            </Text>
            <MessageTextarea
              label={t('automation.queuePosition.label')}
              placeholder={t('automation.queuePosition.placeholder', { position: token('queue.position') })}
              variables={['queue.position', 'contact.name', 'protocol']}
              testId="queue-position-message"
              {...messageInputProps(form, 'settings.queuePositionMessage')}
            />
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>

      <Accordion.Item value="expiration">
        <Accordion.Control>
          <ItemControl
            icon={IconHourglassLow}
            title={t('automation.expiration.title')}
            on={expirationOn}
            summary={expirationOn ? `${t('automation.expiration.before', { count: expirationMinutes })} · ${s.expirationWarningMessage.trim()}` : s.expirationWarningMessage.trim() || undefined}
          />
        </Accordion.Control>
        <Accordion.Panel>
          <Stack gap="md">
            <Hint>{t('automation.expiration.hint')}</Hint>
            <MessageTextarea
              label={t('automation.expiration.label')}
              placeholder={t('automation.expiration.placeholder', { protocol: token('protocol') })}
              variables={['contact.name', 'protocol', 'agent.name']}
              testId="expiration-message"
              {...messageInputProps(form, 'settings.expirationWarningMessage')}
            />
            <NumberInput
              label={t('automation.expiration.minutes')}
              description={t('automation.expiration.minutesHint')}
              data-testid="expiration-minutes"
              {...minutesProps('settings.expirationWarningMinutes')}
            />
            {s.expirationWarningMessage.trim() && expirationMinutes === 0 && (
              <Text size="xs" c="orange.8">
                {t('automation.expiration.needsMinutes')}
              </Text>
            )}
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
