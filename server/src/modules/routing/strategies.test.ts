import { describe, expect, it } from 'vitest';
import { chooseAgent, isEligible, type AgentCandidate } from './strategies';

const T = (min: number) => new Date(Date.UTC(2026, 10, 21, 12, min));
const agent = (userId: string, over: Partial<AgentCandidate> = {}): AgentCandidate => ({
  userId,
  online: true,
  paused: false,
  withinWorkHours: true,
  active: 0,
  maxConversations: 3,
  priority: 0,
  lastQueueAssignmentAt: null,
  handlingSecondsToday: 0,
  conversationsToday: 0,
  ...over,
});
const pick = (strategy: Parameters<typeof chooseAgent>[0], agents: AgentCandidate[], last: string | null = null, random?: () => number) =>
  chooseAgent(strategy, agents, { lastAssignedUserId: last, random });

describe('eligibility (ROUTE-2: never above the limit, never paused, offline or off-hours)', () => {
  it('refuses offline, paused, off-hours and full agents', () => {
    expect(isEligible(agent('a'))).toBe(true);
    expect(isEligible(agent('a', { online: false }))).toBe(false);
    expect(isEligible(agent('a', { paused: true }))).toBe(false);
    expect(isEligible(agent('a', { withinWorkHours: false }))).toBe(false);
    expect(isEligible(agent('a', { active: 3, maxConversations: 3 }))).toBe(false);
    expect(isEligible(agent('a', { active: 0, maxConversations: 0 }))).toBe(false);
  });

  it('no strategy picks an ineligible agent, and none picks anyone when nobody is eligible', () => {
    const blocked = [agent('a', { online: false, priority: 9 }), agent('b', { paused: true }), agent('c', { withinWorkHours: false }), agent('d', { active: 3 })];
    for (const s of ['circular', 'random', 'priority', 'least_handling_time', 'least_conversations', 'longest_idle'] as const) {
      expect(pick(s, blocked)).toBeNull();
      expect(pick(s, [...blocked, agent('e')], null, () => 0.99)).toBe('e');
    }
  });
});

describe('circular: round robin over logged-in agents', () => {
  const ring = [agent('b'), agent('a'), agent('c')];
  it('starts at the first agent and follows the fixed order after the last one served', () => {
    expect(pick('circular', ring)).toBe('a');
    expect(pick('circular', ring, 'a')).toBe('b');
    expect(pick('circular', ring, 'b')).toBe('c');
  });
  it('wraps around after the last agent', () => {
    expect(pick('circular', ring, 'c')).toBe('a');
  });
  it('skips agents who cannot take one, and a last agent who left the ring', () => {
    const withPaused = [agent('a'), agent('b', { paused: true }), agent('c')];
    expect(pick('circular', withPaused, 'a')).toBe('c');
    expect(pick('circular', [agent('a'), agent('c')], 'b')).toBe('c');
  });
});

describe('random', () => {
  it('picks uniformly among eligible agents only', () => {
    const agents = [agent('a'), agent('x', { online: false }), agent('b'), agent('c')];
    expect(pick('random', agents, null, () => 0)).toBe('a');
    expect(pick('random', agents, null, () => 0.4)).toBe('b');
    expect(pick('random', agents, null, () => 0.9999)).toBe('c');
  });
  it('spreads over every eligible agent', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) seen.add(pick('random', [agent('a'), agent('b'), agent('c')], null, () => i / 30)!);
    expect([...seen].sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('agent priority: higher priority first', () => {
  it('chooses the highest priority', () => {
    expect(pick('priority', [agent('a', { priority: 1 }), agent('b', { priority: 5 }), agent('c', { priority: 3 })])).toBe('b');
  });
  it('passes over a higher priority agent who is full', () => {
    expect(pick('priority', [agent('a', { priority: 1 }), agent('b', { priority: 5, active: 3 })])).toBe('a');
  });
  it('breaks ties by longest idle', () => {
    expect(pick('priority', [agent('a', { priority: 5, lastQueueAssignmentAt: T(10) }), agent('b', { priority: 5, lastQueueAssignmentAt: T(5) })])).toBe('b');
  });
});

describe('least handling time: the agent with the least time in service', () => {
  it('chooses the least time in service', () => {
    expect(pick('least_handling_time', [agent('a', { handlingSecondsToday: 600 }), agent('b', { handlingSecondsToday: 60 })])).toBe('b');
  });
  it('breaks ties by longest idle', () => {
    expect(pick('least_handling_time', [agent('a', { lastQueueAssignmentAt: T(2) }), agent('b', { lastQueueAssignmentAt: T(1) })])).toBe('b');
  });
});

describe('least number of conversations: the fewest conversations in total', () => {
  it('chooses the fewest', () => {
    expect(pick('least_conversations', [agent('a', { conversationsToday: 4 }), agent('b', { conversationsToday: 2 }), agent('c', { conversationsToday: 3 })])).toBe('b');
  });
  it('counts the day total, not the current load', () => {
    expect(pick('least_conversations', [agent('a', { conversationsToday: 1, active: 1 }), agent('b', { conversationsToday: 5, active: 0 })])).toBe('a');
  });
  it('breaks ties by longest idle, then by id', () => {
    expect(pick('least_conversations', [agent('b'), agent('a')])).toBe('a');
  });
});

describe('longest idle (the default): the longest-waiting conversation to the agent longest without one from the queue', () => {
  it('chooses the agent whose last queue conversation is oldest', () => {
    expect(pick('longest_idle', [agent('a', { lastQueueAssignmentAt: T(30) }), agent('b', { lastQueueAssignmentAt: T(10) }), agent('c', { lastQueueAssignmentAt: T(20) })])).toBe('b');
  });
  it('puts an agent who never received one first', () => {
    expect(pick('longest_idle', [agent('a', { lastQueueAssignmentAt: T(1) }), agent('b')])).toBe('b');
  });
  it('ignores load as long as the agent is below the limit', () => {
    expect(pick('longest_idle', [agent('a', { active: 2, lastQueueAssignmentAt: T(1) }), agent('b', { active: 0, lastQueueAssignmentAt: T(5) })])).toBe('a');
  });
  it('never gives above the limit, nor to paused, offline or off-hours agents', () => {
    const agents = [
      agent('full', { active: 3 }),
      agent('paused', { paused: true }),
      agent('offline', { online: false }),
      agent('offhours', { withinWorkHours: false }),
      agent('ok', { lastQueueAssignmentAt: T(50) }),
    ];
    expect(pick('longest_idle', agents)).toBe('ok');
  });
});
