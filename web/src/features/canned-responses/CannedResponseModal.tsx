import { Grid, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { handleFormError, notifySuccess } from '../../lib/errors';
import { FormActions } from '../../ui/FormActions';
import { localizeFieldErrors } from '../service-groups/configErrors';
import { useServiceGroupOptions } from '../service-groups/serviceGroupsApi';
import { CannedResponsePreview } from './CannedResponsePreview';
import { useSaveCannedResponse, type CannedResponse, type CannedResponseBody } from './cannedResponsesApi';

export type CannedResponseModalState = { mode: 'create' } | { mode: 'edit'; response: CannedResponse } | null;

const SHORTCUT = /^\/?[a-z0-9-]{1,40}$/;
/** Sentinel for "every group": Select values must be non-empty strings. */
const ALL = 'all';

function toBody(v: { shortcut: string; title: string; text: string; serviceGroupId: string }): CannedResponseBody {
  return {
    shortcut: v.shortcut.trim().toLowerCase(),
    title: v.title.trim(),
    text: v.text.trim(),
    serviceGroupId: v.serviceGroupId === ALL ? null : v.serviceGroupId,
  };
}

export function CannedResponseModal({ state, onClose }: { state: CannedResponseModalState; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={state !== null}
      onClose={onClose}
      size={900}
      title={<Text fw={700}>{state?.mode === 'edit' ? t('cannedResponses.editTitle') : t('cannedResponses.createTitle')}</Text>}
    >
      {state && <CannedResponseForm key={state.mode === 'edit' ? state.response.id : 'new'} state={state} onClose={onClose} />}
    </Modal>
  );
}

function CannedResponseForm({ state, onClose }: { state: NonNullable<CannedResponseModalState>; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveCannedResponse();
  const groups = useServiceGroupOptions();
  const editing = state.mode === 'edit' ? state.response : null;
  const initial = {
    shortcut: editing?.shortcut ?? '/',
    title: editing?.title ?? '',
    text: editing?.text ?? '',
    serviceGroupId: editing?.serviceGroupId ?? ALL,
  };
  const form = useForm({
    initialValues: initial,
    validate: {
      shortcut: (v) => (SHORTCUT.test(v.trim().toLowerCase()) ? null : t('config.fieldErrors.shortcut')),
      title: (v) => (v.trim() ? null : t('fieldErrors.required')),
      text: (v) => (v.trim() ? null : t('fieldErrors.required')),
    },
  });
  const groupOptions = [
    { value: ALL, label: t('cannedResponses.allGroups') },
    ...(groups.data?.items ?? [])
      .filter((g) => g.status === 'active' || g.id === form.values.serviceGroupId)
      .map((g) => ({ value: g.id, label: g.name })),
  ];

  const submit = (v: typeof initial) => {
    const full = toBody(v);
    // An edit sends only what changed.
    const before = toBody(initial) as unknown as Record<string, unknown>;
    const body = editing ? Object.fromEntries(Object.entries(full).filter(([k, value]) => value !== before[k])) : full;
    save.mutate(
      { id: editing?.id, body },
      {
        onSuccess: (r) => {
          notifySuccess(editing ? t('cannedResponses.updated') : t('cannedResponses.created', { shortcut: r.shortcut }));
          onClose();
        },
        onError: (err) => handleFormError(form, localizeFieldErrors(err, t), t),
      },
    );
  };

  return (
    <form noValidate onSubmit={form.onSubmit(submit)}>
      <Grid gutter="xl" data-testid="canned-response-form">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <Grid gutter="md">
              <Grid.Col span={{ base: 12, sm: 5 }}>
                <TextInput
                  label={t('cannedResponses.fields.shortcut')}
                  description={t('cannedResponses.fields.shortcutHint')}
                  required
                  data-autofocus
                  styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                  {...form.getInputProps('shortcut')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 7 }}>
                <TextInput
                  label={t('cannedResponses.fields.title')}
                  description={t('cannedResponses.fields.titleHint')}
                  required
                  {...form.getInputProps('title')}
                />
              </Grid.Col>
            </Grid>
            <Select
              label={t('cannedResponses.fields.group')}
              description={t('cannedResponses.fields.groupHint')}
              allowDeselect={false}
              data={groupOptions}
              searchable
              nothingFoundMessage={t('common.nothingFound')}
              {...form.getInputProps('serviceGroupId')}
            />
            <Textarea
              label={t('cannedResponses.fields.text')}
              description={t('cannedResponses.fields.textHint')}
              required
              autosize
              minRows={6}
              maxRows={14}
              maxLength={4000}
              {...form.getInputProps('text')}
            />
            <Text size="xs" c="dimmed" ta="right" mt={-10}>
              {form.values.text.length}/4000
            </Text>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <CannedResponsePreview shortcut={form.values.shortcut} text={form.values.text} />
        </Grid.Col>
        <Grid.Col span={12}>
          <FormActions onCancel={onClose} pending={save.isPending} submitLabel={editing ? t('common.saveChanges') : t('cannedResponses.createSubmit')} />
        </Grid.Col>
      </Grid>
    </form>
  );
}
