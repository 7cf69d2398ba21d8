import type { ReactNode } from 'react';
import { Paper, Table } from '@mantine/core';
import type { TablerIcon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/errors';
import { EmptyState } from './EmptyState';
import { LoadMore, type CursorQuery } from './LoadMore';
import { TableSkeleton } from './TableSkeleton';

export interface ListColumn {
  label: string;
  /** For columns of icons or buttons: the header is read by screen readers, not shown. */
  srOnly?: boolean;
  w?: number;
}

/** What the shell reads from a cursor list query (see lib/cursorList). */
export interface ListTableQuery extends CursorQuery {
  isPending: boolean;
  isPlaceholderData: boolean;
  isError: boolean;
  isSuccess: boolean;
  error: unknown;
}

/**
 * The frame every admin list shares: a bordered, horizontally scrollable table whose rows
 * are the children; a skeleton until the first page arrives; rows dimmed while a new filter
 * loads over them; then the failure or empty state and the "load more"/count footer.
 */
export function ListTable(props: {
  query: ListTableQuery;
  columns: ListColumn[];
  minWidth: number;
  skeletonRows?: number;
  highlightOnHover?: boolean;
  /** The list's icon, shown in its failure and empty states. */
  icon: TablerIcon;
  loadFailedTitle: string;
  empty: { title: string; description: string; action?: ReactNode };
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { query, icon: Icon } = props;
  const count = query.data?.pages.reduce((n, p) => n + p.items.length, 0) ?? 0;
  return (
    <Paper withBorder style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer minWidth={props.minWidth}>
        <Table
          className="atende-table"
          style={{ opacity: query.isPlaceholderData ? 0.55 : 1, transition: 'opacity 120ms' }}
          verticalSpacing="sm"
          horizontalSpacing="md"
          highlightOnHover={props.highlightOnHover}
        >
          <Table.Thead>
            <Table.Tr>
              {props.columns.map((c) => (
                <Table.Th key={c.label} w={c.w}>
                  {c.srOnly ? <span className="sr-only">{c.label}</span> : c.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          {query.isPending ? <TableSkeleton columns={props.columns.length} rows={props.skeletonRows} /> : <Table.Tbody>{props.children}</Table.Tbody>}
        </Table>
      </Table.ScrollContainer>
      {query.isError && (
        <EmptyState compact color="red" icon={<Icon size={24} />} title={props.loadFailedTitle} description={errorMessage(query.error, t)} />
      )}
      {query.isSuccess && count === 0 && (
        <EmptyState icon={<Icon size={30} />} title={props.empty.title} description={props.empty.description} action={props.empty.action} />
      )}
      <LoadMore query={query} />
    </Paper>
  );
}
