import { Anchor, Group, MultiSelect, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface PickerOption {
  value: string;
  label: string;
}

/**
 * A searchable multi-select with "add all" and "remove all", as the contact-center consoles
 * offer for members and transfer permissions (dozens of agents are common).
 */
export function PickerField(props: {
  label: string;
  description?: string;
  placeholder: string;
  emptyText: string;
  options: PickerOption[];
  value: string[];
  onChange: (value: string[]) => void;
  error?: React.ReactNode;
  disabled?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const all = props.options.map((o) => o.value);
  const missing = all.filter((v) => !props.value.includes(v));
  return (
    <div>
      <MultiSelect
        label={props.label}
        description={props.description}
        placeholder={props.options.length ? props.placeholder : props.emptyText}
        data={props.options}
        value={props.value}
        onChange={props.onChange}
        error={props.error}
        searchable
        clearable
        hidePickedOptions
        maxDropdownHeight={260}
        disabled={props.disabled}
        nothingFoundMessage={t('common.nothingFound')}
        data-testid={props.testId}
      />
      <Group justify="space-between" mt={6}>
        <Text size="xs" c="dimmed">
          {t('config.picker.selected', { count: props.value.length, total: props.options.length })}
        </Text>
        <Group gap="md">
          <Anchor
            component="button"
            type="button"
            size="xs"
            disabled={!missing.length || props.disabled}
            style={{ opacity: missing.length ? 1 : 0.45 }}
            onClick={() => props.onChange([...props.value, ...missing])}
          >
            {t('config.picker.addAll')}
          </Anchor>
          <Anchor
            component="button"
            type="button"
            size="xs"
            c="red"
            disabled={!props.value.length || props.disabled}
            style={{ opacity: props.value.length ? 1 : 0.45 }}
            onClick={() => props.onChange([])}
          >
            {t('config.picker.removeAll')}
          </Anchor>
        </Group>
      </Group>
    </div>
  );
}
