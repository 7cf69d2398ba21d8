import { Button, Menu } from '@mantine/core';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, currentLanguage, setLanguage } from '../lib/i18n';

export function LanguageMenu({ variant = 'subtle' }: { variant?: 'subtle' | 'default' | 'white' }) {
  const { t, i18n } = useTranslation();
  const active = LANGUAGES.find((l) => l.code === currentLanguage()) ?? LANGUAGES[0];
  return (
    <Menu position="bottom-end" shadow="md" width={200} key={i18n.language}>
      <Menu.Target>
        <Button
          variant={variant}
          color="gray"
          size="compact-md"
          leftSection={<IconLanguage size={18} />}
          aria-label={t('language.choose')}
          data-testid="language-switch"
        >
          {active.short}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('language.label')}</Menu.Label>
        {LANGUAGES.map((l) => (
          <Menu.Item
            key={l.code}
            onClick={() => setLanguage(l.code)}
            rightSection={l.code === active.code ? <IconCheck size={16} /> : null}
            lang={l.code}
          >
            {l.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
