/** Everything lives in a shadow root: the site's CSS cannot reach in, ours cannot leak out. */
export const STYLES = `
:host{all:initial}
*{box-sizing:border-box}
.root{position:fixed;right:20px;bottom:20px;z-index:2147483000;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Ubuntu,"Helvetica Neue",Arial,sans-serif;font-size:14px;line-height:1.45;color:#1f2937;-webkit-font-smoothing:antialiased}
button{font:inherit;cursor:pointer}
button:focus-visible,textarea:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid color-mix(in srgb,var(--brand) 45%,transparent);outline-offset:2px}
.launcher{width:60px;height:60px;border-radius:50%;border:0;background:var(--brand);color:var(--on-brand);display:grid;place-items:center;box-shadow:0 8px 24px rgba(0,0,0,.22),0 2px 6px rgba(0,0,0,.12);transition:transform .15s ease;position:relative;margin-left:auto}
.launcher:hover{transform:scale(1.05)}
.badge[hidden]{display:none}
.badge{position:absolute;top:-4px;right:-4px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#dc2626;color:#fff;font-size:12px;font-weight:700;display:grid;place-items:center;border:2px solid #fff}
.panel{position:absolute;right:0;bottom:76px;width:380px;height:min(640px,calc(100vh - 110px));background:#fff;border-radius:18px;box-shadow:0 18px 50px rgba(15,23,42,.28),0 2px 8px rgba(15,23,42,.08);display:flex;flex-direction:column;overflow:hidden;transform-origin:bottom right;animation:pop .18s ease-out}
.panel[hidden]{display:none}
@keyframes pop{from{opacity:0;transform:translateY(8px) scale(.98)}to{opacity:1;transform:none}}
.head{background:var(--brand);color:var(--on-brand);padding:16px 14px 16px 18px;display:flex;align-items:center;gap:12px;flex:none}
.avatar{width:40px;height:40px;border-radius:50%;background:color-mix(in srgb,var(--on-brand) 18%,transparent);display:grid;place-items:center;flex:none}
.avatar svg{width:22px;height:22px}
.titles{flex:1;min-width:0}
.title{font-size:16px;font-weight:700;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.presence{font-size:12.5px;opacity:.92;display:flex;align-items:center;gap:6px}
.dot{width:8px;height:8px;border-radius:50%;background:#9ca3af;box-shadow:0 0 0 2px color-mix(in srgb,var(--on-brand) 35%,transparent)}
.dot.on{background:#22c55e}
.icon-btn{border:0;background:transparent;color:inherit;width:36px;height:36px;border-radius:10px;display:grid;place-items:center;flex:none}
.head .icon-btn:hover{background:color-mix(in srgb,var(--on-brand) 15%,transparent)}
.notice{padding:10px 16px;font-size:13px;line-height:1.4;flex:none;display:flex;gap:8px;align-items:flex-start}
.notice[hidden]{display:none}
.notice svg{flex:none;margin-top:2px}
.offline{background:#fffbeb;color:#92400e;border-bottom:1px solid #fde68a}
.conn{background:#f1f5f9;color:#334155;border-bottom:1px solid #e2e8f0}
.body{flex:1;overflow-y:auto;background:#f8fafc;overscroll-behavior:contain}
.prechat{padding:16px 18px;display:flex;flex-direction:column;gap:10px}
.prechat[hidden],.log[hidden],.composer[hidden]{display:none}
.welcome{background:#fff;border:1px solid #e5e7eb;border-radius:4px 16px 16px 16px;padding:10px 14px;color:#111827;max-width:88%;box-shadow:0 1px 1px rgba(0,0,0,.03);white-space:pre-wrap;overflow-wrap:anywhere}
.intro{margin:4px 0 2px;color:#4b5563;font-size:13.5px}
.field{display:flex;flex-direction:column;gap:4px}
.field label{font-size:13px;font-weight:600;color:#374151}
.field input{height:40px;border:1px solid #d1d5db;border-radius:10px;padding:0 12px;font:inherit;font-size:15px;color:#111827;background:#fff}
.field input[aria-invalid="true"]{border-color:#dc2626;background:#fef2f2}
.field .err{font-size:12.5px;color:#b91c1c;min-height:0}
.hint{font-size:12.5px;color:#6b7280;margin-top:-4px}
.hint.bad{color:#b91c1c}
.primary{height:42px;border:0;border-radius:10px;background:var(--brand);color:var(--on-brand);font-weight:700;font-size:15px;margin-top:4px}
.primary:disabled{opacity:.6;cursor:default}
.form-error{font-size:13px;color:#b91c1c}
.log{padding:14px 14px 8px;display:flex;flex-direction:column;gap:2px}
.day{align-self:center;font-size:12px;color:#6b7280;background:#eef2f7;border-radius:999px;padding:3px 10px;margin:10px 0 6px}
.msg{display:flex;flex-direction:column;max-width:82%;margin-top:6px}
.msg.in{align-self:flex-end;align-items:flex-end}
.msg.out{align-self:flex-start;align-items:flex-start}
.msg.cont{margin-top:2px}
.author{font-size:12px;font-weight:600;color:#6b7280;margin:0 0 3px 4px}
.bubble{padding:8px 12px 6px;border-radius:16px;box-shadow:0 1px 1px rgba(0,0,0,.04);overflow-wrap:anywhere;white-space:pre-wrap;max-width:100%}
.in .bubble{background:var(--brand);color:var(--on-brand);border-bottom-right-radius:4px}
.out .bubble{background:#fff;color:#111827;border:1px solid #e5e7eb;border-bottom-left-radius:4px}
.meta{display:flex;justify-content:flex-end;align-items:center;gap:4px;font-size:11px;margin-top:2px;opacity:.78;white-space:nowrap}
.ticks{display:inline-flex}
.in .meta:has(.ticks.read){opacity:1}
.ticks.read{color:#38bdf8;filter:drop-shadow(0 0 1.5px #fff) drop-shadow(0 0 .5px #fff)}
.out .ticks.read{color:#0284c7}
.ticks.failed{color:#fecaca}
.img{display:block;border-radius:10px;max-width:100%;max-height:240px;min-width:120px;min-height:80px;background:color-mix(in srgb,currentColor 12%,transparent);margin:2px 0 4px;object-fit:cover;cursor:zoom-in}
.chip{display:flex;align-items:center;gap:10px;padding:8px 10px;margin:2px 0 4px;border-radius:10px;background:color-mix(in srgb,currentColor 10%,transparent);color:inherit;text-decoration:none;min-width:200px;border:0;text-align:left;width:100%}
.chip .fname{font-weight:600;font-size:13px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;max-width:170px;display:block}
.chip .fsize{font-size:11.5px;opacity:.8}
.chip .dl{margin-left:auto;opacity:.85;display:inline-flex}
.failed-note{font-size:12px;color:#b91c1c;margin-top:3px;display:flex;gap:8px;align-items:center;flex-wrap:wrap;justify-content:flex-end}
.link{border:0;background:none;color:#1d4ed8;text-decoration:underline;padding:0;font-size:12px}
.typing{padding:0 16px 8px;background:#f8fafc;font-size:12.5px;color:#6b7280;display:flex;align-items:center;gap:8px;flex:none}
.typing[hidden]{display:none}
.dots{display:inline-flex;gap:3px;background:#fff;border:1px solid #e5e7eb;border-radius:12px;padding:7px 9px}
.dots i{width:6px;height:6px;border-radius:50%;background:#9ca3af;animation:blink 1.2s infinite both}
.dots i:nth-child(2){animation-delay:.2s}.dots i:nth-child(3){animation-delay:.4s}
@keyframes blink{0%,80%,100%{opacity:.3;transform:translateY(0)}40%{opacity:1;transform:translateY(-2px)}}
.composer{display:flex;align-items:flex-end;gap:6px;padding:10px 10px 10px 8px;border-top:1px solid #e5e7eb;background:#fff;flex:none}
.composer textarea{flex:1;resize:none;border:1px solid #d1d5db;border-radius:12px;padding:9px 12px;font:inherit;font-size:14.5px;line-height:1.4;max-height:120px;min-height:40px;color:#111827;background:#fff}
.composer .icon-btn{color:#6b7280;height:40px;width:38px}
.composer .icon-btn:hover{background:#f3f4f6;color:#111827}
.send{border:0;width:40px;height:40px;border-radius:12px;background:var(--brand);color:var(--on-brand);display:grid;place-items:center;flex:none}
.send:disabled{opacity:.45;cursor:default}
.footer{font-size:11px;color:#9ca3af;text-align:center;padding:0 0 8px;background:#fff;flex:none}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:480px){.root{right:12px;bottom:12px}.panel{position:fixed;inset:0;width:auto;height:auto;border-radius:0;bottom:0}.root.open .launcher{display:none}}
@media (prefers-reduced-motion:reduce){.panel,.launcher,.dots i{animation:none;transition:none}}
`;
