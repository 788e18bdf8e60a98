/**
 * Platt scaling as libsvm does it (sigmoid_train, Lin, Lin & Weng 2007): fits p(malicious | f) =
 * 1 / (1 + exp(a f + b)) by Newton's method with backtracking on regularised targets. Fitting it on
 * out-of-fold decision values gives probability outputs without libsvm's extra internal 5-fold run
 * (`-b 1`), which would multiply training time by about six.
 */
export function fitPlatt(decisions: ArrayLike<number>, labels: ArrayLike<number>): { a: number; b: number } {
  const n = decisions.length;
  let prior1 = 0;
  for (let i = 0; i < n; i++) if (labels[i] === 1) prior1++;
  const prior0 = n - prior1;
  const hi = (prior1 + 1) / (prior1 + 2);
  const lo = 1 / (prior0 + 2);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = labels[i] === 1 ? hi : lo;
  const f = (i: number): number => decisions[i] ?? 0;
  const objective = (a: number, b: number): number => {
    let v = 0;
    for (let i = 0; i < n; i++) {
      const z = f(i) * a + b;
      const ti = t[i] ?? 0;
      v += z >= 0 ? ti * z + Math.log1p(Math.exp(-z)) : (ti - 1) * z + Math.log1p(Math.exp(z));
    }
    return v;
  };
  let a = 0;
  let b = Math.log((prior0 + 1) / (prior1 + 1));
  let fval = objective(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let h11 = 1e-12;
    let h22 = 1e-12;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < n; i++) {
      const fi = f(i);
      const z = fi * a + b;
      const p = z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
      const q = 1 - p;
      const d2 = p * q;
      h11 += fi * fi * d2;
      h22 += d2;
      h21 += fi * d2;
      const d1 = (t[i] ?? 0) - p;
      g1 += fi * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    while (step >= 1e-10) {
      const na = a + step * dA;
      const nb = b + step * dB;
      const nf = objective(na, nb);
      if (nf < fval + 0.0001 * step * gd) {
        a = na;
        b = nb;
        fval = nf;
        break;
      }
      step /= 2;
    }
    if (step < 1e-10) break;
  }
  return { a, b };
}

/** The fitted sigmoid, computed without overflow. */
export function plattProbability(f: number, platt: { a: number; b: number }): number {
  const z = f * platt.a + platt.b;
  return z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
}

/**
 * Writes probA/probB into libsvm model text (libsvm orients them to the model's first label), so the
 * stored model also gives probabilities in `svm-predict -b 1` and libsvm-js.
 */
export function withProbabilityLines(
  modelText: string,
  platt: { a: number; b: number },
  sign: 1 | -1,
): string {
  const probB = sign === 1 ? platt.b : -platt.b;
  return modelText.replace(/^nr_sv /m, `probA ${platt.a}\nprobB ${probB}\nnr_sv `);
}
