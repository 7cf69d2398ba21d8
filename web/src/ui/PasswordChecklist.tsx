import { Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconCircleCheckFilled, IconCircleDashed } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { passwordProblems, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type PasswordRule } from '@contracts/password';

const SHOWN_RULES: PasswordRule[] = ['min_length', 'lowercase', 'uppercase', 'digit', 'special'];

/** USER-5 policy shown live under a new-password field, from the same rules the server enforces. */
export function PasswordChecklist({ password, id }: { password: string; id?: string }) {
  const { t } = useTranslation();
  const problems = new Set(passwordProblems(password));
  const rules = problems.has('max_length') ? [...SHOWN_RULES, 'max_length' as const] : SHOWN_RULES;
  return (
    <Stack gap={4} id={id} aria-live="polite" data-testid="password-checklist">
      <Text size="xs" fw={600} c="dimmed">
        {t('password.rulesTitle')}
      </Text>
      {rules.map((rule) => {
        const ok = !problems.has(rule);
        return (
          <Group key={rule} gap={6} wrap="nowrap" data-rule={rule} data-ok={ok}>
            {ok ? (
              <IconCircleCheckFilled size={16} color="var(--mantine-color-teal-6)" aria-hidden />
            ) : (
              <IconCircleDashed size={16} color="var(--mantine-color-gray-5)" aria-hidden />
            )}
            <Text size="xs" c={ok ? 'teal.8' : 'dimmed'}>
              {t(`password.rules.${rule}`, { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })}
              <VisuallyHidden>{ok ? ` (${t('password.met')})` : ` (${t('password.unmet')})`}</VisuallyHidden>
            </Text>
          </Group>
        );
      })}
    </Stack>
  );
}

export function isPasswordAcceptable(password: string): boolean {
  return passwordProblems(password).length === 0;
}
