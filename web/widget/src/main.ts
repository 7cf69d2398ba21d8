import { pickLang } from './i18n';
import { AtendeWidget } from './widget';

declare global {
  interface Window {
    /** Lets the site open or close the chat from its own buttons: `Atende.open()`. */
    Atende?: { open(): void; close(): void };
  }
}

/**
 * `<script src="https://atende.example.com/widget.js" data-channel="<channel id>" async>`:
 * the server is where the script came from; `data-lang="en"` overrides the browser language.
 */
(function boot() {
  const script =
    (document.currentScript as HTMLScriptElement | null) ??
    document.querySelector<HTMLScriptElement>('script[data-channel]');
  if (!script || window.Atende) return; // no tag, or the tag twice: one chat per page
  const channelId = script.dataset.channel;
  if (!channelId) {
    console.warn('[Atende] widget.js needs data-channel="<channel id>"');
    return;
  }
  // `data-server` only for development pages, where the script is not served by Atende.
  const base = script.dataset.server ?? new URL(script.src, location.href).href.replace(/\/widget\.js(\?.*)?$/, '');
  const lang = pickLang(script.dataset.lang, navigator.languages?.length ? navigator.languages : [navigator.language]);
  const host = document.createElement('div');
  host.id = 'atende-webchat';
  const widget = new AtendeWidget({ base, channelId, lang, host });
  window.Atende = { open: () => widget.open(), close: () => widget.close() };
  const mount = () => {
    document.body.append(host);
    void widget.start().then((ok) => ok || host.remove());
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
})();
