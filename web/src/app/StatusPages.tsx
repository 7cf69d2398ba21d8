import { Button, Center, Group, Loader, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCloudOff, IconLock, IconMapSearch, type TablerIcon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useRouteError } from 'react-router';
import { Logo } from '../ui/Logo';

export function FullPageLoader() {
  return (
    <Center h="100vh">
      <Stack align="center" gap="md">
        <Logo size="lg" />
        <Loader size="sm" type="dots" />
      </Stack>
    </Center>
  );
}

function StatusMessage(props: { icon: TablerIcon; color: string; title: string; text: string; action?: React.ReactNode; fullPage?: boolean }) {
  const Icon = props.icon;
  return (
    <Center mih={props.fullPage ? '100vh' : '60vh'} px="md">
      <Stack align="center" gap="sm" maw={440} ta="center">
        <ThemeIcon size={64} radius="xl" variant="light" color={props.color}>
          <Icon size={32} />
        </ThemeIcon>
        <Title order={2}>{props.title}</Title>
        <Text c="dimmed">{props.text}</Text>
        {props.action && <Group mt="sm">{props.action}</Group>}
      </Stack>
    </Center>
  );
}

/** Forbidden and not found are dead ends inside the app: the way out is home. */
function GoHomeButton() {
  const { t } = useTranslation();
  return (
    <Button component={Link} to="/" variant="light">
      {t('status.goHome')}
    </Button>
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <div data-testid="forbidden-page">
      <StatusMessage icon={IconLock} color="orange" title={t('status.forbiddenTitle')} text={t('status.forbiddenText')} action={<GoHomeButton />} />
    </div>
  );
}

export function NotFoundPage({ fullPage }: { fullPage?: boolean }) {
  const { t } = useTranslation();
  return (
    <StatusMessage
      fullPage={fullPage}
      icon={IconMapSearch}
      color="gray"
      title={t('status.notFoundTitle')}
      text={t('status.notFoundText')}
      action={<GoHomeButton />}
    />
  );
}

/** Failures the app cannot get past by itself fill the page; one button starts over. */
function FailurePage(props: { title: string; text: string; actionLabel: string; onAction: () => void }) {
  return (
    <StatusMessage
      fullPage
      icon={IconCloudOff}
      color="red"
      title={props.title}
      text={props.text}
      action={<Button onClick={props.onAction}>{props.actionLabel}</Button>}
    />
  );
}

export function LoadFailedPage({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return <FailurePage title={t('status.loadFailedTitle')} text={t('status.loadFailedText')} actionLabel={t('common.retry')} onAction={onRetry} />;
}

/** Router error boundary: a crash in one screen shows a recoverable page instead of a blank one. */
export function RouteErrorPage() {
  const error = useRouteError();
  const { t } = useTranslation();
  console.error(error);
  return <FailurePage title={t('status.crashTitle')} text={t('status.crashText')} actionLabel={t('common.reload')} onAction={() => window.location.reload()} />;
}
