import { ActionIcon, Menu } from '@mantine/core';
import { IconDots, IconPencil, IconPlayerPlay, IconPlayerStop } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * The row menu of things that are deactivated rather than deleted: edit, then deactivate or
 * activate depending on the current status. `label` names the row for screen readers.
 */
export function StatusActionsMenu(props: {
  label: string;
  active: boolean;
  onEdit: () => void;
  onToggle: () => void;
  /** E.g. one's own account: the server refuses it, so the menu does not offer it. */
  deactivateDisabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" shadow="md">
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={props.label}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconPencil size={16} />} onClick={props.onEdit}>
          {t('common.edit')}
        </Menu.Item>
        {props.active ? (
          <Menu.Item color="red" leftSection={<IconPlayerStop size={16} />} disabled={props.deactivateDisabled} onClick={props.onToggle}>
            {t('common.deactivate')}
          </Menu.Item>
        ) : (
          <Menu.Item color="teal" leftSection={<IconPlayerPlay size={16} />} onClick={props.onToggle}>
            {t('common.activate')}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
