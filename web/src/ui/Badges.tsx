import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Role } from '@contracts/users';

type Status = 'active' | 'inactive' | 'revoked';
const STATUS_COLOR: Record<Status, string> = { active: 'teal', inactive: 'gray', revoked: 'red' };

/** `feminine` picks the Portuguese agreement for feminine nouns (operação, credencial). */
export function StatusBadge({ status, feminine = false }: { status: Status; feminine?: boolean }) {
  const { t } = useTranslation();
  const label =
    feminine && status === 'active' ? t('statusLabels.activeFem') : feminine && status === 'inactive' ? t('statusLabels.inactiveFem') : t(`statusLabels.${status}`);
  return (
    <Badge color={STATUS_COLOR[status]} variant="dot" size="md" tt="none" fw={600}>
      {label}
    </Badge>
  );
}

const ROLE_COLOR: Record<Role, string> = {
  admin: 'indigo',
  supervisor: 'grape',
  supervisor_agent: 'cyan',
  agent: 'brand',
};

export function RoleBadge({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <Badge color={ROLE_COLOR[role]} tt="none" fw={600} size="md">
      {t(`roles.${role}`)}
    </Badge>
  );
}
