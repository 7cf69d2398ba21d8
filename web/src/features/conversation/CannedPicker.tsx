import { useEffect, useState } from 'react';
import { Badge, Box, Button, Group, Loader, Modal, Paper, ScrollArea, Stack, Switch, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBolt, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCannedResponses, type CannedResponse } from './cannedApi';

function CannedOption(props: { item: CannedResponse; active: boolean; onPick: () => void; onHover?: () => void; lines?: number }) {
  return (
    <UnstyledButton
      className="canned-option"
      data-testid="canned-option"
      data-canned-id={props.item.id}
      data-active={props.active}
      onMouseEnter={props.onHover}
      onMouseDown={(e) => e.preventDefault()}
      onClick={props.onPick}
      px="sm"
      py={8}
      w="100%"
      style={{ borderRadius: 8, display: 'block' }}
    >
      <Group gap={8} wrap="nowrap">
        <Badge variant="light" color="brand" tt="none" size="sm" style={{ flex: 'none' }}>
          /{props.item.shortcut}
        </Badge>
        <Text size="sm" fw={600} truncate>
          {props.item.title}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" lineClamp={props.lines ?? 1} mt={2}>
        {props.item.text}
      </Text>
    </UnstyledButton>
  );
}

export function ConcatSwitch({ value, onChange }: { value: boolean; onChange: (v: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <Switch
      size="xs"
      label={t('inbox.canned.concat')}
      checked={value}
      onChange={(e) => onChange(e.currentTarget.checked)}
      data-testid="concat-toggle"
      onMouseDown={(e) => e.preventDefault()}
    />
  );
}

/**
 * The picker that opens over the composer when the agent types "/": keyboard driven
 * (↑ ↓ Enter, Esc), the typed text filters it.
 */
export function CannedPicker(props: {
  items: CannedResponse[] | undefined;
  loading: boolean;
  activeIndex: number;
  onHover: (i: number) => void;
  onPick: (item: CannedResponse) => void;
  concat: boolean;
  onConcatChange: (v: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      shadow="md"
      radius="md"
      p={6}
      pos="absolute"
      bottom="100%"
      left={0}
      right={0}
      mb={6}
      style={{ zIndex: 20 }}
      data-testid="canned-picker"
      role="listbox"
      aria-label={t('inbox.canned.title')}
    >
      <Group justify="space-between" px={6} pb={4}>
        <Group gap={6}>
          <IconBolt size={14} color="var(--mantine-color-brand-6)" />
          <Text size="xs" fw={700} c="dimmed" tt="uppercase">
            {t('inbox.canned.title')}
          </Text>
          {props.loading && <Loader size={12} />}
        </Group>
        <ConcatSwitch value={props.concat} onChange={props.onConcatChange} />
      </Group>
      <ScrollArea.Autosize mah={240}>
        {props.items && props.items.length === 0 ? (
          <Text size="sm" c="dimmed" px="sm" py="xs">
            {t('inbox.canned.none')}
          </Text>
        ) : (
          props.items?.map((item, i) => (
            <CannedOption key={item.id} item={item} active={i === props.activeIndex} onHover={() => props.onHover(i)} onPick={() => props.onPick(item)} />
          ))
        )}
      </ScrollArea.Autosize>
      <Text size="xs" c="dimmed" px={6} pt={4}>
        {t('inbox.canned.keys')}
      </Text>
    </Paper>
  );
}

/** The search window of canned responses (the composer's ⚡ button), with a full preview. */
export function CannedSearchModal(props: {
  opened: boolean;
  onClose: () => void;
  serviceGroupId: string;
  concat: boolean;
  onConcatChange: (v: boolean) => void;
  onPick: (item: CannedResponse) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const list = useCannedResponses(q, props.serviceGroupId, props.opened);
  const [selected, setSelected] = useState<CannedResponse | null>(null);
  const items = list.data ?? [];
  const current = selected && items.some((i) => i.id === selected.id) ? selected : (items[0] ?? null);

  useEffect(() => {
    if (!props.opened) {
      setSearch('');
      setSelected(null);
    }
  }, [props.opened]);

  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('inbox.canned.searchTitle')} size="xl" data-testid="canned-modal">
      <Stack gap="sm">
        <TextInput
          data-autofocus
          placeholder={t('inbox.canned.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          rightSection={list.isFetching ? <Loader size={14} /> : null}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-testid="canned-search"
        />
        <Group align="stretch" gap="md" wrap="nowrap" h={340}>
          <ScrollArea w={300} style={{ flex: 'none', borderRight: '1px solid var(--mantine-color-gray-2)' }} pr={6}>
            {items.length === 0 && !list.isPending ? (
              <Text size="sm" c="dimmed" p="sm">
                {q ? t('inbox.canned.noneFor', { q }) : t('inbox.canned.none')}
              </Text>
            ) : (
              items.map((item) => (
                <CannedOption key={item.id} item={item} active={item.id === current?.id} onPick={() => setSelected(item)} lines={2} />
              ))
            )}
          </ScrollArea>
          <Box style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
            {current ? (
              <>
                <Text fw={700}>{current.title}</Text>
                <Text size="xs" c="dimmed" mb="xs">
                  /{current.shortcut}
                </Text>
                <ScrollArea style={{ flex: 1 }}>
                  <Paper bg="brand.0" p="sm" radius="md" style={{ border: '1px solid var(--mantine-color-brand-2)' }}>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {current.text}
                    </Text>
                  </Paper>
                </ScrollArea>
              </>
            ) : (
              <Text size="sm" c="dimmed">
                {t('inbox.canned.pickOne')}
              </Text>
            )}
          </Box>
        </Group>
        <Group justify="space-between">
          <ConcatSwitch value={props.concat} onChange={props.onConcatChange} />
          <Group gap="sm">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button disabled={!current} onClick={() => current && props.onPick(current)} data-testid="canned-insert">
              {props.concat ? t('inbox.canned.insertConcat') : t('inbox.canned.insertReplace')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
