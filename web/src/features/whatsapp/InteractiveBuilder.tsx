import { useState } from 'react';
import { ActionIcon, Box, Button, Divider, Group, Modal, SegmentedControl, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus, IconSend, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { interactiveSchema, type Interactive } from '@contracts/messages';
import { InteractivePreview } from './MessageContent';
import { PhonePreview } from './PhonePreview';

/** Meta's limits (protocols.md §1.6), shown live as counters. */
const LIMIT = { header: 60, buttonBody: 1024, listBody: 4096, footer: 60, button: 20, listButton: 20, section: 24, row: 24, rowDescription: 72 };
const MAX_BUTTONS = 3;
const MAX_ROWS = 10;

type Row = { title: string; description: string };
type Section = { title: string; rows: Row[] };

/** "12/20" under a field, red once over. */
function Counter({ value, max }: { value: string; max: number }) {
  const n = value.trim().length;
  return (
    <Text size="10px" c={n > max ? 'red.7' : 'dimmed'} ta="right" data-testid="char-counter">
      {n}/{max}
    </Text>
  );
}

function LimitedInput(props: { label: string; value: string; max: number; onChange: (v: string) => void; required?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const over = props.value.trim().length > props.max;
  return (
    <Box>
      <TextInput
        label={props.label}
        value={props.value}
        required={props.required}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        error={over ? t('whatsapp.builder.tooLong', { max: props.max }) : undefined}
        data-testid={props.testId}
      />
      <Counter value={props.value} max={props.max} />
    </Box>
  );
}

/** Ids the customer's reply comes back with: stable, unique, readable in logs. */
const idOf = (prefix: string, i: number, title: string) =>
  `${prefix}_${i + 1}_${title
    .normalize('NFD')
    .replace(/[^\w]+/g, '_')
    .toLowerCase()
    .slice(0, 40)}`;

function build(kind: 'button' | 'list', f: { header: string; body: string; footer: string; buttons: string[]; listButton: string; sections: Section[] }): unknown {
  const opt = (s: string) => (s.trim() ? s.trim() : undefined);
  if (kind === 'button')
    return { type: 'button', header: opt(f.header), body: f.body.trim(), footer: opt(f.footer), buttons: f.buttons.map((b, i) => ({ id: idOf('btn', i, b), title: b.trim() })) };
  let n = 0;
  return {
    type: 'list',
    header: opt(f.header),
    body: f.body.trim(),
    footer: opt(f.footer),
    button: f.listButton.trim(),
    sections: f.sections.map((s) => ({ title: opt(s.title), rows: s.rows.map((r) => ({ id: idOf('row', n++, r.title), title: r.title.trim(), description: opt(r.description) })) })),
  };
}

/** Builder of a message with reply buttons or a list (composer "+" menu), checked against Meta's limits before it goes. */
export function InteractiveBuilder(props: { opened: boolean; onClose: () => void; onSend: (i: Interactive) => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'button' | 'list'>('button');
  const [header, setHeader] = useState('');
  const [body, setBody] = useState('');
  const [footer, setFooter] = useState('');
  const [buttons, setButtons] = useState<string[]>(['', '']);
  const [listButton, setListButton] = useState('');
  const [sections, setSections] = useState<Section[]>([{ title: '', rows: [{ title: '', description: '' }] }]);
  const totalRows = sections.reduce((n, s) => n + s.rows.length, 0);
  const candidate = build(kind, { header, body, footer, buttons, listButton, sections });
  const parsed = interactiveSchema.safeParse(candidate);
  const previewContent = candidate as Interactive;
  const duplicate = kind === 'button' && new Set(buttons.map((b) => b.trim())).size !== buttons.length;
  const bodyMax = kind === 'button' ? LIMIT.buttonBody : LIMIT.listBody;

  const reset = () => {
    setHeader('');
    setBody('');
    setFooter('');
    setButtons(['', '']);
    setListButton('');
    setSections([{ title: '', rows: [{ title: '', description: '' }] }]);
  };
  const close = () => {
    reset();
    props.onClose();
  };
  const patchSection = (i: number, next: Partial<Section>) => setSections((all) => all.map((s, j) => (j === i ? { ...s, ...next } : s)));
  const patchRow = (i: number, r: number, next: Partial<Row>) => patchSection(i, { rows: sections[i].rows.map((x, k) => (k === r ? { ...x, ...next } : x)) });

  return (
    <Modal opened={props.opened} onClose={close} size={900} title={<Text fw={700}>{t('whatsapp.builder.title')}</Text>} data-testid="interactive-builder">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xl">
        <Stack gap="xs">
          <SegmentedControl
            value={kind}
            onChange={(v) => setKind(v as 'button' | 'list')}
            data={[
              { value: 'button', label: t('whatsapp.builder.buttons') },
              { value: 'list', label: t('whatsapp.builder.list') },
            ]}
            data-testid="builder-kind"
          />
          <LimitedInput label={t('whatsapp.builder.header')} value={header} max={LIMIT.header} onChange={setHeader} />
          <Box>
            <Textarea
              label={t('whatsapp.builder.body')}
              required
              autosize
              minRows={3}
              maxRows={8}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              error={body.trim().length > bodyMax ? t('whatsapp.builder.tooLong', { max: bodyMax }) : undefined}
              data-testid="builder-body"
            />
            <Counter value={body} max={bodyMax} />
          </Box>
          <LimitedInput label={t('whatsapp.builder.footer')} value={footer} max={LIMIT.footer} onChange={setFooter} />
          <Divider />
          {kind === 'button' ? (
            <Stack gap={4}>
              <Text size="xs" c="dimmed">
                {t('whatsapp.builder.maxButtons')}
              </Text>
              {buttons.map((b, i) => (
                <Group key={i} gap={6} align="flex-start" wrap="nowrap">
                  <Box style={{ flex: 1 }}>
                    <LimitedInput
                      label={t('whatsapp.builder.buttonLabel', { n: i + 1 })}
                      value={b}
                      max={LIMIT.button}
                      required
                      onChange={(v) => setButtons((all) => all.map((x, j) => (j === i ? v : x)))}
                      testId={`builder-button-${i + 1}`}
                    />
                  </Box>
                  <ActionIcon mt={26} variant="subtle" color="gray" disabled={buttons.length <= 1} aria-label={t('whatsapp.builder.remove')} onClick={() => setButtons((all) => all.filter((_, j) => j !== i))}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ))}
              {duplicate && buttons.every((b) => b.trim()) && (
                <Text size="xs" c="red.7">
                  {t('whatsapp.builder.duplicate')}
                </Text>
              )}
              <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} disabled={buttons.length >= MAX_BUTTONS} onClick={() => setButtons((all) => [...all, ''])} w="fit-content">
                {t('whatsapp.builder.addButton')} ({buttons.length}/{MAX_BUTTONS})
              </Button>
            </Stack>
          ) : (
            <Stack gap={6}>
              <LimitedInput label={t('whatsapp.builder.listButton')} value={listButton} max={LIMIT.listButton} required onChange={setListButton} testId="builder-list-button" />
              {sections.map((s, i) => (
                <Box key={i} p="xs" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
                  <Group justify="space-between" mb={4}>
                    <Text size="xs" fw={700} c="dimmed" tt="uppercase">
                      {t('whatsapp.builder.section', { n: i + 1 })}
                    </Text>
                    <ActionIcon size="sm" variant="subtle" color="gray" disabled={sections.length <= 1} aria-label={t('whatsapp.builder.remove')} onClick={() => setSections((all) => all.filter((_, j) => j !== i))}>
                      <IconTrash size={14} />
                    </ActionIcon>
                  </Group>
                  <LimitedInput label={t('whatsapp.builder.sectionTitle')} value={s.title} max={LIMIT.section} onChange={(v) => patchSection(i, { title: v })} />
                  {s.rows.map((r, k) => (
                    <Group key={k} gap={6} align="flex-start" wrap="nowrap" mt={4}>
                      <SimpleGrid cols={2} spacing={6} style={{ flex: 1 }}>
                        <LimitedInput label={t('whatsapp.builder.row')} value={r.title} max={LIMIT.row} required onChange={(v) => patchRow(i, k, { title: v })} testId={`builder-row-${i + 1}-${k + 1}`} />
                        <LimitedInput label={t('whatsapp.builder.rowDescription')} value={r.description} max={LIMIT.rowDescription} onChange={(v) => patchRow(i, k, { description: v })} />
                      </SimpleGrid>
                      <ActionIcon mt={26} variant="subtle" color="gray" disabled={s.rows.length <= 1} aria-label={t('whatsapp.builder.remove')} onClick={() => patchSection(i, { rows: s.rows.filter((_, j) => j !== k) })}>
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  ))}
                  <Button mt={4} variant="subtle" size="compact-xs" leftSection={<IconPlus size={12} />} disabled={totalRows >= MAX_ROWS} onClick={() => patchSection(i, { rows: [...s.rows, { title: '', description: '' }] })}>
                    {t('whatsapp.builder.addRow')}
                  </Button>
                </Box>
              ))}
              <Group justify="space-between">
                <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} disabled={sections.length >= 10 || totalRows >= MAX_ROWS} onClick={() => setSections((all) => [...all, { title: '', rows: [{ title: '', description: '' }] }])}>
                  {t('whatsapp.builder.addSection')}
                </Button>
                <Text size="xs" c={totalRows > MAX_ROWS ? 'red.7' : 'dimmed'} data-testid="rows-used">
                  {t('whatsapp.builder.rowsUsed', { count: totalRows })}
                </Text>
              </Group>
            </Stack>
          )}
        </Stack>
        <Box>
          <Text size="sm" fw={600} mb={6}>
            {t('whatsapp.builder.preview')}
          </Text>
          <PhonePreview>
            <Box bg="white" p={8} style={{ borderRadius: 8, borderTopLeftRadius: 0, maxWidth: '92%', boxShadow: '0 1px 1px rgba(0,0,0,0.1)' }}>
              <InteractivePreview content={{ ...previewContent, body: previewContent.body || '…' }} />
            </Box>
          </PhonePreview>
        </Box>
      </SimpleGrid>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={close}>
          {t('common.cancel')}
        </Button>
        <Button
          leftSection={<IconSend size={16} />}
          disabled={!parsed.success}
          onClick={() => {
            if (!parsed.success) return;
            props.onSend(parsed.data);
            close();
          }}
          data-testid="builder-send"
        >
          {t('whatsapp.builder.send')}
        </Button>
      </Group>
    </Modal>
  );
}
