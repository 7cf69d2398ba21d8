import { ApiError, type Api } from './api';
import type { Texts } from './i18n';
import type { Frame } from './view';

type Field = 'name' | 'phone' | 'email';
type Problems = Partial<Record<Field, string>>;

/**
 * The pre-chat form: a name and a phone or an e-mail. Checked here first for a quick answer,
 * then by the server, whose field errors land next to their inputs.
 */
export class PrechatForm {
  constructor(
    private readonly frame: Frame,
    private readonly t: Texts,
    private readonly api: Api,
    private readonly started: (token: string, name: string) => void,
  ) {
    frame.prechat.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.submit();
    });
  }

  private value = (k: Field) => this.frame.fields[k].input.value.trim();

  private async submit() {
    const { formError, submit } = this.frame;
    const problems: Problems = {};
    if (!this.value('name')) problems.name = this.t.required;
    const noContact = !this.value('phone') && !this.value('email');
    this.show(problems, noContact);
    formError.textContent = '';
    if (problems.name || noContact) return this.focusFirstInvalid();

    submit.disabled = true;
    submit.textContent = this.t.starting;
    try {
      const { visitorToken } = await this.api.startSession({
        name: this.value('name'),
        phone: this.value('phone') || undefined,
        email: this.value('email') || undefined,
      });
      this.started(visitorToken, this.value('name'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.fields.length) {
        const server: Problems = {};
        for (const fe of err.fields) {
          if (fe.path === 'name') server.name = this.t.required;
          if (fe.path === 'phone' && fe.message.includes('invalid')) server.phone = this.t.invalidPhone;
          if (fe.path === 'email' && fe.message.includes('invalid')) server.email = this.t.invalidEmail;
        }
        this.show(server, err.fields.some((fe) => fe.path !== 'name' && fe.message.includes('required')));
        this.focusFirstInvalid();
      } else {
        formError.textContent = err instanceof ApiError && err.status === 429 ? this.t.tooMany : this.t.unavailable;
      }
    } finally {
      submit.disabled = false;
      submit.textContent = this.t.start;
    }
  }

  private show(problems: Problems, noContact: boolean) {
    for (const k of ['name', 'phone', 'email'] as const) {
      const { input, error } = this.frame.fields[k];
      input.setAttribute('aria-invalid', String(!!problems[k] || (noContact && k !== 'name')));
      error.textContent = problems[k] ?? '';
    }
    this.frame.hint.classList.toggle('bad', noContact);
  }

  private focusFirstInvalid() {
    const bad = (['name', 'phone', 'email'] as const).find((k) => this.frame.fields[k].input.getAttribute('aria-invalid') === 'true');
    if (bad) this.frame.fields[bad].input.focus();
  }
}
