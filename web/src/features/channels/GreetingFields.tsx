import { Group, Paper, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconMoon, IconSun, IconSunrise } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { TimeField } from '../../ui/TimeField';
import type { ChannelFormValues } from './channelFormValues';
import { MessageTextarea, messageInputProps, token } from './MessageTextarea';

const PERIODS = [
  { key: 'morning', start: 'morningStart', icon: IconSunrise, color: 'yellow' },
  { key: 'afternoon', start: 'afternoonStart', icon: IconSun, color: 'orange' },
  { key: 'night', start: 'nightStart', icon: IconMoon, color: 'indigo' },
] as const;

/** CHAN-6 greeting: the message sent when an agent takes the conversation, with its time-of-day variants. */
export function GreetingFields({ form }: { form: UseFormReturnType<ChannelFormValues> }) {
  const { t } = useTranslation();
  const field = (path: string) => messageInputProps(form, path);
  return (
    <Stack gap="md">
      <MessageTextarea
        label={t('automation.greeting.text')}
        description={t('automation.greeting.textHint')}
        placeholder={t('automation.greeting.placeholder', { contact: token('contact.name'), agent: token('agent.name') })}
        variables={['contact.name', 'agent.name', 'protocol']}
        testId="greeting-text"
        {...field('settings.greeting.text')}
      />
      <div>
        <Text size="sm" fw={600}>
          {t('automation.greeting.periods')}
        </Text>
        <Text size="xs" c="dimmed" mb="sm">
          {t('automation.greeting.periodsHint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          {PERIODS.map(({ key, start, icon: Icon, color }) => (
            <Paper key={key} withBorder radius="md" p="sm" data-testid={`greeting-${key}`}>
              <Stack gap="xs">
                <Group gap={8} wrap="nowrap">
                  <ThemeIcon variant="light" color={color} size={26} radius="xl">
                    <Icon size={16} />
                  </ThemeIcon>
                  <Text size="sm" fw={600}>
                    {t(`automation.greeting.${key}`)}
                  </Text>
                </Group>
                <TimeField label={t('automation.greeting.startsAt')} {...form.getInputProps(`settings.greeting.${start}`)} />
                <MessageTextarea
                  label={t(`automation.greeting.${key}Text`)}
                  placeholder={t(`automation.greeting.${key}Placeholder`)}
                  variables={['contact.name']}
                  minRows={1}
                  testId={`greeting-${key}-text`}
                  {...field(`settings.greeting.${key}`)}
                />
              </Stack>
            </Paper>
          ))}
        </SimpleGrid>
      </div>
    </Stack>
  );
}
