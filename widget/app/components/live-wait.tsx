import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { createCountdown } from '../state/countdown.ts';

interface Props {
  /** The seconds the server asked to wait. */
  seconds: number;
  /** What the wait belongs to: a new failure with the same seconds starts the count again. */
  from: unknown;
  /** "Повторите через 7 с." for a number of seconds. */
  text: (left: number) => string;
  /** At zero: the caller clears the failure and gives the button back. */
  onDone?: () => void;
}

/**
 * "Повторите через 7 с.", counting down each second. Screen readers hear the sentence once, as
 * it was when the failure was announced: a number changing inside an alert every second would be
 * read out every second.
 */
export function LiveWait({ seconds, from, text, onDone }: Props) {
  const done = useRef(onDone);
  done.current = onDone;
  const [countdown] = useState(() => createCountdown(() => done.current?.()));
  useLayoutEffect(() => {
    countdown.start(seconds);
    return countdown.stop;
  }, [countdown, seconds, from]);
  const left = countdown.left.value || seconds;
  return (
    <>
      <span class="live-wait" aria-hidden="true">
        {text(left)}
      </span>
      <span class="visually-hidden">{text(seconds)}</span>
    </>
  );
}
