export { registerAutomation } from './automation.listeners';
export { TIMER as AUTOMATION_TIMERS } from './automation.service';
export { renderText, INACTIVITY_WARNING } from './automation.texts';
