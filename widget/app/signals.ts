/**
 * The widget's signals: @preact/signals-core alone, so that the first paint (first-paint/) and the
 * stores need nothing of Preact. Components re-render on the signals they read through
 * components/signal-tracking.ts, which the interactive widget installs.
 */
export { batch, computed, effect, type ReadonlySignal, type Signal, signal } from '@preact/signals-core';
