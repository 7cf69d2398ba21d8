import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { serviceGroupAgents, serviceGroups } from '../service-groups/service-group.schema';
import { users } from '../users/user.schema';
import { workspaces } from '../workspaces/workspace.schema';
import { agentStates } from './agent-state.schema';

// Routing reads the group, its members and the workspace clock in its own queries: they are
// the inputs of one decision, taken under the group's lock, and kept in one place.

export type AgentStateRow = typeof agentStates.$inferSelect;

export async function groupForRouting(tx: Executor, workspaceId: string, groupId: string) {
  const [row] = await tx
    .select({ group: serviceGroups, timeZone: workspaces.timeZone })
    .from(serviceGroups)
    .innerJoin(workspaces, eq(workspaces.id, serviceGroups.workspaceId))
    .where(and(eq(serviceGroups.workspaceId, workspaceId), eq(serviceGroups.id, groupId)));
  return row ?? null;
}

/** Active member agents of a group, with the user fields routing needs. */
export async function membersForRouting(tx: Executor, workspaceId: string, groupId: string) {
  return tx
    .select({ userId: users.id, priority: users.priority, maxConversations: users.maxConversations, workHours: users.workHours })
    .from(serviceGroupAgents)
    .innerJoin(users, eq(users.id, serviceGroupAgents.userId))
    .where(
      and(
        eq(serviceGroupAgents.workspaceId, workspaceId),
        eq(serviceGroupAgents.serviceGroupId, groupId),
        eq(users.status, 'active'),
        inArray(users.role, ['agent', 'supervisor_agent']),
      ),
    );
}

export async function groupIdsOfUser(db: Executor, workspaceId: string, userId: string): Promise<string[]> {
  return groupIdsOfUsers(db, workspaceId, [userId]);
}

/** The active groups any of these agents serves, in one query (a batch freeing many agents). */
export async function groupIdsOfUsers(db: Executor, workspaceId: string, userIds: string[]): Promise<string[]> {
  if (!userIds.length) return [];
  const rows = await db
    .selectDistinct({ id: serviceGroupAgents.serviceGroupId })
    .from(serviceGroupAgents)
    .innerJoin(serviceGroups, eq(serviceGroups.id, serviceGroupAgents.serviceGroupId))
    .where(and(eq(serviceGroupAgents.workspaceId, workspaceId), inArray(serviceGroupAgents.userId, userIds), eq(serviceGroups.status, 'active')));
  return rows.map((r) => r.id);
}

/**
 * Locks agents' state rows in id order. Every assignment path (routing of any group,
 * transfers) takes these locks before counting an agent's load, so two processes can never
 * both fill the same agent past the limit, and the fixed order rules out deadlocks.
 */
export async function lockAgentStates(tx: Executor, workspaceId: string, userIds: string[]): Promise<Map<string, AgentStateRow>> {
  if (!userIds.length) return new Map();
  const rows = await tx
    .select()
    .from(agentStates)
    .where(and(eq(agentStates.workspaceId, workspaceId), inArray(agentStates.userId, userIds)))
    .orderBy(agentStates.userId)
    .for('update');
  return new Map(rows.map((r) => [r.userId, r]));
}

/** The same rows without locking (availability checks that change nothing). */
export async function agentStatesOf(db: Executor, workspaceId: string, userIds: string[]): Promise<Map<string, AgentStateRow>> {
  if (!userIds.length) return new Map();
  const rows = await db.select().from(agentStates).where(and(eq(agentStates.workspaceId, workspaceId), inArray(agentStates.userId, userIds)));
  return new Map(rows.map((r) => [r.userId, r]));
}

export async function findAgentState(db: Executor, workspaceId: string, userId: string): Promise<AgentStateRow | null> {
  const [row] = await db.select().from(agentStates).where(and(eq(agentStates.workspaceId, workspaceId), eq(agentStates.userId, userId)));
  return row ?? null;
}

/** The agent's state row, created offline on first use, locked. */
export async function lockOwnState(tx: Executor, workspaceId: string, userId: string): Promise<AgentStateRow> {
  await tx.insert(agentStates).values({ workspaceId, userId }).onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(agentStates)
    .where(and(eq(agentStates.workspaceId, workspaceId), eq(agentStates.userId, userId)))
    .for('update');
  return row;
}

export async function updateAgentState(tx: Executor, workspaceId: string, userId: string, values: Partial<typeof agentStates.$inferInsert>) {
  const [row] = await tx
    .update(agentStates)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(agentStates.workspaceId, workspaceId), eq(agentStates.userId, userId)))
    .returning();
  return row;
}

export async function touchQueueAssignments(tx: Executor, workspaceId: string, userIds: string[], at: Date) {
  if (!userIds.length) return;
  await tx
    .update(agentStates)
    .set({ lastQueueAssignmentAt: at, updatedAt: sql`now()` })
    .where(and(eq(agentStates.workspaceId, workspaceId), inArray(agentStates.userId, userIds)));
}

export async function setLastAssigned(tx: Executor, workspaceId: string, groupId: string, userId: string) {
  await tx
    .update(serviceGroups)
    .set({ lastAssignedUserId: userId })
    .where(and(eq(serviceGroups.workspaceId, workspaceId), eq(serviceGroups.id, groupId)));
}
