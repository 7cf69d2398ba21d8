export { registerAutomation } from './automation.listeners';
export { TIMER as AUTOMATION_TIMERS } from './automation.timers';
export { renderText, INACTIVITY_WARNING } from './automation.texts';
