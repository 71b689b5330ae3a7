/** Classification metrics used by `earshot eval` and training. */

/** Recall of each class index `0…k-1` (NaN when a class has no gold items). */
export function recalls(gold: readonly number[], pred: readonly number[], k: number): number[] {
  const tp = new Array<number>(k).fill(0);
  const support = new Array<number>(k).fill(0);
  gold.forEach((g, i) => {
    support[g]!++;
    if (pred[i] === g) tp[g]!++;
  });
  return tp.map((t, c) => (support[c]! > 0 ? t / support[c]! : NaN));
}

/** Macro-averaged F1 over the classes present in `gold`. */
export function macroF1(gold: readonly number[], pred: readonly number[], k: number): number {
  let sum = 0;
  let classes = 0;
  for (let c = 0; c < k; c++) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      if (pred[i] === c && g === c) tp++;
      else if (pred[i] === c) fp++;
      else if (g === c) fn++;
    });
    if (tp + fn === 0) continue;
    classes++;
    sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return classes ? sum / classes : NaN;
}

/** Share of items where `pred` equals `gold`. */
export function accuracy(gold: readonly number[], pred: readonly number[]): number {
  if (gold.length === 0) return NaN;
  return gold.filter((g, i) => pred[i] === g).length / gold.length;
}
