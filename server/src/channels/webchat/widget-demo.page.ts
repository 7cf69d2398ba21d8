/**
 * `/widget-demo`: a fictional Brazilian store ("Loja Exemplo") with the widget embedded exactly
 * as a customer's site would, so anyone can play the customer on one machine.
 */
export type DemoLang = 'pt-BR' | 'en';

const texts = {
  'pt-BR': {
    title: 'Loja Exemplo — Casa & Cozinha',
    banner: 'Página de demonstração do Atende: aqui você é o cliente. Abra o chat no canto inferior direito.',
    bannerNone: 'Página de demonstração do web chat do Atende.',
    nav: ['Ofertas', 'Cozinha', 'Casa', 'Banho', 'Presentes'],
    search: 'Buscar produtos',
    cart: 'Carrinho',
    heroKicker: 'Semana da Casa',
    heroTitle: 'Até 40% off em utilidades para o seu lar',
    heroText: 'Dúvidas sobre entrega, troca ou pagamento? Fale com a nossa equipe pelo chat — respondemos em minutos.',
    heroCta: 'Ver ofertas',
    perks: ['Frete grátis acima de R$ 199', 'Troca fácil em 30 dias', 'Pix com 5% de desconto', 'Parcele em até 10x sem juros'],
    section: 'Mais vendidos',
    installments: (n: string) => `ou 10x de ${n} sem juros`,
    buy: 'Comprar',
    products: ['Cafeteira italiana 6 xícaras', 'Jogo de panelas antiaderente 5 peças', 'Liquidificador turbo 900 W', 'Kit 4 toalhas de banho 100% algodão'],
    footer: 'Loja Exemplo Comércio de Utilidades Ltda. · CNPJ 00.000.000/0001-00 · São Paulo, SP',
    footerNote: 'Loja fictícia para demonstrar o chat do Atende.',
    lang: 'English',
    langHref: '?lang=en',
    noneTitle: 'Nenhum canal de web chat ativo',
    noneText: 'Para ver o chat em ação, crie um canal de web chat no Atende:',
    noneSteps: [
      'Entre no Atende como administrador.',
      'Abra <b>Administração → Canais</b> e clique em <b>Novo canal</b>.',
      'Escolha <b>Web chat</b>, dê um nome e o grupo de atendimento que vai receber as conversas.',
      'Depois de salvar, use <b>Abrir demonstração</b> ou volte a esta página.',
    ],
    noneCta: 'Abrir o Atende',
  },
  en: {
    title: 'Loja Exemplo — Home & Kitchen',
    banner: 'Atende demo page: here you are the customer. Open the chat in the bottom-right corner.',
    bannerNone: 'Demo page of the Atende web chat.',
    nav: ['Deals', 'Kitchen', 'Home', 'Bath', 'Gifts'],
    search: 'Search products',
    cart: 'Cart',
    heroKicker: 'Home Week',
    heroTitle: 'Up to 40% off on everything for your home',
    heroText: 'Questions about delivery, returns or payment? Talk to our team in the chat — we answer in minutes.',
    heroCta: 'See deals',
    perks: ['Free shipping over R$ 199', 'Easy returns within 30 days', '5% off with Pix', 'Up to 10 interest-free installments'],
    section: 'Best sellers',
    installments: (n: string) => `or 10 × ${n} interest-free`,
    buy: 'Buy',
    products: ['Stovetop espresso maker, 6 cups', 'Non-stick cookware set, 5 pieces', 'Turbo blender 900 W', 'Set of 4 cotton bath towels'],
    footer: 'Loja Exemplo Comércio de Utilidades Ltda. · CNPJ 00.000.000/0001-00 · São Paulo, Brazil',
    footerNote: 'A fictional store demonstrating the Atende web chat.',
    lang: 'Português',
    langHref: '?lang=pt-BR',
    noneTitle: 'No active web chat channel',
    noneText: 'To see the chat in action, create a web chat channel in Atende:',
    noneSteps: [
      'Sign in to Atende as an administrator.',
      'Open <b>Administração → Canais</b> (Administration → Channels) and click <b>New channel</b>.',
      'Choose <b>Web chat</b>, give it a name and the service group that will receive its conversations.',
      'After saving, use <b>Open demo</b> or come back to this page.',
    ],
    noneCta: 'Open Atende',
  },
} as const;

/** Line drawings instead of emoji: every machine renders them the same. */
const draw = (size: number, body: string) =>
  `<svg width="${size}" height="${size}" viewBox="0 0 64 64" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${body}</svg>`;
const art = {
  moka: draw(96, '<path d="M24 8h16l-2 8H26z"/><path d="M22 16h20l4 16H18z"/><path d="M20 32h24l-4 22H24z"/><path d="M44 20h6a4 4 0 0 1 0 8h-5"/><path d="M32 2v4"/>'),
  pan: draw(96, '<ellipse cx="28" cy="34" rx="20" ry="8"/><path d="M8 34v6c0 4.4 9 8 20 8s20-3.6 20-8v-6"/><path d="M48 36l12-4"/><path d="M22 20c0-3 3-3 3-6M30 20c0-3 3-3 3-6"/>'),
  blender: draw(96, '<path d="M20 8h24l-4 30H24z"/><path d="M22 22h20"/><path d="M22 38h20l2 8H20z"/><rect x="18" y="46" width="28" height="12" rx="3"/><circle cx="32" cy="52" r="2"/>'),
  towels: draw(96, '<rect x="10" y="14" width="44" height="12" rx="3"/><rect x="12" y="26" width="40" height="12" rx="3"/><rect x="14" y="38" width="36" height="12" rx="3"/><path d="M10 20h44M12 32h40M14 44h36"/>'),
  home: draw(150, '<path d="M8 30 32 10l24 20"/><path d="M14 26v28h36V26"/><path d="M27 54V40h10v14"/><path d="M44 16v-6h6v11"/>'),
  search: draw(18, '<circle cx="28" cy="28" r="16"/><path d="M40 40l14 14"/>'),
  cart: draw(20, '<path d="M6 10h8l6 30h30l6-20H18"/><circle cx="24" cy="50" r="4"/><circle cx="46" cy="50" r="4"/>'),
  check: `<svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M5 12.5l4.5 4.5L19 7.5"/></svg>`,
};

const prices = [
  { price: 'R$ 189,90', was: 'R$ 249,90', part: 'R$ 18,99', hue: 18, icon: art.moka },
  { price: 'R$ 399,00', was: 'R$ 599,00', part: 'R$ 39,90', hue: 200, icon: art.pan },
  { price: 'R$ 229,90', was: 'R$ 289,90', part: 'R$ 22,99', hue: 145, icon: art.blender },
  { price: 'R$ 119,90', was: 'R$ 159,90', part: 'R$ 11,99', hue: 280, icon: art.towels },
];

const STYLE = `
*{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Ubuntu,sans-serif;color:#1f2937;background:#f7f5f2}
a{color:inherit;text-decoration:none}
.demo{background:#1e293b;color:#e2e8f0;font-size:13px;padding:8px 24px;display:flex;justify-content:space-between;gap:16px;align-items:center}
.demo a{color:#fff;text-decoration:underline}
header{background:#fff;border-bottom:1px solid #ece7e1}
.bar{max-width:1120px;margin:0 auto;padding:18px 24px;display:flex;align-items:center;gap:28px}
.logo{font-weight:800;font-size:22px;letter-spacing:-.5px;color:#9a3412;display:flex;align-items:center;gap:8px}
.logo span{display:inline-grid;place-items:center;width:34px;height:34px;border-radius:10px;background:#ea580c;color:#fff;font-size:18px}
.search{flex:1;max-width:420px;border:1px solid #e5e0da;border-radius:999px;padding:10px 18px;color:#9ca3af;font-size:14px;background:#faf9f7;display:flex;align-items:center;gap:8px}
.cart{margin-left:auto;font-size:14px;font-weight:600;color:#374151;display:flex;align-items:center;gap:8px}
nav{max-width:1120px;margin:0 auto;padding:0 24px 14px;display:flex;flex-wrap:wrap;gap:8px 26px;font-size:14px;font-weight:600;color:#4b5563}
nav a:first-child{color:#ea580c}
.hero{max-width:1120px;margin:28px auto;padding:0 24px}
.hero-card{border-radius:24px;padding:48px 52px;background:linear-gradient(120deg,#fff7ed 0%,#ffedd5 55%,#fed7aa 100%);display:grid;grid-template-columns:1.3fr 1fr;gap:32px;align-items:center}
.kicker{display:inline-block;background:#ea580c;color:#fff;font-size:12px;font-weight:700;letter-spacing:.08em;text-transform:uppercase;padding:6px 12px;border-radius:999px}
h1{font-size:40px;line-height:1.1;margin:16px 0 12px;letter-spacing:-1px;color:#431407}
.hero p{font-size:17px;line-height:1.55;color:#7c2d12;margin:0 0 24px;max-width:520px}
.cta{display:inline-block;background:#9a3412;color:#fff;font-weight:700;padding:14px 26px;border-radius:12px}
.art{height:220px;border-radius:20px;background:radial-gradient(circle at 30% 30%,#fff 0,#fdba74 60%,#fb923c 100%);display:grid;place-items:center;color:#7c2d12;box-shadow:inset 0 -20px 40px rgba(154,52,18,.15)}
.perks{max-width:1120px;margin:0 auto;padding:0 24px;display:grid;grid-template-columns:repeat(4,1fr);gap:14px}
.perk{background:#fff;border:1px solid #ece7e1;border-radius:14px;padding:14px 16px;font-size:14px;font-weight:600;color:#44403c;display:flex;gap:8px;align-items:center}
.perk svg{color:#16a34a;flex:none}
h2{max-width:1120px;margin:36px auto 16px;padding:0 24px;font-size:22px;color:#292524}
.grid{max-width:1120px;margin:0 auto 48px;padding:0 24px;display:grid;grid-template-columns:repeat(4,1fr);gap:20px}
.card{background:#fff;border:1px solid #ece7e1;border-radius:18px;overflow:hidden;display:flex;flex-direction:column}
.pic{height:170px;display:grid;place-items:center}
.info{padding:16px;display:flex;flex-direction:column;gap:6px;flex:1}
.name{font-size:15px;font-weight:600;line-height:1.35;min-height:40px}
.was{font-size:13px;color:#9ca3af;text-decoration:line-through}
.price{font-size:22px;font-weight:800;color:#111827}
.part{font-size:13px;color:#15803d}
.buy{margin-top:10px;text-align:center;border:1.5px solid #ea580c;color:#c2410c;border-radius:10px;padding:9px;font-weight:700;font-size:14px}
footer{background:#292524;color:#d6d3d1;font-size:13px;padding:28px 24px;text-align:center;line-height:1.7}
.none{max-width:620px;margin:72px auto;background:#fff;border:1px solid #ece7e1;border-radius:20px;padding:40px 44px;box-shadow:0 10px 30px rgba(0,0,0,.05)}
.none h1{font-size:26px;letter-spacing:-.3px;margin:0 0 8px;color:#111827}
.none p{color:#4b5563;line-height:1.6}
.none ol{padding-left:22px;color:#374151;line-height:1.9}
.none .cta{margin-top:12px}
@media (max-width:860px){nav{gap:8px 18px}.bar{gap:16px}.hero-card{grid-template-columns:1fr;padding:32px}.art{display:none}.grid,.perks{grid-template-columns:repeat(2,1fr)}h1{font-size:30px}.search{display:none}}
`;

function shell(lang: DemoLang, title: string, body: string) {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title><link rel="icon" href="data:,"><style>${STYLE}</style></head><body>${body}</body></html>`;
}

export function demoPage(lang: DemoLang, channelId: string, widgetLang: DemoLang | null): string {
  const t = texts[lang];
  const cards = prices
    .map(
      (p, i) => `<article class="card"><div class="pic" style="background:linear-gradient(160deg,hsl(${p.hue} 80% 96%),hsl(${p.hue} 70% 86%));color:hsl(${p.hue} 45% 32%)">${p.icon}</div>
<div class="info"><div class="name">${t.products[i]}</div><div class="was">${p.was}</div><div class="price">${p.price}</div>
<div class="part">${t.installments(p.part)}</div><a class="buy" href="#">${t.buy}</a></div></article>`,
    )
    .join('');
  const body = `<div class="demo"><span>${t.banner}</span><a href="${t.langHref}${channelId ? `&channel=${channelId}` : ''}">${t.lang}</a></div>
<header><div class="bar"><a class="logo" href="#"><span>L</span>Loja Exemplo</a><div class="search">${art.search} ${t.search}</div><div class="cart">${art.cart} ${t.cart} (0)</div></div>
<nav>${t.nav.map((n) => `<a href="#">${n}</a>`).join('')}</nav></header>
<section class="hero"><div class="hero-card"><div><span class="kicker">${t.heroKicker}</span><h1>${t.heroTitle}</h1><p>${t.heroText}</p><a class="cta" href="#">${t.heroCta}</a></div><div class="art">${art.home}</div></div></section>
<section class="perks">${t.perks.map((p) => `<div class="perk">${art.check} ${p}</div>`).join('')}</section>
<h2>${t.section}</h2><section class="grid">${cards}</section>
<footer>${t.footer}<br>${t.footerNote}</footer>
<script src="/widget.js" data-channel="${channelId}"${widgetLang ? ` data-lang="${widgetLang}"` : ''} async></script>`;
  return shell(lang, t.title, body);
}

export function noChannelPage(lang: DemoLang): string {
  const t = texts[lang];
  const body = `<div class="demo"><span>${t.bannerNone}</span><a href="${t.langHref}">${t.lang}</a></div>
<div class="none"><h1>${t.noneTitle}</h1><p>${t.noneText}</p><ol>${t.noneSteps.map((s) => `<li>${s}</li>`).join('')}</ol>
<a class="cta" href="/">${t.noneCta}</a></div>`;
  return shell(lang, t.title, body);
}
