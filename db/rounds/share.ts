import type { ShareRule } from '../schema-rounds';

/** One household's claim on a good: what it ordered, in the order the requests came in. */
export interface Claim {
  orderId: number;
  quantity: number;
}

/**
 * A shortage shared out at the gate (pure: the claims in their arrival order in, each order's share
 * out). 'first': first order first served, each gets its whole quantity while the goods last.
 * 'prorata': each gets floor(quantity × delivered ÷ ordered); the units left go one each to the
 * largest remainders, the earlier order first on a tie. Nobody gets more than it ordered; when
 * enough arrived everyone gets its order.
 */
export function shareOut(delivered: number, claims: readonly Claim[], rule: ShareRule): Map<number, number> {
  const ordered = claims.reduce((n, c) => n + c.quantity, 0);
  const shares = new Map<number, number>();
  if (delivered >= ordered) {
    for (const c of claims) shares.set(c.orderId, c.quantity);
    return shares;
  }
  if (rule === 'first') {
    let left = delivered;
    for (const c of claims) {
      const give = Math.min(c.quantity, left);
      shares.set(c.orderId, give);
      left -= give;
    }
    return shares;
  }
  // Integer arithmetic: quantity × delivered fits easily in a double's exact range (≤ 9999 × 10^6).
  const rest: { orderId: number; remainder: number; index: number }[] = [];
  let given = 0;
  claims.forEach((c, index) => {
    const exact = c.quantity * delivered;
    const whole = Math.floor(exact / ordered);
    shares.set(c.orderId, whole);
    given += whole;
    rest.push({ orderId: c.orderId, remainder: exact % ordered, index });
  });
  rest.sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (let i = 0; i < delivered - given; i++) shares.set(rest[i].orderId, shares.get(rest[i].orderId)! + 1);
  return shares;
}
