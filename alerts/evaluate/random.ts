/** Seeded random numbers for the synthetic series: the same seed gives the same series everywhere. */

/** A seeded generator of uniform, normal, gamma and Poisson variates (mulberry32 underneath). */
export interface Random {
  uniform(): number;
  between(lo: number, hi: number): number;
  int(lo: number, hiExclusive: number): number;
  normal(): number;
  gamma(shape: number): number;
  poisson(mean: number): number;
}

/** A generator for `seed`. */
export function createRandom(seed: number): Random {
  let a = seed >>> 0 || 0x9e3779b9;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    const u = uniform() || 1e-12;
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
  const gamma = (shape: number): number => {
    // Marsaglia–Tsang; shape < 1 by the boost U^(1/shape).
    if (shape < 1) return gamma(shape + 1) * Math.pow(uniform() || 1e-12, 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = normal();
      const v = Math.pow(1 + c * x, 3);
      if (v <= 0) continue;
      const u = uniform();
      if (Math.log(u || 1e-12) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  const poisson = (mean: number): number => {
    if (mean <= 0) return 0;
    if (mean > 60) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let prod = uniform();
    while (prod > limit) {
      k++;
      prod *= uniform();
    }
    return k;
  };
  return {
    uniform,
    between: (lo, hi) => lo + (hi - lo) * uniform(),
    int: (lo, hi) => lo + Math.floor((hi - lo) * uniform()),
    normal,
    gamma,
    poisson,
  };
}
