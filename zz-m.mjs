const m = await import('./scripts/size.mjs');
const s = await m.measure();
console.log('own', s.own, 'initial', s.initial, 'budget', m.budgets.own);
