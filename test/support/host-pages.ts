// HTML, Vue and Svelte files shared by the engine, CLI and language-server tests of host files:
// the same pages, so the front ends are checked against the same positions and fixes.

/** A page loading tfjs from a CDN: its code uses the browser global `tf`. */
export const TFJS_CDN = '<script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/dist/tf.min.js"></script>';

/**
 * A page whose inline script takes the log of a sigmoid (unsafe-log, line 7), followed by a
 * template script and markup text that look like the same code but are not code.
 */
export const PAGE = `<!doctype html>
<html>
<head>${TFJS_CDN}</head>
<body>
<script>
  const logits = tf.zeros([2, 3]);
  const lp = tf.log(tf.sigmoid(logits));
</script>
<script type="text/template"><b>tf.log(tf.sigmoid(x))</b></script>
<p>tf.log(tf.sigmoid(logits)) in the markup is text, not code</p>
</body>
</html>
`;

/** A Vue single-file component (TypeScript) with softmax units trained with MSE (line 7). */
export const VUE = `<template><div>{{ n }}</div></template>
<script setup lang="ts">
import * as tf from '@tensorflow/tfjs';
const n: number = 3;
const model = tf.sequential();
model.add(tf.layers.dense({ units: n, activation: 'softmax', inputShape: [4] }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
</script>
`;

/** A Svelte component taking the log of a softmax (unsafe-log, line 4). */
export const SVELTE = `<script>
  import * as tf from '@tensorflow/tfjs';
  export let x;
  const y = tf.log(tf.softmax(tf.zeros([2, 3])));
</script>

<p>{x}</p>
`;
