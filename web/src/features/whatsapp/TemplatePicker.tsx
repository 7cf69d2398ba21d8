import { useMemo, useState } from 'react';
import { Alert, Badge, Box, Button, Group, Modal, ScrollArea, SimpleGrid, Skeleton, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconArrowLeft, IconSearch, IconSend, IconTemplate } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { fillTemplate, type TemplateSend } from '@contracts/messages';
import { errorMessage } from '../../lib/errors';
import { PhonePreview, TemplateBubble } from './PhonePreview';
import { templateBody, templateVariables, useTemplates, type WhatsappTemplate } from './templatesApi';

export interface PickedTemplate {
  template: TemplateSend;
  preview: string;
  components: WhatsappTemplate['components'];
}

/** Approved templates of a channel; values for each {{n}}, with the message as the customer will see it. */
export function TemplateFields({ template, values, onChange }: { template: WhatsappTemplate; values: string[]; onChange: (v: string[]) => void }) {
  const { t } = useTranslation();
  const count = templateVariables(template);
  if (count === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('whatsapp.picker.noVariables')}
      </Text>
    );
  return (
    <Stack gap="xs">
      {Array.from({ length: count }, (_, i) => (
        <TextInput
          key={i}
          label={t('whatsapp.picker.variable', { n: `{{${i + 1}}}` })}
          value={values[i] ?? ''}
          onChange={(e) => {
            const next = [...values];
            next[i] = e.currentTarget.value;
            onChange(next);
          }}
          data-testid={`template-var-${i + 1}`}
          data-autofocus={i === 0 ? true : undefined}
        />
      ))}
    </Stack>
  );
}

export function picked(template: WhatsappTemplate, values: string[]): PickedTemplate {
  const parameters = Array.from({ length: templateVariables(template) }, (_, i) => (values[i] ?? '').trim());
  return {
    template: { name: template.name, language: template.language, parameters },
    preview: fillTemplate(templateBody(template), parameters),
    components: template.components,
  };
}

export function TemplateList({ templates, onPick, q }: { templates: WhatsappTemplate[]; onPick: (t: WhatsappTemplate) => void; q: string }) {
  const { t } = useTranslation();
  const shown = templates.filter((x) => x.status === 'APPROVED' && (!q || x.name.includes(q.toLowerCase()) || templateBody(x).toLowerCase().includes(q.toLowerCase())));
  if (shown.length === 0)
    return (
      <Text size="sm" c="dimmed" ta="center" py="xl" px="md">
        {q ? t('whatsapp.picker.noMatch', { q }) : t('whatsapp.picker.empty')}
      </Text>
    );
  return (
    <Stack gap={6}>
      {shown.map((x) => (
        <UnstyledButton
          key={x.id}
          onClick={() => onPick(x)}
          p="sm"
          className="wa-template-option"
          style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 10 }}
          data-testid="template-option"
        >
          <Group justify="space-between" wrap="nowrap" mb={4}>
            <Group gap={6} wrap="nowrap">
              <IconTemplate size={16} color="var(--mantine-color-grape-6)" />
              <Text size="sm" fw={700} ff="monospace">
                {x.name}
              </Text>
            </Group>
            <Group gap={4} wrap="nowrap">
              <Badge size="xs" variant="outline" color="gray" tt="none">
                {x.language}
              </Badge>
              <Badge size="xs" variant="light" color="grape" tt="none">
                {t(`whatsapp.templates.category.${x.category}`)}
              </Badge>
            </Group>
          </Group>
          <Text size="xs" c="gray.7" lineClamp={2}>
            {templateBody(x)}
          </Text>
        </UnstyledButton>
      ))}
    </Stack>
  );
}

/** The "Enviar modelo" dialog of the composer: pick an approved template, fill its variables, send. */
export function TemplatePicker(props: { opened: boolean; channelId: string; onClose: () => void; onSend: (p: PickedTemplate) => void }) {
  const { t } = useTranslation();
  const templates = useTemplates(props.channelId, props.opened);
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<WhatsappTemplate | null>(null);
  const [values, setValues] = useState<string[]>([]);
  const result = useMemo(() => (chosen ? picked(chosen, values) : null), [chosen, values]);
  const complete = !!result && result.template.parameters.every((p) => p.length > 0);

  const close = () => {
    setChosen(null);
    setValues([]);
    setQ('');
    props.onClose();
  };

  return (
    <Modal opened={props.opened} onClose={close} size={chosen ? 820 : 560} title={<Text fw={700}>{t('whatsapp.picker.title')}</Text>} data-testid="template-picker">
      {!chosen ? (
        <Stack gap="sm">
          <TextInput
            leftSection={<IconSearch size={16} />}
            placeholder={t('whatsapp.picker.search')}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            data-autofocus
          />
          <ScrollArea.Autosize mah={440}>
            {templates.isPending ? (
              <Stack gap={6}>
                <Skeleton h={64} radius="md" />
                <Skeleton h={64} radius="md" />
              </Stack>
            ) : templates.isError ? (
              <Alert color="red" title={t('whatsapp.picker.loadFailed')}>
                {errorMessage(templates.error, t)}
              </Alert>
            ) : (
              <TemplateList templates={templates.data} q={q.trim()} onPick={setChosen} />
            )}
          </ScrollArea.Autosize>
        </Stack>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          <Stack gap="sm">
            <Group gap={6}>
              <Button variant="subtle" size="compact-sm" leftSection={<IconArrowLeft size={14} />} onClick={() => setChosen(null)}>
                {t('whatsapp.picker.back')}
              </Button>
            </Group>
            <Group gap={6}>
              <Text fw={700} ff="monospace">
                {chosen.name}
              </Text>
              <Badge size="xs" variant="outline" color="gray" tt="none">
                {chosen.language}
              </Badge>
            </Group>
            <Text size="sm" fw={600}>
              {t('whatsapp.picker.variables')}
            </Text>
            <TemplateFields template={chosen} values={values} onChange={setValues} />
          </Stack>
          <Box>
            <Text size="sm" fw={600} mb={6}>
              {t('whatsapp.picker.preview')}
            </Text>
            <PhonePreview>
              <TemplateBubble components={chosen.components} body={result?.preview ?? ''} />
            </PhonePreview>
          </Box>
        </SimpleGrid>
      )}
      {chosen && (
        <Group justify="flex-end" mt="lg" gap="sm">
          {!complete && (
            <Text size="xs" c="dimmed">
              {t('whatsapp.picker.fillAll')}
            </Text>
          )}
          <Button
            leftSection={<IconSend size={16} />}
            disabled={!complete}
            onClick={() => {
              if (!result) return;
              props.onSend(result);
              close();
            }}
            data-testid="template-send"
          >
            {t('whatsapp.picker.send')}
          </Button>
        </Group>
      )}
    </Modal>
  );
}
