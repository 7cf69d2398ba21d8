import { useRef, type ReactNode } from 'react';
import { Button, Group, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';

/** The variables an automatic message may carry, filled by the automation when it sends. */
const VARIABLE_LABELS = {
  'contact.name': 'automation.variables.contactName',
  protocol: 'automation.variables.protocol',
  'agent.name': 'automation.variables.agentName',
  'queue.position': 'automation.variables.queuePosition',
} as const;
export type MessageVariable = keyof typeof VARIABLE_LABELS;

export const token = (variable: MessageVariable) => `{{${variable}}}`;

/** A form field's value, setter and error shaped for MessageTextarea. */
export function messageInputProps<V>(form: UseFormReturnType<V>, path: string) {
  const props = form.getInputProps(path);
  return { value: String(props.value ?? ''), onChange: (v: string) => props.onChange(v), error: props.error as ReactNode };
}

interface Props {
  label: string;
  description?: string;
  placeholder?: string;
  value: string;
  onChange: (value: string) => void;
  error?: ReactNode;
  variables: MessageVariable[];
  minRows?: number;
  maxLength?: number;
  testId?: string;
}

/** A message text with chips that put a variable where the cursor is (or at the end, before any focus). */
export function MessageTextarea(props: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLTextAreaElement>(null);
  // An untouched textarea reports its caret at 0; a variable then belongs at the end of the text.
  const touched = useRef(false);
  const maxLength = props.maxLength ?? 2000;

  const insert = (variable: MessageVariable) => {
    const el = ref.current;
    const piece = token(variable);
    const start = el && touched.current ? el.selectionStart : props.value.length;
    const end = el && touched.current ? el.selectionEnd : props.value.length;
    const next = props.value.slice(0, start) + piece + props.value.slice(end);
    if (next.length > maxLength) return;
    props.onChange(next);
    requestAnimationFrame(() => {
      if (!el) return;
      el.focus();
      el.setSelectionRange(start + piece.length, start + piece.length);
      touched.current = true;
    });
  };

  return (
    <Stack gap={6}>
      <Textarea
        ref={ref}
        label={props.label}
        description={props.description}
        placeholder={props.placeholder}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        onFocus={() => (touched.current = true)}
        error={props.error}
        autosize
        minRows={props.minRows ?? 2}
        maxRows={10}
        maxLength={maxLength}
        data-testid={props.testId}
      />
      <Group gap={6} wrap="wrap">
        <Text size="xs" c="dimmed">
          {t('automation.variables.label')}
        </Text>
        {props.variables.map((variable) => (
          <Tooltip key={variable} label={`${t(VARIABLE_LABELS[variable])}. ${t('automation.variables.insert')}`} multiline w={240} withArrow>
            <Button
              size="compact-xs"
              variant="light"
              radius="xl"
              ff="monospace"
              fw={500}
              // Keeps the caret (and the focus) in the text while the chip is pressed.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => insert(variable)}
              data-testid={props.testId ? `${props.testId}-var-${variable}` : undefined}
            >
              {token(variable)}
            </Button>
          </Tooltip>
        ))}
      </Group>
    </Stack>
  );
}
