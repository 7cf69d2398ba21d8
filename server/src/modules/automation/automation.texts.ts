/** ROUTE-4's standard warning, as the seeds word it. */
export const INACTIVITY_WARNING = 'O protocolo está próximo de atingir o tempo de inatividade!';

export interface TextVariables {
  contactName: string;
  protocol: string;
  agentName: string | null;
  queuePosition?: number | null;
}

/** Fills `{{contact.name}}`, `{{protocol}}`, `{{agent.name}}`, `{{queue.position}}`; unknown ones stay as written. */
export function renderText(text: string, v: TextVariables): string {
  const values: Record<string, string | null | undefined> = {
    'contact.name': v.contactName,
    protocol: v.protocol,
    'agent.name': v.agentName,
    'queue.position': v.queuePosition == null ? null : String(v.queuePosition),
  };
  return text.replace(/\{\{\s*([a-z.]+)\s*\}\}/g, (whole, name: string) => values[name] ?? (name in values ? '' : whole));
}
