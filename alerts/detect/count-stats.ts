/**
 * Count statistics the detectors need: the negative-binomial noise model (variance, signed deviance
 * residual, probability of an empty bucket) and a one-sided binomial tail for the share test.
 * Negative binomial with mean `mean` and dispersion `phi`: variance = mean + phi · mean².
 */

/** Variance of a count under the negative binomial. */
export function nbVariance(mean: number, phi: number): number {
  return mean + phi * mean * mean;
}

/**
 * Signed deviance residual of count `x` against mean `mean`: close to a standard normal even for small
 * counts (unlike (x − mean) / sd, which is badly skewed below ~10), so one threshold fits sparse and busy
 * series alike.
 */
export function nbDevianceResidual(x: number, mean: number, phi: number): number {
  const m = Math.max(mean, 1e-9);
  let d: number;
  if (phi < 1e-8) {
    d = x > 0 ? 2 * (x * Math.log(x / m) - (x - m)) : 2 * m;
  } else {
    const r = 1 / phi;
    const tail = (x + r) * Math.log((1 + phi * x) / (1 + phi * m));
    d = x > 0 ? 2 * (x * Math.log(x / m) - tail) : 2 * r * Math.log(1 + phi * m);
  }
  const root = Math.sqrt(Math.max(0, d));
  return x >= m ? root : -root;
}

/** Natural log of the probability of a zero count. */
export function nbLogZeroProbability(mean: number, phi: number): number {
  return phi < 1e-8 ? -mean : -Math.log1p(phi * mean) / phi;
}

/** E[min(Z², c²)] for a standard normal Z: keeps a clipped variance estimate consistent. */
export function clippedSquareMean(c: number): number {
  // Simpson's rule over [0, c] of z² φ(z), doubled, plus c² P(|Z| > c).
  const steps = 400;
  const h = c / steps;
  const f = (z: number): number => (z * z * Math.exp((-z * z) / 2)) / Math.sqrt(2 * Math.PI);
  let s = f(0) + f(c);
  for (let i = 1; i < steps; i++) s += (i % 2 ? 4 : 2) * f(i * h);
  const inner = (2 * s * h) / 3;
  return inner + c * c * (1 - normalCdf(c)) * 2;
}

/** Standard normal CDF (Abramowitz–Stegun 26.2.17, |error| < 7.5e-8). */
export function normalCdf(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const poly =
    t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  const upper = (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)) * poly;
  return z >= 0 ? 1 - upper : upper;
}

/**
 * P(X ≥ k) for X ~ Binomial(n, p), for real (design-effect scaled) k and n: the regularized incomplete
 * beta I_p(k, n − k + 1).
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return regularizedBeta(p, k, n - k + 1);
}

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9).
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const xx = x - 1;
  let a = c[0]!;
  const t = xx + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (xx + i);
  return 0.5 * Math.log(2 * Math.PI) + (xx + 0.5) * Math.log(t) - t + Math.log(a);
}

/** I_x(a, b) by Lentz's continued fraction, using the symmetry relation for fast convergence. */
function regularizedBeta(x: number, a: number, b: number): number {
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  if (x > (a + 1) / (a + b + 2)) return 1 - (front * betaFraction(1 - x, b, a)) / b;
  return (front * betaFraction(x, a, b)) / a;
}

function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let f = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let num = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + num * d;
    c = 1 + num / c;
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = Math.abs(c) < tiny ? tiny : c;
    f *= d * c;
    num = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + num * d;
    c = 1 + num / c;
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = Math.abs(c) < tiny ? tiny : c;
    const delta = d * c;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-12) break;
  }
  return f;
}
