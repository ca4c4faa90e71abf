const t0 = performance.now();
const steps = process.argv.slice(2);
let prev = t0; const out=[];
for (const s of steps) { await import(s.startsWith('.')? new URL(s, 'file:///work/wt-coldstart/').href : s); const t=performance.now(); out.push(`${(t-prev).toFixed(1).padStart(6)} ${s}`); prev=t; }
console.log(out.join('\n')); console.log('total', (prev-t0).toFixed(1), 'since process start', performance.now().toFixed(1));
