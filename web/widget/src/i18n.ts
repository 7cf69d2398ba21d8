/** The widget's own texts: it runs on customers' sites, far from the app's i18next. */
const pt = {
  open: 'Abrir o chat',
  close: 'Fechar o chat',
  online: 'Online',
  offline: 'Offline',
  prechatIntro: 'Para começar, diga como podemos te chamar e como falar com você se a conversa cair.',
  name: 'Seu nome',
  phone: 'Telefone (WhatsApp)',
  email: 'E-mail',
  phoneOrEmail: 'Informe um telefone ou um e-mail.',
  start: 'Iniciar conversa',
  starting: 'Iniciando…',
  composer: 'Escreva sua mensagem',
  send: 'Enviar',
  attach: 'Anexar arquivo',
  typing: 'digitando…',
  you: 'Você',
  today: 'Hoje',
  yesterday: 'Ontem',
  sending: 'Enviando…',
  sent: 'Enviada',
  delivered: 'Entregue',
  read: 'Lida',
  failed: 'Não enviada',
  retry: 'Tentar de novo',
  discard: 'Descartar',
  reconnecting: 'Reconectando… suas mensagens serão enviadas assim que a conexão voltar.',
  tooLarge: 'O arquivo passa de 16 MB.',
  typeNotAllowed: 'Este tipo de arquivo não é aceito.',
  genericError: 'Não foi possível enviar. Tente de novo.',
  required: 'Obrigatório.',
  invalidPhone: 'Telefone inválido. Use DDD + número.',
  invalidEmail: 'E-mail inválido.',
  tooMany: 'Muitas tentativas. Aguarde um minuto.',
  unavailable: 'O chat está indisponível no momento.',
  download: 'Baixar',
  newMessages: (n: number) => (n === 1 ? '1 nova mensagem' : `${n} novas mensagens`),
  poweredBy: 'Atendimento por Atende',
};
type Dict = typeof pt;

const en: Dict = {
  open: 'Open chat',
  close: 'Close chat',
  online: 'Online',
  offline: 'Offline',
  prechatIntro: 'To start, tell us your name and how to reach you if the chat drops.',
  name: 'Your name',
  phone: 'Phone (WhatsApp)',
  email: 'E-mail',
  phoneOrEmail: 'Enter a phone number or an e-mail.',
  start: 'Start chat',
  starting: 'Starting…',
  composer: 'Type your message',
  send: 'Send',
  attach: 'Attach a file',
  typing: 'typing…',
  you: 'You',
  today: 'Today',
  yesterday: 'Yesterday',
  sending: 'Sending…',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Not sent',
  retry: 'Try again',
  discard: 'Discard',
  reconnecting: 'Reconnecting… your messages will be sent as soon as the connection is back.',
  tooLarge: 'The file is larger than 16 MB.',
  typeNotAllowed: 'This file type is not accepted.',
  genericError: 'Could not send. Please try again.',
  required: 'Required.',
  invalidPhone: 'Invalid phone number. Include the area code.',
  invalidEmail: 'Invalid e-mail.',
  tooMany: 'Too many attempts. Please wait a minute.',
  unavailable: 'The chat is unavailable right now.',
  download: 'Download',
  newMessages: (n: number) => (n === 1 ? '1 new message' : `${n} new messages`),
  poweredBy: 'Service by Atende',
};

export type Lang = 'pt-BR' | 'en';
export type Texts = Dict;

/** `data-lang` wins; otherwise the browser's language; Portuguese unless it is English. */
export function pickLang(given: string | null | undefined, browser: readonly string[]): Lang {
  const first = (given || browser[0] || 'pt-BR').toLowerCase();
  return first.startsWith('en') ? 'en' : 'pt-BR';
}

export const textsFor = (lang: Lang): Texts => (lang === 'en' ? en : pt);
