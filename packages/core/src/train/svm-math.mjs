// Plain JavaScript on purpose: the SVM worker threads load this file directly (no TypeScript loader
// in a worker, under tsx or vitest alike), and the TypeScript side imports the same code through
// svm-math.d.mts, so training and prediction share one implementation.

/** Min/max of each column over the given rows of a row-major matrix. */
export function fitScaler(X, d, rows) {
  const min = new Array(d).fill(Infinity);
  const max = new Array(d).fill(-Infinity);
  for (const r of rows) {
    const o = r * d;
    for (let j = 0; j < d; j++) {
      const v = X[o + j];
      if (v < min[j]) min[j] = v;
      if (v > max[j]) max[j] = v;
    }
  }
  for (let j = 0; j < d; j++) {
    if (min[j] === Infinity) {
      min[j] = 0;
      max[j] = 0;
    }
  }
  return { min, max };
}

/** Maps a row to [0, 1] per column; a constant column maps to 0, values outside the fitted range to its ends. */
export function scaleRow(x, scaler) {
  const d = scaler.min.length;
  const out = new Array(d);
  for (let j = 0; j < d; j++) {
    const lo = scaler.min[j];
    const span = scaler.max[j] - lo;
    // Clipped to the training range: an RBF kernel decays to nothing far outside the data it saw,
    // so an address with more evidence than any training row (a worse attacker) would score as
    // if it had none. At the edge it scores like the strongest rows it was trained on.
    const v = span > 0 ? ((x[j] ?? 0) - lo) / span : 0;
    out[j] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
  return out;
}

/** Parses a two-class RBF libsvm model text into dense support vectors. */
export function parseSvmModel(text, d) {
  const lines = text.split("\n");
  const head = new Map();
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "SV") {
      i++;
      break;
    }
    const sp = line.indexOf(" ");
    if (sp > 0) head.set(line.slice(0, sp), line.slice(sp + 1));
  }
  if (head.get("kernel_type") !== "rbf")
    throw new Error(`only RBF models are supported, got ${head.get("kernel_type")}`);
  if (head.get("nr_class") !== "2")
    throw new Error(`only two-class models are supported, got ${head.get("nr_class")}`);
  const total = Number(head.get("total_sv"));
  const sv = new Float64Array(total * d);
  const coef = new Float64Array(total);
  let k = 0;
  for (; i < lines.length && k < total; i++) {
    const line = lines[i].trim();
    if (line === "") continue;
    const parts = line.split(" ");
    coef[k] = Number(parts[0]);
    for (let p = 1; p < parts.length; p++) {
      const tok = parts[p];
      if (tok === "") continue;
      const c = tok.indexOf(":");
      const idx = Number(tok.slice(0, c));
      if (idx >= 1 && idx <= d) sv[k * d + idx - 1] = Number(tok.slice(c + 1));
    }
    k++;
  }
  const labels = (head.get("label") ?? "1 0").split(" ").map(Number);
  return {
    d,
    total: k,
    gamma: Number(head.get("gamma")),
    rho: Number(head.get("rho")),
    // libsvm's decision value favours the first label; we orient it so positive means malicious (label 1).
    sign: labels[0] === 1 ? 1 : -1,
    sv,
    coef,
  };
}

/** Oriented decision value: > 0 leans malicious. `x` must already be scaled. */
export function decisionValue(model, x) {
  const { d, total, gamma, sv, coef } = model;
  let sum = 0;
  for (let k = 0; k < total; k++) {
    const o = k * d;
    let dist = 0;
    for (let j = 0; j < d; j++) {
      const diff = sv[o + j] - x[j];
      dist += diff * diff;
    }
    sum += coef[k] * Math.exp(-gamma * dist);
  }
  return model.sign * (sum - model.rho);
}
