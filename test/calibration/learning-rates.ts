// `npm run calibrate:learning-rates [seeds]`: where each tf.train optimizer really diverges, measured
// with the real @tensorflow/tfjs 4.22 (CPU backend) on a few standard small problems. Prints one
// table per problem (final loss per rate) and a summary: per optimizer and problem, the smallest
// rate whose loss ends non-finite (NaN/Infinity), the smallest rate whose final loss is no better
// than the start, and the rates that train. extreme-learning-rate's ceilings come from this table
// (rules/extreme-learning-rate.md). Not part of `npm test`: it takes minutes.
import { realTf } from '../harness/run-snippet';
import { rng } from '../shapes/generator'; // seeded, so every run sees the same data

type Tf = Awaited<ReturnType<typeof realTf>>;

/** The optimizers extreme-learning-rate judges, built the way user code builds them. */
const OPTIMIZERS: Record<string, (tf: Tf, lr: number) => import('@tensorflow/tfjs').Optimizer> = {
  sgd: (tf, lr) => tf.train.sgd(lr),
  momentum: (tf, lr) => tf.train.momentum(lr, 0.9),
  adam: (tf, lr) => tf.train.adam(lr),
  adamax: (tf, lr) => tf.train.adamax(lr),
  adagrad: (tf, lr) => tf.train.adagrad(lr),
  adadelta: (tf, lr) => tf.train.adadelta(lr),
  rmsprop: (tf, lr) => tf.train.rmsprop(lr),
};

/** Half-decade grid from 1e-7 to 1000. */
const RATES = [1e-7, 1e-6, 1e-5, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.2, 0.3, 0.5, 1, 2, 3, 5, 10, 30, 100, 1000];

interface Problem {
  name: string;
  description: string;
  epochs: number;
  batchSize: number;
  /** Features, targets, and the model (seeded initializers), for one seed. */
  build(tf: Tf, seed: number): { xs: number[][]; ys: number[][]; model: import('@tensorflow/tfjs').Sequential; loss: string };
  /** The loss of the best constant prediction: "trains" means the final loss is well below it. */
  baseline(ys: number[][]): number;
}

const meanSquaredBaseline = (ys: number[][]): number => {
  const flat = ys.map((r) => r[0]);
  const mean = flat.reduce((a, b) => a + b, 0) / flat.length;
  return flat.reduce((a, b) => a + (b - mean) ** 2, 0) / flat.length;
};

const dense = (tf: Tf, seed: number, config: { units: number; inputShape?: number[]; activation?: 'relu' | 'softmax' | 'linear' }) =>
  tf.layers.dense({ ...config, kernelInitializer: tf.initializers.glorotUniform({ seed }) });

const PROBLEMS: Problem[] = [
  {
    name: 'linear-scaled',
    description: 'linear regression, 3 features in [-1, 1], y = 2a - 3b + 0.5c + 1 + noise; dense(1); 128 samples, batch 32, 50 epochs',
    epochs: 50,
    batchSize: 32,
    build(tf, seed) {
      const r = rng(seed);
      const xs = Array.from({ length: 128 }, () => [r() * 2 - 1, r() * 2 - 1, r() * 2 - 1]);
      const ys = xs.map(([a, b, c]) => [2 * a - 3 * b + 0.5 * c + 1 + (r() - 0.5) * 0.1]);
      const model = tf.sequential({ layers: [dense(tf, seed, { units: 1, inputShape: [3] })] });
      return { xs, ys, model, loss: 'meanSquaredError' };
    },
    baseline: meanSquaredBaseline,
  },
  {
    name: 'linear-unscaled',
    description: 'linear regression on raw features (area 50-250, age 0-100, rooms 1-8), price = 2 area - 0.5 age + 10 rooms + 50; dense(1); 128 samples, batch 32, 50 epochs',
    epochs: 50,
    batchSize: 32,
    build(tf, seed) {
      const r = rng(seed);
      const xs = Array.from({ length: 128 }, () => [50 + r() * 200, r() * 100, 1 + Math.floor(r() * 8)]);
      const ys = xs.map(([area, age, rooms]) => [2 * area - 0.5 * age + 10 * rooms + 50 + (r() - 0.5) * 10]);
      const model = tf.sequential({ layers: [dense(tf, seed, { units: 1, inputShape: [3] })] });
      return { xs, ys, model, loss: 'meanSquaredError' };
    },
    baseline: meanSquaredBaseline,
  },
  {
    name: 'mlp-scaled',
    description: 'non-linear regression, x in [-1, 1], y = sin(3x); dense(16, relu), dense(1); 128 samples, batch 16, 50 epochs',
    epochs: 50,
    batchSize: 16,
    build(tf, seed) {
      const r = rng(seed);
      const xs = Array.from({ length: 128 }, () => [r() * 2 - 1]);
      const ys = xs.map(([x]) => [Math.sin(3 * x)]);
      const model = tf.sequential({
        layers: [dense(tf, seed, { units: 16, inputShape: [1], activation: 'relu' }), dense(tf, seed + 1, { units: 1 })],
      });
      return { xs, ys, model, loss: 'meanSquaredError' };
    },
    baseline: meanSquaredBaseline,
  },
  {
    name: 'classifier',
    description: '3 Gaussian blobs in 2-D (scaled), one-hot labels; dense(16, relu), dense(3, softmax), categoricalCrossentropy; 150 samples, batch 32, 40 epochs',
    epochs: 40,
    batchSize: 32,
    build(tf, seed) {
      const r = rng(seed);
      const gauss = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
      const centres = [[-1, -1], [1, -0.5], [0, 1]];
      const xs: number[][] = [];
      const ys: number[][] = [];
      for (let i = 0; i < 150; i++) {
        const k = i % 3;
        xs.push([centres[k][0] + 0.4 * gauss(), centres[k][1] + 0.4 * gauss()]);
        ys.push([0, 1, 2].map((j) => (j === k ? 1 : 0)));
      }
      const model = tf.sequential({
        layers: [dense(tf, seed, { units: 16, inputShape: [2], activation: 'relu' }), dense(tf, seed + 1, { units: 3, activation: 'softmax' })],
      });
      return { xs, ys, model, loss: 'categoricalCrossentropy' };
    },
    baseline: () => Math.log(3),
  },
];

interface Run {
  first: number;
  last: number;
  baseline: number;
}

async function train(tf: Tf, problem: Problem, optimizer: string, lr: number, seed: number): Promise<Run> {
  const { xs, ys, model, loss } = problem.build(tf, seed);
  model.compile({ optimizer: OPTIMIZERS[optimizer](tf, lr), loss });
  const x = tf.tensor2d(xs);
  const y = tf.tensor2d(ys);
  // The loss of the untrained model, so "no better than the start" compares like with like.
  const first = (model.evaluate(x, y, { batchSize: 256 }) as import('@tensorflow/tfjs').Scalar).dataSync()[0];
  const history = await model.fit(x, y, { epochs: problem.epochs, batchSize: problem.batchSize, shuffle: false, verbose: 0 });
  const losses = history.history.loss as number[];
  const last = losses[losses.length - 1];
  tf.dispose([x, y]);
  model.dispose();
  return { first, last, baseline: problem.baseline(ys) };
}

type Verdict = 'nan' | 'worse' | 'stuck' | 'trains';

/** NaN/Infinity; no better than the untrained model; better but not well below the constant baseline; trains. */
function verdict(run: Run): Verdict {
  if (!Number.isFinite(run.last)) return 'nan';
  if (run.last >= run.first) return 'worse';
  if (run.last > 0.5 * run.baseline) return 'stuck';
  return 'trains';
}

/** Worst verdict over seeds: a rate counts as diverging if any seed diverges. */
const ORDER: Verdict[] = ['nan', 'worse', 'stuck', 'trains'];
const worst = (vs: Verdict[]): Verdict => ORDER[Math.min(...vs.map((v) => ORDER.indexOf(v)))];

const fmt = (n: number): string => (n === undefined ? '-' : String(n));
const fmtLoss = (n: number): string => (!Number.isFinite(n) ? String(n) : Math.abs(n) >= 1e4 || (n !== 0 && Math.abs(n) < 1e-3) ? n.toExponential(1) : n.toPrecision(3));

async function main(): Promise<void> {
  const seeds = Array.from({ length: Number(process.argv[2] ?? 2) }, (_, i) => 1 + i);
  const only = process.argv[3]?.split(',');
  const tf = await realTf();
  const summary: string[] = [];
  const started = Date.now();
  for (const problem of PROBLEMS) {
    if (only && !only.includes(problem.name)) continue;
    console.log(`\n## ${problem.name}: ${problem.description}; seeds ${seeds.join(', ')}`);
    console.log(`final loss (seed ${seeds[0]}) / verdict over all seeds; N = NaN or Infinity, W = no better than the untrained model, S = better but above half the constant-prediction loss, . = trains\n`);
    console.log(['rate'.padStart(7), ...Object.keys(OPTIMIZERS).map((o) => o.padStart(14))].join(' '));
    const verdicts: Record<string, Map<number, Verdict>> = {};
    for (const lr of RATES) {
      const cells: string[] = [];
      for (const optimizer of Object.keys(OPTIMIZERS)) {
        const runs: Run[] = [];
        for (const seed of seeds) runs.push(await train(tf, problem, optimizer, lr, seed));
        const v = worst(runs.map(verdict));
        (verdicts[optimizer] ??= new Map()).set(lr, v);
        cells.push(`${fmtLoss(runs[0].last)} ${{ nan: 'N', worse: 'W', stuck: 'S', trains: '.' }[v]}`.padStart(14));
      }
      console.log([fmt(lr).padStart(7), ...cells].join(' '));
    }
    for (const optimizer of Object.keys(OPTIMIZERS)) {
      const row = verdicts[optimizer];
      const firstOf = (pred: (v: Verdict) => boolean) => RATES.find((lr) => pred(row.get(lr)!));
      const training = RATES.filter((lr) => row.get(lr) === 'trains');
      summary.push(
        `| ${problem.name} | ${optimizer} | ${fmt(firstOf((v) => v === 'nan') as number)} | ${fmt(firstOf((v) => v === 'nan' || v === 'worse') as number)} | ${training.length ? `${fmt(training[0])} .. ${fmt(training[training.length - 1])}` : 'none'} |`,
      );
    }
  }
  console.log('\n## Summary (smallest rate of the grid with that verdict, worst over seeds)\n');
  console.log('| problem | optimizer | first NaN/Infinity | first no better than start | rates that train |');
  console.log('|---|---|---|---|---|');
  for (const line of summary) console.log(line);
  console.log(`\ngrid: ${RATES.join(', ')}; ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
