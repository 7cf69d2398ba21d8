import { useRef } from 'react';
import { ActionIcon, Box, Button, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowLeft, IconBraces, IconPlus, IconSend, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { fillTemplate, templateVariableCount } from '@contracts/messages';
import { handleFormError, notifySuccess } from '../../lib/errors';
import { PhonePreview, PreviewBubble } from './PhonePreview';
import { useCreateTemplate, type NewTemplateBody, type WhatsappTemplate } from './templatesApi';

const LANGUAGES = ['pt_BR', 'en_US', 'es', 'es_MX', 'en_GB', 'pt_PT'];
const CATEGORIES: WhatsappTemplate['category'][] = ['UTILITY', 'MARKETING', 'AUTHENTICATION'];

interface Values {
  name: string;
  language: string;
  category: WhatsappTemplate['category'];
  header: string;
  headerExample: string;
  body: string;
  examples: string[];
  footer: string;
  buttons: string[];
}

const counter = (value: string, max: number) => (
  <Text size="10px" c={value.trim().length > max ? 'red.7' : 'dimmed'} ta="right">
    {value.trim().length}/{max}
  </Text>
);

function toBody(v: Values): NewTemplateBody {
  const vars = templateVariableCount(v.body);
  const headerVars = templateVariableCount(v.header);
  return {
    name: v.name.trim(),
    language: v.language,
    category: v.category,
    components: {
      header: v.header.trim() ? { text: v.header.trim(), example: headerVars ? v.headerExample.trim() : undefined } : undefined,
      body: { text: v.body.trim(), examples: vars ? v.examples.slice(0, vars).map((x) => x.trim()) : undefined },
      footer: v.footer.trim() ? { text: v.footer.trim() } : undefined,
      buttons: v.buttons.filter((b) => b.trim()).length ? v.buttons.filter((b) => b.trim()).map((text) => ({ type: 'QUICK_REPLY' as const, text: text.trim() })) : undefined,
    },
  };
}

/** "Novo modelo": Meta's template parts with the rules checked as typed, and the phone preview filled with the examples. */
export function TemplateForm({ channelId, onDone }: { channelId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateTemplate(channelId);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const form = useForm<Values>({
    initialValues: { name: '', language: 'pt_BR', category: 'UTILITY', header: '', headerExample: '', body: '', examples: [], footer: '', buttons: [] },
    validate: {
      name: (v) => (!v.trim() ? t('whatsapp.builder.required') : /^[a-z0-9_]+$/.test(v.trim()) ? null : t('whatsapp.templates.form.invalidName')),
      header: (v) => (v.trim().length > 60 ? t('whatsapp.builder.tooLong', { max: 60 }) : templateVariableCount(v) > 1 ? t('whatsapp.templates.form.headerVars') : null),
      body: (v) => (!v.trim() ? t('whatsapp.builder.required') : v.trim().length > 1024 ? t('whatsapp.builder.tooLong', { max: 1024 }) : null),
      footer: (v) => (v.trim().length > 60 ? t('whatsapp.builder.tooLong', { max: 60 }) : null),
      examples: (v, all) => (v.slice(0, templateVariableCount(all.body)).some((x) => !x?.trim()) || v.length < templateVariableCount(all.body) ? t('whatsapp.picker.fillAll') : null),
    },
  });
  const v = form.values;
  const vars = templateVariableCount(v.body);
  const headerVars = templateVariableCount(v.header);

  const addVariable = () => {
    const el = bodyRef.current;
    const at = el?.selectionStart ?? v.body.length;
    const token = `{{${vars + 1}}}`;
    form.setFieldValue('body', v.body.slice(0, at) + token + v.body.slice(el?.selectionEnd ?? at));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  };

  const submit = form.onSubmit((values) => {
    if (values.buttons.some((b) => b.trim().length > 25)) return;
    create.mutate(toBody(values), {
      onSuccess: () => {
        notifySuccess(t('whatsapp.templates.form.created'));
        onDone();
      },
      onError: (err) =>
        handleFormError(form, err, t, {
          'components.body.text': 'body',
          'components.body.examples': 'examples',
          'components.header.text': 'header',
          'components.header.example': 'headerExample',
          'components.footer.text': 'footer',
          'components.buttons': 'buttons',
        }),
    });
  });

  return (
    <form onSubmit={submit} data-testid="template-form">
      <Group mb="sm">
        <Button variant="subtle" size="compact-sm" leftSection={<IconArrowLeft size={14} />} onClick={onDone}>
          {t('whatsapp.templates.form.back')}
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        <Stack gap="xs">
          <TextInput label={t('whatsapp.templates.form.name')} description={t('whatsapp.templates.form.nameHint')} required {...form.getInputProps('name')} data-testid="template-name" />
          <SimpleGrid cols={2} spacing="xs">
            <Select label={t('whatsapp.templates.form.language')} data={LANGUAGES} allowDeselect={false} {...form.getInputProps('language')} />
            <Select
              label={t('whatsapp.templates.form.category')}
              data={CATEGORIES.map((c) => ({ value: c, label: t(`whatsapp.templates.category.${c}`) }))}
              allowDeselect={false}
              {...form.getInputProps('category')}
            />
          </SimpleGrid>
          <Box>
            <TextInput label={t('whatsapp.templates.form.header')} description={t('whatsapp.templates.form.headerHint')} {...form.getInputProps('header')} />
            {counter(v.header, 60)}
          </Box>
          {headerVars > 0 && <TextInput label={t('whatsapp.templates.form.example', { n: '{{1}}' })} size="xs" {...form.getInputProps('headerExample')} />}
          <Box>
            <Group justify="space-between" align="flex-end" mb={2}>
              <Text size="sm" fw={500}>
                {t('whatsapp.templates.form.body')}{' '}
                <Text span c="red">
                  *
                </Text>
              </Text>
              <Button variant="light" size="compact-xs" leftSection={<IconBraces size={12} />} onClick={addVariable} data-testid="add-variable">
                {t('whatsapp.templates.form.addVariable')}
              </Button>
            </Group>
            <Textarea ref={bodyRef} description={t('whatsapp.templates.form.bodyHint')} autosize minRows={4} maxRows={10} {...form.getInputProps('body')} data-testid="template-body" />
            {counter(v.body, 1024)}
          </Box>
          {vars > 0 && (
            <Stack gap={4} p="xs" bg="gray.0" style={{ borderRadius: 8 }}>
              <Text size="xs" fw={600} c="dimmed">
                {t('whatsapp.templates.form.examples')}
              </Text>
              <SimpleGrid cols={2} spacing={6}>
                {Array.from({ length: vars }, (_, i) => (
                  <TextInput
                    key={i}
                    size="xs"
                    label={t('whatsapp.templates.form.example', { n: `{{${i + 1}}}` })}
                    value={v.examples[i] ?? ''}
                    onChange={(e) => {
                      const next = [...v.examples];
                      next[i] = e.currentTarget.value;
                      form.setFieldValue('examples', next);
                    }}
                    data-testid={`template-example-${i + 1}`}
                  />
                ))}
              </SimpleGrid>
              {form.errors.examples && (
                <Text size="xs" c="red.7">
                  {form.errors.examples}
                </Text>
              )}
            </Stack>
          )}
          <Box>
            <TextInput label={t('whatsapp.templates.form.footer')} {...form.getInputProps('footer')} />
            {counter(v.footer, 60)}
          </Box>
          <Text size="sm" fw={500}>
            {t('whatsapp.templates.form.buttons')}
          </Text>
          {v.buttons.map((b, i) => (
            <Group key={i} gap={6} wrap="nowrap" align="flex-start">
              <Box style={{ flex: 1 }}>
                <TextInput
                  placeholder={t('whatsapp.templates.form.button', { n: i + 1 })}
                  aria-label={t('whatsapp.templates.form.button', { n: i + 1 })}
                  value={b}
                  error={b.trim().length > 25 ? t('whatsapp.builder.tooLong', { max: 25 }) : undefined}
                  onChange={(e) => form.setFieldValue(`buttons.${i}`, e.currentTarget.value)}
                />
                {counter(b, 25)}
              </Box>
              <ActionIcon mt={6} variant="subtle" color="gray" aria-label={t('whatsapp.builder.remove')} onClick={() => form.removeListItem('buttons', i)}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          {form.errors.buttons && (
            <Text size="xs" c="red.7">
              {form.errors.buttons}
            </Text>
          )}
          <Button variant="light" size="xs" w="fit-content" leftSection={<IconPlus size={14} />} disabled={v.buttons.length >= 3} onClick={() => form.insertListItem('buttons', '')}>
            {t('whatsapp.templates.form.addButton')} ({v.buttons.length}/3)
          </Button>
        </Stack>
        <Box>
          <Text size="sm" fw={600} mb={6}>
            {t('whatsapp.templates.form.preview')}
          </Text>
          <PhonePreview>
            <PreviewBubble
              header={v.header.trim() ? fillTemplate(v.header, [v.headerExample || '{{1}}']) : undefined}
              body={fillTemplate(v.body, v.examples.map((x, i) => x || `{{${i + 1}}}`))}
              footer={v.footer.trim() || undefined}
              buttons={v.buttons.filter((b) => b.trim())}
            />
          </PhonePreview>
        </Box>
      </SimpleGrid>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" leftSection={<IconSend size={16} />} loading={create.isPending} data-testid="template-submit">
          {t('whatsapp.templates.form.submit')}
        </Button>
      </Group>
    </form>
  );
}
