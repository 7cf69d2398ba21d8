export { registerRoutingRoutes } from './routing.routes';
export { registerRoutingListeners, registerRoutingTimers, registerSupervisorSockets } from './routing.listeners';
export { defineRoutingJobs } from './routing.jobs';
export { routeGroup, requestRouting, requestRoutingForAgent, freeCapacity } from './routing.service';
export { getAgentStatesFor, setPresence } from './agent-state.service';
export { agentStates } from './agent-state.schema';
export { registerAgentSockets, defineAgentSocketJobs, DISCONNECT_JOB } from './routing.sockets';
export { lockAgentStates } from './routing.repository';
