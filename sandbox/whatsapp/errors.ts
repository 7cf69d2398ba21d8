import { randomBytes } from 'node:crypto';

/** Meta's error JSON (protocols.md §1.7): build logic on `code` and `error_data.details`. */

interface Known {
  http: number;
  title: string;
  details: string;
}

const KNOWN: Record<number, Known> = {
  4: { http: 429, title: 'Application request limit reached', details: 'Too many API calls from this app.' },
  10: { http: 403, title: 'Permission denied', details: 'The app does not have permission for this action.' },
  100: { http: 400, title: 'Invalid parameter', details: 'A parameter is invalid or missing.' },
  190: { http: 401, title: 'Error validating access token', details: 'The access token is invalid or has expired.' },
  368: { http: 403, title: 'Temporarily blocked for policies violations', details: 'The account is temporarily blocked.' },
  80007: { http: 400, title: 'Rate limit issues', details: 'The WhatsApp Business Account reached its rate limit.' },
  130429: {
    http: 400,
    title: 'Rate limit hit',
    details: 'Message failed to send because there were too many messages sent from this phone number in a short period of time',
  },
  131000: { http: 500, title: 'Something went wrong', details: 'Message failed to send due to an unknown error.' },
  131009: { http: 400, title: 'Parameter value is not valid', details: 'One or more parameter values are invalid.' },
  131026: {
    http: 400,
    title: 'Message undeliverable',
    details: 'Unable to deliver message. The recipient may not be a WhatsApp user or may use an old app.',
  },
  131047: {
    http: 400,
    title: 'Re-engagement message',
    details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  },
  131053: { http: 400, title: 'Media upload error', details: 'Unable to upload the media used in the message.' },
  131056: {
    http: 400,
    title: '(Business Account, Consumer Account) pair rate limit hit',
    details: 'Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.',
  },
  132000: { http: 400, title: 'Number of parameters does not match the expected number of params', details: 'The number of body parameters does not match the template.' },
  132001: { http: 400, title: 'Template name does not exist in the translation', details: 'The template does not exist in the language given, or is not approved.' },
  132015: { http: 400, title: 'Template is Paused', details: 'The template is paused due to low quality.' },
  132016: { http: 400, title: 'Template is Disabled', details: 'The template has been disabled due to low quality.' },
};

export class GraphError extends Error {
  constructor(
    readonly code: number,
    readonly details: string,
    readonly http: number,
    readonly title: string,
  ) {
    super(`(#${code}) ${title}`);
  }

  body() {
    return {
      error: {
        message: this.message,
        type: 'OAuthException',
        code: this.code,
        error_data: { messaging_product: 'whatsapp', details: this.details },
        fbtrace_id: randomBytes(12).toString('base64').replace(/[+/=]/g, 'A'),
      },
    };
  }
}

/** An error with Meta's title and HTTP status for the code; `details` overrides the default text. */
export function graphError(code: number, details?: string): GraphError {
  const k = KNOWN[code] ?? { http: code >= 500 && code < 600 ? code : 400, title: 'Error', details: `Error ${code}` };
  return new GraphError(code, details ?? k.details, k.http, k.title);
}

export const errorTitle = (code: number) => KNOWN[code]?.title ?? 'Error';
